package jp.machi.identity;

/** Published when a resident deletes their account; modules holding their data erase or anonymise it. */
public record ResidentDeleted(long accountId) {}
