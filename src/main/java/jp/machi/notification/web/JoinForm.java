package jp.machi.notification.web;

/** Joining a school's or nursery's list: its code, the address (without an account), a note for the school. */
public record JoinForm(String code, String email, String label, String language) {}
