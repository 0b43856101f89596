package jp.machi.reservation;

import java.util.UUID;
import jp.machi.facility.TestFacilities;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Facilities of a test's own (made with the facility module's fixture) and open every day, with bookable rooms to which the
 * ward-wide demo slots and rule apply. Other tests never touch them, so any date is free.
 */
public final class TestRooms {

    private TestRooms() {}

    public record Room(String facilityId, String facilityName, long roomId, String roomName) {}

    public record Facility(String id, long[] rooms) {}

    /**
     * A facility of department {@code test} in {@code category}, step-free, open 09:00–21:30, with one bookable room
     * (optionally split into parts {@code a} and {@code b}).
     */
    public static Room create(JdbcClient jdbc, String category, int capacity, boolean hearingLoop, boolean split) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String facilityId = "rooms-test-" + unique;
        String facilityName = "部屋テスト館" + unique;
        TestFacilities.facility(facilityId, facilityName, "Rooms test hall " + unique).department("test").stepFree(true)
            .hearingLoop(hearingLoop).category(category).openDays(1, 7, "09:00", "21:30").create(jdbc);
        String roomName = "競技場" + unique;
        long roomId = room(jdbc, facilityId, roomName, "Arena " + unique, capacity, 10);
        if (split) {
            jdbc.sql("""
                    insert into reservation_room_part (room_id, code, label_ja, label_en, capacity, sort_order)
                    values (?, 'a', 'A面', 'Court A', ?, 10), (?, 'b', 'B面', 'Court B', ?, 20)""")
                .params(roomId, capacity / 2, roomId, capacity / 2).update();
        }
        return new Room(facilityId, facilityName, roomId, roomName);
    }

    /** A facility of 総務課 (department {@code somu}), open 08:00–22:00, with {@code rooms} rooms of 30 people. */
    public static Facility create(JdbcClient jdbc, int rooms) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
        TestFacilities.facility(id, "テスト会館 " + id, "Test hall " + id).openDays(1, 7, "08:00", "22:00").create(jdbc);
        long[] ids = new long[rooms];
        for (int i = 0; i < rooms; i++) {
            ids[i] = room(jdbc, id, "集会室" + (char) ('A' + i), "Room " + (char) ('A' + i), 30, i);
        }
        return new Facility(id, ids);
    }

    private static long room(JdbcClient jdbc, String facilityId, String ja, String en, int capacity, int order) {
        return TestFacilities.room(jdbc, facilityId, ja, en, capacity, order);
    }

    /** The first day from {@code days} ahead on which the room's slot {@code slot} is open. */
    public static java.time.LocalDate openDay(jp.machi.reservation.booking.BookableRooms service, long roomId, int days,
                                       String slot) {
        var room = service.room(roomId).orElseThrow();
        var today = service.today();
        return service.availability(room, today.plusDays(days), today.plusDays(days + 20)).stream()
            .filter(a -> a.status() == jp.machi.reservation.booking.Availability.Status.OPEN && a.slot().code().equals(slot))
            .findFirst().orElseThrow().date();
    }
}
