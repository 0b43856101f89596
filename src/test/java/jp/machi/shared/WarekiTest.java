package jp.machi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import jp.machi.shared.time.FiscalYear;
import jp.machi.shared.time.Wareki;
import org.junit.jupiter.api.Test;

class WarekiTest {

    @Test
    void formatsEraDatesAsResidentsReadThem() {
        assertThat(Wareki.format(LocalDate.of(2026, 11, 23))).isEqualTo("令和8年11月23日");
        assertThat(Wareki.format(LocalDate.of(2019, 5, 1))).isEqualTo("令和元年5月1日");
        assertThat(Wareki.format(LocalDate.of(2019, 4, 30))).isEqualTo("平成31年4月30日");
        assertThat(Wareki.format(LocalDate.of(1989, 1, 7))).isEqualTo("昭和64年1月7日");
        assertThat(Wareki.format(LocalDate.of(1989, 1, 8))).isEqualTo("平成元年1月8日");
        assertThat(Wareki.format(LocalDate.of(2026, 11, 23), Locale.ENGLISH)).isEqualTo("23 November 2026 (Reiwa 8)");
    }

    @Test
    void fiscalYearRunsFromAprilToMarch() {
        assertThat(FiscalYear.of(LocalDate.of(2027, 3, 31)).startYear()).isEqualTo(2026);
        assertThat(FiscalYear.of(LocalDate.of(2026, 4, 1)).label(Locale.JAPANESE)).isEqualTo("令和8年度");
        assertThat(FiscalYear.of(LocalDate.of(2019, 4, 1)).label(Locale.JAPANESE)).isEqualTo("平成31年度");
        assertThat(FiscalYear.of(LocalDate.of(2026, 11, 23)).label(Locale.ENGLISH)).isEqualTo("FY2026");
    }
}
