package jp.machi.holiday.web;

import java.util.Optional;
import jp.machi.holiday.PublicHolidays;

/** Reads the {@code year} parameter of the page and the API: four digits, 1955–2099. */
public final class HolidayYear {

    private HolidayYear() {}

    /** The year, or empty when missing, not a number or out of range. */
    public static Optional<Integer> parse(String text) {
        if (text == null || !text.strip().matches("\\d{4}")) {
            return Optional.empty();
        }
        int year = Integer.parseInt(text.strip());
        return year < PublicHolidays.FIRST_YEAR || year > PublicHolidays.LAST_YEAR ? Optional.empty() : Optional.of(year);
    }

    /** The message key that says what is wrong with it. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "holiday.year.missing";
        }
        return text.strip().matches("\\d{1,9}") ? "holiday.year.range" : "holiday.year.invalid";
    }
}
