package jp.machi.facility.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.machi.facility.TimeRange;
import jp.machi.shared.text.LocalizedText;

/**
 * Everything the hours of a facility are computed from.
 *
 * @param weekly           regular periods per weekday (a weekday without periods is closed)
 * @param exceptions       date exceptions (closed, or special periods)
 * @param yearEndFrom      first day of the year-end closure (null = none)
 * @param yearEndTo        last day of the year-end closure, may be in the next year (12-29 .. 01-03)
 * @param weeklyClosedDay  the weekly closed day (休館日), or null
 * @param holidayRule      what happens when the weekly closed day is a public holiday
 * @param closedOnHolidays whether the facility closes on public holidays in general
 */
public record HoursRules(Map<DayOfWeek, List<TimeRange>> weekly, Map<LocalDate, DateException> exceptions,
                         MonthDay yearEndFrom, MonthDay yearEndTo, DayOfWeek weeklyClosedDay,
                         HolidayRule holidayRule, boolean closedOnHolidays) {

    public static final MonthDay DEFAULT_YEAR_END_FROM = MonthDay.of(12, 29);
    public static final MonthDay DEFAULT_YEAR_END_TO = MonthDay.of(1, 3);

    public HoursRules {
        EnumMap<DayOfWeek, List<TimeRange>> w = new EnumMap<>(DayOfWeek.class);
        if (weekly != null) {
            // a single period (the usual case) needs no sorting: thousands of facilities are built per search
            weekly.forEach((d, ps) -> w.put(d, ps.size() == 1 ? List.of(ps.getFirst())
                : ps.stream().sorted(Comparator.comparing(TimeRange::opens)).toList()));
        }
        weekly = w;
        exceptions = exceptions == null || exceptions.isEmpty() ? Map.of() : new TreeMap<>(exceptions);
        if ((yearEndFrom == null) != (yearEndTo == null)) {
            throw new IllegalArgumentException("year-end closure needs both ends");
        }
        holidayRule = holidayRule == null ? HolidayRule.CLOSE_ANYWAY : holidayRule;
    }

    public List<TimeRange> on(DayOfWeek day) {
        return weekly.getOrDefault(day, List.of());
    }

    /** A date exception: closed (no periods) or open in the given periods. */
    public record DateException(boolean closed, List<TimeRange> periods, LocalizedText reason) {
        public DateException {
            periods = closed || periods == null ? List.of() : List.copyOf(periods);
        }
    }

    /** Builds rules in tests and in the demo data. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        private final Map<LocalDate, DateException> exceptions = new TreeMap<>();
        private MonthDay yearEndFrom = DEFAULT_YEAR_END_FROM;
        private MonthDay yearEndTo = DEFAULT_YEAR_END_TO;
        private DayOfWeek closedDay;
        private HolidayRule rule = HolidayRule.CLOSE_ANYWAY;
        private boolean closedOnHolidays;

        public Builder open(DayOfWeek day, String opens, String closes) {
            weekly.computeIfAbsent(day, d -> new ArrayList<>())
                .add(new TimeRange(java.time.LocalTime.parse(opens), java.time.LocalTime.parse(closes)));
            return this;
        }

        public Builder everyDay(String opens, String closes) {
            for (DayOfWeek d : DayOfWeek.values()) {
                open(d, opens, closes);
            }
            return this;
        }

        public Builder weekdays(String opens, String closes) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.getValue() <= 5) {
                    open(d, opens, closes);
                }
            }
            return this;
        }

        public Builder yearEnd(MonthDay from, MonthDay to) {
            this.yearEndFrom = from;
            this.yearEndTo = to;
            return this;
        }

        public Builder closedOn(DayOfWeek day, HolidayRule rule) {
            this.closedDay = day;
            this.rule = rule;
            return this;
        }

        public Builder closedOnHolidays(boolean closed) {
            this.closedOnHolidays = closed;
            return this;
        }

        public Builder closedOnDate(LocalDate date, String reason) {
            exceptions.put(date, new DateException(true, List.of(), new LocalizedText(reason, null)));
            return this;
        }

        public Builder specialHours(LocalDate date, String opens, String closes, String reason) {
            exceptions.put(date, new DateException(false, List.of(new TimeRange(java.time.LocalTime.parse(opens),
                java.time.LocalTime.parse(closes))), new LocalizedText(reason, null)));
            return this;
        }

        public HoursRules build() {
            return new HoursRules(weekly, exceptions, yearEndFrom, yearEndTo, closedDay, rule, closedOnHolidays);
        }
    }
}
