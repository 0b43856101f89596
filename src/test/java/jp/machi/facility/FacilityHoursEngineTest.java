package jp.machi.facility;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.FRIDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.facility.DayHours.Reason;
import jp.machi.facility.internal.HolidayRule;
import jp.machi.facility.internal.HoursEngine;
import jp.machi.facility.internal.HoursRules;
import jp.machi.holiday.Holiday;
import jp.machi.holiday.PublicHolidays;
import org.junit.jupiter.api.Test;

/** The hours engine against fixed holidays of 2026/27 (as the Cabinet Office lists them). */
class FacilityHoursEngineTest {

    static final Map<LocalDate, String> DAYS = Map.of(
        LocalDate.of(2026, 9, 21), "敬老の日",
        LocalDate.of(2026, 9, 22), "休日",
        LocalDate.of(2026, 9, 23), "秋分の日",
        LocalDate.of(2026, 11, 3), "文化の日",
        LocalDate.of(2026, 11, 23), "勤労感謝の日",
        LocalDate.of(2027, 1, 1), "元日",
        LocalDate.of(2027, 1, 11), "成人の日",
        LocalDate.of(2026, 7, 17), "テストの日"); // a Friday holiday, only for the weekend test

    static final PublicHolidays HOLIDAYS = new PublicHolidays() {
        @Override
        public Optional<Holiday> on(LocalDate date) {
            return Optional.ofNullable(DAYS.get(date)).map(n -> new Holiday(date, n, n + " (en)"));
        }

        @Override
        public List<Holiday> inYear(int year) {
            return DAYS.keySet().stream().filter(d -> d.getYear() == year).sorted().map(d -> on(d).orElseThrow()).toList();
        }
    };

    final HoursEngine engine = new HoursEngine(HOLIDAYS);

    static HoursRules hall(HolidayRule rule) {
        return HoursRules.builder().everyDay("09:00", "21:30").closedOn(MONDAY, rule).build();
    }

    @Test
    void aRegularDayHasTheWeeklyPattern() {
        DayHours d = engine.on(hall(HolidayRule.CLOSE_ANYWAY), LocalDate.of(2026, 11, 25));
        assertThat(d.open()).isTrue();
        assertThat(d.reason()).isEqualTo(Reason.REGULAR);
        assertThat(d.periods()).containsExactly(new TimeRange(LocalTime.of(9, 0), LocalTime.of(21, 30)));
    }

    @Test
    void mondayClosedOpenCloseNextWeekdayAcrossTheSilverWeek() {
        HoursRules rules = hall(HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY);
        // Monday 9/14 is an ordinary closed day
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 14)).reason()).isEqualTo(Reason.WEEKLY_CLOSED);
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 15)).reason()).isEqualTo(Reason.REGULAR);
        // 9/21 敬老の日 (Monday): open; 9/22 国民の休日 and 9/23 秋分の日: open as usual; Thursday 9/24 closed instead
        DayHours respect = engine.on(rules, LocalDate.of(2026, 9, 21));
        assertThat(respect.open()).isTrue();
        assertThat(respect.reason()).isEqualTo(Reason.HOLIDAY_OPEN);
        assertThat(respect.note().ja()).isEqualTo("敬老の日");
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 22)).open()).isTrue();
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 23)).open()).isTrue();
        DayHours thursday = engine.on(rules, LocalDate.of(2026, 9, 24));
        assertThat(thursday.open()).isFalse();
        assertThat(thursday.reason()).isEqualTo(Reason.CLOSED_AFTER_HOLIDAY);
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 25)).open()).isTrue();
        // 11/23 勤労感謝の日 (Monday): open, Tuesday 11/24 closed
        assertThat(engine.on(rules, LocalDate.of(2026, 11, 23)).open()).isTrue();
        assertThat(engine.on(rules, LocalDate.of(2026, 11, 24)).reason()).isEqualTo(Reason.CLOSED_AFTER_HOLIDAY);
        assertThat(engine.on(rules, LocalDate.of(2026, 11, 25)).open()).isTrue();
        // a Tuesday holiday after an ordinary Monday moves nothing
        assertThat(engine.on(rules, LocalDate.of(2026, 11, 4)).open()).isTrue();
    }

    @Test
    void mondayClosedCloseAnywayStaysClosedOnTheHolidayAndOpensNextDay() {
        HoursRules rules = hall(HolidayRule.CLOSE_ANYWAY);
        DayHours respect = engine.on(rules, LocalDate.of(2026, 9, 21));
        assertThat(respect.open()).isFalse();
        assertThat(respect.reason()).isEqualTo(Reason.WEEKLY_CLOSED);
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 22)).open()).isTrue();
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 24)).open()).isTrue();
    }

    @Test
    void aFridayClosedDayOnAHolidayMovesOverTheWeekendToMonday() {
        HoursRules rules = HoursRules.builder().everyDay("10:00", "17:00").closedOn(FRIDAY, HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY).build();
        assertThat(engine.on(rules, LocalDate.of(2026, 7, 17)).open()).isTrue();
        assertThat(engine.on(rules, LocalDate.of(2026, 7, 18)).open()).isTrue();
        assertThat(engine.on(rules, LocalDate.of(2026, 7, 19)).open()).isTrue();
        assertThat(engine.on(rules, LocalDate.of(2026, 7, 20)).reason()).isEqualTo(Reason.CLOSED_AFTER_HOLIDAY);
    }

    @Test
    void yearEndClosureWrapsIntoTheNewYearAndBeatsTheHolidayRules() {
        HoursRules rules = hall(HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY);
        List<DayHours> days = engine.days(rules, LocalDate.of(2026, 12, 28), 8);
        assertThat(days).extracting(DayHours::reason).containsExactly(
            Reason.WEEKLY_CLOSED,  // Mon 12-28
            Reason.YEAR_END, Reason.YEAR_END, Reason.YEAR_END, Reason.YEAR_END, Reason.YEAR_END, Reason.YEAR_END,
            Reason.WEEKLY_CLOSED); // Mon 01-04
        // 1/1 元日 is inside the closure: nothing moves to 1/5
        assertThat(engine.on(rules, LocalDate.of(2027, 1, 5)).open()).isTrue();
        // 成人の日 Monday 1/11 opens, Tuesday 1/12 closes
        assertThat(engine.on(rules, LocalDate.of(2027, 1, 11)).open()).isTrue();
        assertThat(engine.on(rules, LocalDate.of(2027, 1, 12)).open()).isFalse();
    }

    @Test
    void aFacilityWithoutYearEndClosureOpensOnNewYearsEveUnlessItClosesOnHolidays() {
        HoursRules library = HoursRules.builder().everyDay("09:00", "20:00").yearEnd(null, null).build();
        assertThat(engine.on(library, LocalDate.of(2026, 12, 31)).open()).isTrue();
        assertThat(engine.on(library, LocalDate.of(2027, 1, 1)).open()).isTrue();
        HoursRules office = HoursRules.builder().weekdays("08:30", "17:15").yearEnd(null, null).closedOnHolidays(true).build();
        DayHours newYear = engine.on(office, LocalDate.of(2027, 1, 1));
        assertThat(newYear.reason()).isEqualTo(Reason.HOLIDAY_CLOSED);
        assertThat(newYear.note().en()).isEqualTo("元日 (en)");
        assertThat(engine.on(office, LocalDate.of(2027, 1, 2)).reason()).isEqualTo(Reason.NO_REGULAR_HOURS);
        HoursRules custom = HoursRules.builder().everyDay("09:00", "17:00").yearEnd(MonthDay.of(12, 31), MonthDay.of(12, 31)).build();
        assertThat(engine.on(custom, LocalDate.of(2026, 12, 31)).reason()).isEqualTo(Reason.YEAR_END);
        assertThat(engine.on(custom, LocalDate.of(2027, 1, 1)).open()).isTrue();
    }

    @Test
    void theClosedDayRuleBeatsClosingOnHolidays() {
        HoursRules rules = HoursRules.builder().everyDay("09:00", "17:00").closedOn(MONDAY, HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY)
            .closedOnHolidays(true).build();
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 21)).reason()).isEqualTo(Reason.HOLIDAY_OPEN);
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 22)).reason()).isEqualTo(Reason.HOLIDAY_CLOSED);
    }

    @Test
    void dateExceptionsBeatEverything() {
        HoursRules rules = HoursRules.builder().everyDay("09:00", "21:30").closedOn(MONDAY, HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY)
            .closedOnDate(LocalDate.of(2026, 9, 21), "設備点検")
            .specialHours(LocalDate.of(2026, 12, 30), "10:00", "12:00", "臨時開館")
            .closedOnDate(LocalDate.of(2026, 11, 26), "選挙の投票所").build();
        DayHours inspection = engine.on(rules, LocalDate.of(2026, 9, 21));
        assertThat(inspection.reason()).isEqualTo(Reason.EXCEPTION_CLOSED);
        assertThat(inspection.note().ja()).isEqualTo("設備点検");
        // the holiday's closed day did not open, so nothing moves to Thursday
        assertThat(engine.on(rules, LocalDate.of(2026, 9, 24)).open()).isTrue();
        DayHours special = engine.on(rules, LocalDate.of(2026, 12, 30));
        assertThat(special.reason()).isEqualTo(Reason.EXCEPTION_HOURS);
        assertThat(special.periods()).containsExactly(new TimeRange(LocalTime.of(10, 0), LocalTime.of(12, 0)));
        assertThat(engine.on(rules, LocalDate.of(2026, 11, 26)).open()).isFalse();
    }

    @Test
    void openNowLooksAtEveryPeriodAndTheClosingMinuteIsClosed() {
        HoursRules rules = HoursRules.builder().open(java.time.DayOfWeek.WEDNESDAY, "09:00", "12:00")
            .open(java.time.DayOfWeek.WEDNESDAY, "13:00", "17:00").build();
        LocalDate wednesday = LocalDate.of(2026, 11, 25);
        assertThat(engine.openAt(rules, LocalDateTime.of(wednesday, LocalTime.of(8, 59)))).isFalse();
        assertThat(engine.openAt(rules, LocalDateTime.of(wednesday, LocalTime.of(9, 0)))).isTrue();
        assertThat(engine.openAt(rules, LocalDateTime.of(wednesday, LocalTime.of(12, 30)))).isFalse();
        assertThat(engine.openAt(rules, LocalDateTime.of(wednesday, LocalTime.of(16, 59)))).isTrue();
        assertThat(engine.openAt(rules, LocalDateTime.of(wednesday, LocalTime.of(17, 0)))).isFalse();
        assertThat(engine.days(rules, wednesday, 14)).hasSize(14).filteredOn(DayHours::open).hasSize(2);
    }

    @Test
    void aPlaceWithNoHoursRegisteredIsUnknownNotClosed() {
        HoursRules park = HoursRules.builder().yearEnd(null, null).build();
        DayHours today = engine.on(park, LocalDate.of(2026, 12, 8));
        assertThat(today.reason()).isEqualTo(Reason.HOURS_UNKNOWN);
        assertThat(today.known()).isFalse();
        assertThat(today.open()).isFalse();
        // a weekday without hours in a registered pattern is closed, and known to be
        HoursRules office = HoursRules.builder().weekdays("08:30", "17:15").yearEnd(null, null).build();
        DayHours saturday = engine.on(office, LocalDate.of(2026, 12, 12));
        assertThat(saturday.reason()).isEqualTo(Reason.NO_REGULAR_HOURS);
        assertThat(saturday.known()).isTrue();
    }
}
