package jp.machi.reservation;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A facility of the test's own, made straight in the database: category, barrier-free features, open every day
 * 09:00–21:30, and one bookable room (optionally split into parts {@code a} and {@code b}). The ward-wide demo slots
 * and rule apply to it. Other tests never touch it, so any date is free.
 */
final class TestRooms {

    private TestRooms() {}

    record Room(String facilityId, String facilityName, long roomId, String roomName) {}

    static Room create(JdbcClient jdbc, String category, int capacity, boolean hearingLoop, boolean split) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String facilityId = "rooms-test-" + unique;
        String facilityName = "部屋テスト館" + unique;
        jdbc.sql("""
                insert into facility (id, name_ja, name_en, address, department_code, step_free_entrance, hearing_loop)
                values (?, ?, ?, '東京都練馬区豊玉北6-12-1（テスト）', 'test', true, ?)""")
            .params(facilityId, facilityName, "Rooms test hall " + unique, hearingLoop).update();
        jdbc.sql("insert into facility_category_link (facility_id, category_code) values (?, ?)").params(facilityId, category)
            .update();
        for (int day = 1; day <= 7; day++) {
            jdbc.sql("insert into facility_hours (facility_id, weekday, opens, closes) values (?, ?, '09:00', '21:30')")
                .params(facilityId, day).update();
        }
        String roomName = "競技場" + unique;
        long roomId = jdbc.sql("""
                insert into room (facility_id, name_ja, name_en, capacity, bookable, sort_order)
                values (?, ?, ?, ?, true, 10) returning id""")
            .params(facilityId, roomName, "Arena " + unique, capacity).query(Long.class).single();
        if (split) {
            jdbc.sql("""
                    insert into reservation_room_part (room_id, code, label_ja, label_en, capacity, sort_order)
                    values (?, 'a', 'A面', 'Court A', ?, 10), (?, 'b', 'B面', 'Court B', ?, 20)""")
                .params(roomId, capacity / 2, roomId, capacity / 2).update();
        }
        return new Room(facilityId, facilityName, roomId, roomName);
    }
}
