package jp.machi.holiday.internal;

import java.time.LocalDate;
import java.util.List;
import jp.machi.holiday.Holiday;
import jp.machi.holiday.PublicHolidays;
import jp.machi.opendata.Column;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.DatasetSource;
import jp.machi.opendata.Identifier;
import jp.machi.opendata.PublishedDataset;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.text.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The holiday module's dataset in the open data catalog: every public holiday from 1955 to next year, as Machi
 * answers them (the Cabinet Office table where staff loaded it, the calculator elsewhere), in the columns of the
 * Cabinet Office's syukujitsu.csv plus the English name.
 */
@Component
class HolidayDataset implements DatasetSource {

    private final PublicHolidays holidays;
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    HolidayDataset(PublicHolidays holidays, JdbcClient jdbc, java.time.Clock clock) {
        this.holidays = holidays;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private int lastYear() {
        return Math.min(PublicHolidays.LAST_YEAR, LocalDate.now(clock.withZone(MachiClock.ZONE)).getYear() + 1);
    }

    @Override
    public List<PublishedDataset> datasets() {
        return List.of(new PublishedDataset("public-holidays", "public_holidays", null,
            new LocalizedText("国民の祝日・休日一覧", "Public holidays"),
            new LocalizedText("1955年から来年までの国民の祝日と休日（振替休日、国民の休日を含む）。内閣府の表を読み込んだ年はその表のとおりです。",
                "Japan's public holidays from 1955 to next year, substitute and citizens' holidays included. Years for "
                    + "which staff loaded the Cabinet Office table follow that table."),
            "somu", DataCategory.ADMINISTRATION, List.of("祝日", "カレンダー"), UpdateFrequency.ANNUAL,
            List.of(Column.id("国民の祝日・休日月日", "date", Identifier.DATE), Column.of("国民の祝日・休日名称", "name"),
                Column.of("名称_英語", "nameEn")),
            null, null,
            () -> lastYear() + "-" + jdbc.sql("select count(*) || '-' || coalesce(max(loaded_at)::text, '') from public_holiday_override")
                .query(String.class).single(),
            (limit, sink) -> {
                int n = 0;
                for (int y = PublicHolidays.FIRST_YEAR; y <= lastYear(); y++) {
                    for (Holiday h : holidays.inYear(y)) {
                        if (n++ >= limit) {
                            return;
                        }
                        sink.row(List.of(h.date().toString(), h.name(), h.nameEn() == null ? "" : h.nameEn()));
                    }
                }
            }));
    }
}
