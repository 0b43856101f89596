package jp.machi.reservation.booking.internal;


import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.reservation.booking.RoomPart;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The parts of splittable rooms ({@code reservation_room_part}), and the table's only writer. A room without parts is booked whole only; a
 * room with parts can be booked whole or by part, and the database keeps the two exclusive
 * ({@code reservation_claim}, see the migration {@code V20261123_1753__room_parts.sql}).
 */
@Repository
public class RoomPartRepository {

    private final JdbcClient jdbc;

    RoomPartRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The room's parts in display order; empty when the room is not splittable. */
    public List<RoomPart> of(long roomId) {
        return jdbc.sql("select * from reservation_room_part where room_id = ? order by sort_order, code")
            .param(roomId).query(RoomPartRepository::part).list();
    }

    public Optional<RoomPart> find(long roomId, String code) {
        return jdbc.sql("select * from reservation_room_part where room_id = ? and code = ?").params(roomId, code)
            .query(RoomPartRepository::part).optional();
    }

    /** The parts of many rooms at once, by room id (rooms without parts are absent). */
    public Map<Long, List<RoomPart>> ofRooms(Collection<Long> roomIds) {
        Map<Long, List<RoomPart>> result = new HashMap<>();
        if (roomIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select * from reservation_room_part where room_id = any(?) order by room_id, sort_order, code")
            .param(roomIds.toArray(Long[]::new)).query(RoomPartRepository::part).list()
            .forEach(p -> result.computeIfAbsent(p.roomId(), k -> new ArrayList<>()).add(p));
        return result;
    }

    /** Adds a part (or changes its labels, capacity and order). */
    public void save(RoomPart p) {
        jdbc.sql("""
                insert into reservation_room_part (room_id, code, label_ja, label_en, capacity, sort_order)
                values (?, ?, ?, ?, ?, ?)
                on conflict (room_id, code) do update set label_ja = excluded.label_ja, label_en = excluded.label_en,
                    capacity = excluded.capacity, sort_order = excluded.sort_order""")
            .params(p.roomId(), p.code(), p.labelJa(), p.labelEn(), p.capacity(), p.sortOrder()).update();
    }

    /** Removes the room's parts with these codes (a part that bookings name cannot go: the foreign key). */
    public void delete(long roomId, Collection<String> codes) {
        jdbc.sql("delete from reservation_room_part where room_id = :room and code = any(:codes)")
            .param("room", roomId).param("codes", codes.toArray(String[]::new)).update();
    }

    public boolean anyPart() {
        return jdbc.sql("select exists (select 1 from reservation_room_part)").query(Boolean.class).single();
    }

    private static RoomPart part(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        int cap = rs.getInt("capacity");
        Integer capacity = rs.wasNull() ? null : cap;
        return new RoomPart(rs.getLong("room_id"), rs.getString("code"), rs.getString("label_ja"),
            rs.getString("label_en"), capacity, rs.getInt("sort_order"));
    }
}
