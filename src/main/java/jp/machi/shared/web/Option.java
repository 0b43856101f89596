package jp.machi.shared.web;

/** One choice of a select or a group of radio buttons. */
public record Option(String value, String label) {}
