package jp.machi.holiday;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Working days (開庁日) of the ward offices, for due dates and response targets (report, inquiry): weekends, public
 * holidays and the year-end break (12/29–1/3) do not count.
 */
@Component
public class WorkingDays {

    private final PublicHolidays holidays;

    public WorkingDays(PublicHolidays holidays) {
        this.holidays = holidays;
    }

    public boolean isWorkingDay(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        if ((d.getMonthValue() == 12 && d.getDayOfMonth() >= 29) || (d.getMonthValue() == 1 && d.getDayOfMonth() <= 3)) {
            return false;
        }
        return d.getYear() < PublicHolidays.FIRST_YEAR || d.getYear() > PublicHolidays.LAST_YEAR || !holidays.isHoliday(d);
    }

    /** The date {@code days} working days after {@code start} (the day of receipt does not count). */
    public LocalDate add(LocalDate start, int days) {
        LocalDate d = start;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }
}
