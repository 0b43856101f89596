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

    /** False when no opening hours are registered for the place at all (a park, a shelter): unknown is not closed. */
    public boolean known() {
        return reason != Reason.HOURS_UNKNOWN;
    }

    public boolean openAt(LocalTime time) {
        return periods.stream().anyMatch(p -> p.contains(time));
    }

    /**
     * Why a day is open or closed; the message key is {@code facility.reason.<name>}. {@code NO_REGULAR_HOURS}: the
     * weekly pattern has no hours on this weekday; {@code HOURS_UNKNOWN}: the place has no hours registered at all.
     */
    public enum Reason {
        REGULAR, NO_REGULAR_HOURS, HOURS_UNKNOWN, EXCEPTION_CLOSED, EXCEPTION_HOURS, YEAR_END, WEEKLY_CLOSED, HOLIDAY_CLOSED,
        HOLIDAY_OPEN, CLOSED_AFTER_HOLIDAY
    }
}
