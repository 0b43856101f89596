package jp.machi.reservation;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A facility of its own for a test: open every day 08:00–22:00, of 総務課, with bookable rooms (ward slots and rules). */
final class TestRooms {

    private TestRooms() {}

    record Facility(String id, long[] rooms) {}

    static Facility create(JdbcClient jdbc, int rooms) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
        jdbc.sql("insert into facility (id, name_ja, name_en, department_code) values (?, ?, ?, 'somu')")
            .params(id, "テスト会館 " + id, "Test hall " + id).update();
        for (int day = 1; day <= 7; day++) {
            jdbc.sql("insert into facility_hours (facility_id, weekday, opens, closes) values (?, ?, '08:00', '22:00')")
                .params(id, day).update();
        }
        long[] ids = new long[rooms];
        for (int i = 0; i < rooms; i++) {
            ids[i] = jdbc.sql("""
                    insert into room (facility_id, name_ja, name_en, capacity, bookable, sort_order)
                    values (?, ?, ?, 30, true, ?) returning id""")
                .params(id, "集会室" + (char) ('A' + i), "Room " + (char) ('A' + i), i).query(Long.class).single();
        }
        return new Facility(id, ids);
    }
}
