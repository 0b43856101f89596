package jp.machi.holiday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.machi.holiday.internal.HolidayCalculator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The calculator against the Cabinet Office table, and dates the table does not cover yet. */
class HolidayCalculatorTest {

    final HolidayCalculator calculator = new HolidayCalculator();

    /** The Cabinet Office syukujitsu.csv (Shift_JIS, 1955–2024) as shipped inside businessCalendar4j 17.0.0. */
    static Map<Integer, List<String>> cabinetOfficeTable() throws IOException {
        try (InputStream in = HolidayCalculatorTest.class.getResourceAsStream("/syukujitsu.csv")) {
            assertThat(in).as("syukujitsu.csv from one.cafebabe:businessCalendar4j").isNotNull();
            String text = new String(in.readAllBytes(), Charset.forName("Shift_JIS"));
            Map<Integer, List<String>> byYear = new TreeMap<>();
            for (String line : text.split("\r?\n")) {
                if (line.isBlank() || line.startsWith("国民の祝日")) {
                    continue;
                }
                String[] f = line.split(",");
                String[] ymd = f[0].split("/");
                LocalDate d = LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2]));
                byYear.computeIfAbsent(d.getYear(), y -> new ArrayList<>()).add(d + " " + f[1].strip());
            }
            byYear.values().forEach(l -> l.sort(null));
            return byYear;
        }
    }

    List<String> calculated(int year) {
        return calculator.holidays(year).stream().map(h -> h.date() + " " + h.name()).toList();
    }

    @Test
    void everyYearOfTheCabinetOfficeTableDayForDay() throws IOException {
        Map<Integer, List<String>> table = cabinetOfficeTable();
        assertThat(table.keySet()).contains(1955, 2024).hasSize(2024 - 1955 + 1);
        for (var e : table.entrySet()) {
            assertThat(calculated(e.getKey())).as("year %d", e.getKey()).containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void renamingsAndMovesOverTheYears() {
        assertThat(names(1988)).containsEntry("04-29", "天皇誕生日").doesNotContainKey("12-23");
        assertThat(names(1989)).containsEntry("04-29", "みどりの日").containsEntry("12-23", "天皇誕生日");
        assertThat(names(2019)).doesNotContainValue("天皇誕生日").containsEntry("05-01", "休日（祝日扱い）")
            .containsEntry("04-30", "休日").containsEntry("05-02", "休日").containsEntry("10-22", "休日（祝日扱い）");
        assertThat(names(2020)).containsEntry("02-23", "天皇誕生日").containsEntry("07-23", "海の日")
            .containsEntry("07-24", "スポーツの日").containsEntry("08-10", "山の日").doesNotContainKey("10-12");
        assertThat(names(2021)).containsEntry("07-22", "海の日").containsEntry("07-23", "スポーツの日")
            .containsEntry("08-08", "山の日").containsEntry("08-09", "休日");
        assertThat(names(2007)).containsEntry("04-29", "昭和の日").containsEntry("05-04", "みどりの日");
        assertThat(names(2019)).containsEntry("10-14", "体育の日（スポーツの日）");
        assertThat(names(1995)).doesNotContainValue("海の日");
        assertThat(names(1996)).containsEntry("07-20", "海の日");
        assertThat(names(2015)).doesNotContainValue("山の日");
        assertThat(names(2016)).containsEntry("08-11", "山の日");
    }

    @Test
    void knownDatesAfterTheTable() {
        // 2025: 2/24, 5/6, 9/15 (敬老 on Monday, no substitute), 11/24 substitute days; equinoxes 3/20 and 9/23
        assertThat(names(2025)).containsEntry("02-24", "休日").containsEntry("05-06", "休日")
            .containsEntry("11-24", "休日").containsEntry("03-20", "春分の日").containsEntry("09-23", "秋分の日")
            .containsEntry("01-13", "成人の日").containsEntry("07-21", "海の日").containsEntry("10-13", "スポーツの日")
            .hasSize(19);
        // 2026: 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日; 5/6 substitute for 5/3 (Sunday) under the 2007 wording
        assertThat(names(2026)).containsEntry("09-21", "敬老の日").containsEntry("09-22", "休日")
            .containsEntry("09-23", "秋分の日").containsEntry("05-06", "休日").containsEntry("03-20", "春分の日")
            .hasSize(18);
        assertThat(calculator.holidays(2026).stream().filter(h -> h.date().equals(LocalDate.of(2026, 9, 22)))
            .findFirst().orElseThrow().nameEn()).isEqualTo("Citizens' holiday");
        // 2027: 春分日 3/21 is a Sunday, so Monday 3/22 is off
        assertThat(names(2027)).containsEntry("03-21", "春分の日").containsEntry("03-22", "休日");
        // 2032 and 2037 have the September sandwiched day again
        assertThat(names(2032)).containsEntry("09-20", "敬老の日").containsEntry("09-21", "休日")
            .containsEntry("09-22", "秋分の日");
    }

    @Test
    void theFirstAndLastSupportedYears() {
        assertThat(calculated(1955)).containsExactly("1955-01-01 元日", "1955-01-15 成人の日", "1955-03-21 春分の日",
            "1955-04-29 天皇誕生日", "1955-05-03 憲法記念日", "1955-05-05 こどもの日", "1955-09-24 秋分の日",
            "1955-11-03 文化の日", "1955-11-23 勤労感謝の日");
        // 2099: 春分日 3/20, 秋分日 9/23 by the formula (its last valid year)
        assertThat(names(2099)).containsEntry("03-20", "春分の日").containsEntry("09-23", "秋分の日")
            .containsEntry("02-23", "天皇誕生日");
    }

    @ParameterizedTest
    @ValueSource(ints = {1954, 2100, 0, -1, Integer.MAX_VALUE})
    void yearsOutsideTheRangeAreRefused(int year) {
        assertThatThrownBy(() -> calculator.holidays(year)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saturdaysAreNeverMovedAndEveryYearIsInOrderWithoutDuplicates() {
        // 2022-01-01 元日 is a Saturday: no substitute on Monday 1/3
        assertThat(names(2022)).doesNotContainKey("01-03");
        for (int y = PublicHolidays.FIRST_YEAR; y <= PublicHolidays.LAST_YEAR; y++) {
            List<Holiday> list = calculator.holidays(y);
            assertThat(list).extracting(Holiday::date).isSorted().doesNotHaveDuplicates()
                .allMatch(d -> d.getYear() == list.getFirst().date().getYear());
            assertThat(list).allMatch(h -> h.nameEn() != null && !h.name().isBlank());
        }
    }

    Map<String, String> names(int year) {
        return calculator.holidays(year).stream().collect(Collectors.toMap(
            h -> h.date().toString().substring(5), Holiday::name, (a, b) -> a, TreeMap::new));
    }
}
