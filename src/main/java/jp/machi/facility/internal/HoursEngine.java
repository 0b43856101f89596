package jp.machi.facility.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.machi.facility.DayHours;
import jp.machi.facility.DayHours.Reason;
import jp.machi.facility.TimeRange;
import jp.machi.holiday.Holiday;
import jp.machi.holiday.PublicHolidays;
import jp.machi.shared.text.LocalizedText;

/**
 * Computes opening hours from {@link HoursRules} and the public holidays; nothing here is stored.
 *
 * <p>Precedence, first match wins: a date exception; the year-end closure; the weekly closed day with its holiday
 * rule (with {@link HolidayRule#OPEN_CLOSE_NEXT_WEEKDAY} the facility opens on the holiday and closes on the next
 * weekday that is not a holiday); closing on public holidays; the weekly pattern.
 *
 * <p>On a closed day opened because it is a holiday, the facility keeps that weekday's pattern when it has one,
 * otherwise Sunday's.
 */
public final class HoursEngine {

    /** How far back to look for a closed day moved by a holiday run (Golden Week is the longest run). */
    private static final int MAX_HOLIDAY_RUN = 10;

    private final PublicHolidays holidays;

    public HoursEngine(PublicHolidays holidays) {
        this.holidays = holidays;
    }

    PublicHolidays holidays() {
        return holidays;
    }

    public DayHours on(HoursRules rules, LocalDate date) {
        HoursRules.DateException exception = rules.exceptions().get(date);
        if (exception != null) {
            return exception.closed()
                ? new DayHours(date, List.of(), Reason.EXCEPTION_CLOSED, exception.reason())
                : new DayHours(date, exception.periods(), Reason.EXCEPTION_HOURS, exception.reason());
        }
        if (inYearEnd(rules, date)) {
            return new DayHours(date, List.of(), Reason.YEAR_END, null);
        }
        Optional<Holiday> holiday = holidays.on(date);
        LocalizedText holidayName = holiday.map(h -> new LocalizedText(h.name(), h.nameEn())).orElse(null);
        DayOfWeek closedDay = rules.weeklyClosedDay();
        if (closedDay != null && date.getDayOfWeek() == closedDay) {
            if (holiday.isPresent() && rules.holidayRule() == HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY) {
                List<TimeRange> periods = rules.on(closedDay).isEmpty() ? rules.on(DayOfWeek.SUNDAY) : rules.on(closedDay);
                return new DayHours(date, periods, periods.isEmpty() ? noHours(rules) : Reason.HOLIDAY_OPEN, holidayName);
            }
            return new DayHours(date, List.of(), Reason.WEEKLY_CLOSED, holidayName);
        }
        if (closedDay != null && rules.holidayRule() == HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY && holiday.isEmpty()
            && isWeekday(date) && closedDayMovedTo(rules, date)) {
            return new DayHours(date, List.of(), Reason.CLOSED_AFTER_HOLIDAY, null);
        }
        if (holiday.isPresent() && rules.closedOnHolidays()) {
            return new DayHours(date, List.of(), Reason.HOLIDAY_CLOSED, holidayName);
        }
        List<TimeRange> periods = rules.on(date.getDayOfWeek());
        return new DayHours(date, periods, periods.isEmpty() ? noHours(rules) : Reason.REGULAR, holidayName);
    }

    /** A day without periods: closed that weekday, or, when no hours are registered at all, not known. */
    private static Reason noHours(HoursRules rules) {
        return rules.weekly().isEmpty() ? Reason.HOURS_UNKNOWN : Reason.NO_REGULAR_HOURS;
    }

    /** The hours of {@code days} days from {@code from} on. */
    public List<DayHours> days(HoursRules rules, LocalDate from, int days) {
        List<DayHours> result = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            result.add(on(rules, from.plusDays(i)));
        }
        return result;
    }

    /** Open at that local time (Asia/Tokyo wall clock)? */
    public boolean openAt(HoursRules rules, LocalDateTime at) {
        return on(rules, at.toLocalDate()).openAt(at.toLocalTime());
    }

    static boolean inYearEnd(HoursRules rules, LocalDate date) {
        MonthDay from = rules.yearEndFrom();
        MonthDay to = rules.yearEndTo();
        if (from == null) {
            return false;
        }
        MonthDay d = MonthDay.from(date);
        if (!from.isAfter(to)) {
            return !d.isBefore(from) && !d.isAfter(to);
        }
        return !d.isBefore(from) || !d.isAfter(to); // wraps into the next year, e.g. 12-29 .. 01-03
    }

    private static boolean isWeekday(LocalDate date) {
        return date.getDayOfWeek().getValue() <= 5;
    }

    /**
     * True when {@code date} is the first weekday that is not a holiday after a weekly closed day that fell on a
     * holiday (the days between being holidays or weekends).
     */
    private boolean closedDayMovedTo(HoursRules rules, LocalDate date) {
        LocalDate d = date.minusDays(1);
        for (int i = 0; i < MAX_HOLIDAY_RUN; i++, d = d.minusDays(1)) {
            boolean holiday = holidays.isHoliday(d);
            if (d.getDayOfWeek() == rules.weeklyClosedDay()) {
                return holiday && rules.exceptions().get(d) == null && !inYearEnd(rules, d);
            }
            if (!holiday && isWeekday(d)) {
                return false;
            }
        }
        return false;
    }
}
