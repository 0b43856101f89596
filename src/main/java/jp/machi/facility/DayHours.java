package jp.machi.facility;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import jp.machi.shared.text.LocalizedText;

/**
 * The computed hours of one day.
 *
 * @param date    the day
 * @param periods when it is open, in order; empty when closed
 * @param reason  why the day is as it is (a closure rule, an exception or the regular pattern)
 * @param note    the exception's reason or the holiday's name, if any
 */
public record DayHours(LocalDate date, List<TimeRange> periods, Reason reason, LocalizedText note) {

    public DayHours {
        periods = periods == null ? List.of() : List.copyOf(periods);
    }

    public boolean open() {
        return !periods.isEmpty();
    }

    public boolean openAt(LocalTime time) {
        return periods.stream().anyMatch(p -> p.contains(time));
    }

    /** Why a day is open or closed; the message key is {@code facility.reason.<name>}. */
    public enum Reason {
        REGULAR, NO_REGULAR_HOURS, EXCEPTION_CLOSED, EXCEPTION_HOURS, YEAR_END, WEEKLY_CLOSED, HOLIDAY_CLOSED,
        HOLIDAY_OPEN, CLOSED_AFTER_HOLIDAY
    }
}
