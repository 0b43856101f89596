package jp.machi.holiday.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for public_holiday_override, the loaded Cabinet Office table. */
@Repository
class HolidayTableRepository {

    record Entry(LocalDate date, String name) {}

    private final JdbcClient jdbc;

    HolidayTableRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Entry> all() {
        return jdbc.sql("select holiday_date, name from public_holiday_override order by holiday_date")
            .query((rs, n) -> new Entry(rs.getObject(1, LocalDate.class), rs.getString(2))).list();
    }

    List<Entry> inYear(int year) {
        return jdbc.sql("select holiday_date, name from public_holiday_override "
                + "where holiday_date between ? and ? order by holiday_date")
            .params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
            .query((rs, n) -> new Entry(rs.getObject(1, LocalDate.class), rs.getString(2))).list();
    }

    List<Integer> coveredYears() {
        return jdbc.sql("select distinct cast(extract(year from holiday_date) as int) y from public_holiday_override order by y")
            .query(Integer.class).list();
    }

    Optional<HolidayService.LastLoad> lastLoad() {
        return jdbc.sql("select loaded_at, loaded_by from public_holiday_override order by loaded_at desc limit 1")
            .query((rs, n) -> new HolidayService.LastLoad(rs.getTimestamp(1).toInstant(), rs.getString(2))).optional();
    }

    /** Serialises loads and clears so two admins cannot interleave them. */
    void lock() {
        jdbc.sql("lock table public_holiday_override in share row exclusive mode").update();
    }

    void insert(LocalDate date, String name, Instant at, String by) {
        jdbc.sql("insert into public_holiday_override (holiday_date, name, loaded_at, loaded_by) values (?, ?, ?, ?)")
            .params(date, name, Timestamp.from(at), by).update();
    }

    void rename(LocalDate date, String name, Instant at, String by) {
        jdbc.sql("update public_holiday_override set name = ?, loaded_at = ?, loaded_by = ? where holiday_date = ?")
            .params(name, Timestamp.from(at), by, date).update();
    }

    void delete(LocalDate date) {
        jdbc.sql("delete from public_holiday_override where holiday_date = ?").param(date).update();
    }

    int deleteAll() {
        return jdbc.sql("delete from public_holiday_override").update();
    }
}
