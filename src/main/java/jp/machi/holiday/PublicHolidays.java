package jp.machi.holiday;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The port other modules use to ask about public holidays. Supported years: 1955 to 2099. */
public interface PublicHolidays {

    int FIRST_YEAR = 1955;
    int LAST_YEAR = 2099;

    /** The holiday on that date, if any (dates outside the supported years have none). */
    Optional<Holiday> on(LocalDate date);

    default boolean isHoliday(LocalDate date) {
        return on(date).isPresent();
    }

    /** Every holiday of the year in date order; IllegalArgumentException outside 1955–2099. */
    List<Holiday> inYear(int year);
}
