package jp.machi.reservation.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reading the ids and days of reservation's URLs and query parameters the same way everywhere: a number of at most 18
 * digits, a day written {@code YYYY-MM-DD}; anything else is "not given" (the caller answers 404 or 400).
 */
public final class Params {

    private Params() {}

    public static Optional<Long> id(String s) {
        return s != null && s.matches("\\d{1,18}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }

    public static LocalDate date(String s) {
        if (s == null || s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
