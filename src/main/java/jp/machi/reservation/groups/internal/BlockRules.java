package jp.machi.reservation.groups.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.spi.AvailabilityOverlay;
import jp.machi.reservation.booking.spi.BookingCheck;
import jp.machi.reservation.groups.Block;
import jp.machi.reservation.groups.GroupRefusal;
import jp.machi.reservation.rules.Slot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Blocks as the booking rules see them: blocked slots show as closed with the block's kind as the reason, and
 * booking refuses them ({@code blocked}). The check takes a shared advisory lock on the facility, which
 * {@link BlockService#create} takes exclusively: a booking and a new block of the same facility never pass each
 * other unseen.
 */
@Component
public class BlockRules implements BookingCheck, AvailabilityOverlay {

    /** First key of the advisory locks (the second is the facility id's hash). */
    static final int LOCK_SPACE = 730_401;

    private final JdbcClient jdbc;

    BlockRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Active blocks of the facility touching the days from {@code from} to {@code to}. */
    public List<Block> active(String facilityId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select * from reservation_block where facility_id = ? and removed_at is null
                and from_date <= ? and to_date >= ? order by from_date, id""")
            .params(facilityId, to, from).query(BlockRules::block).list();
    }

    /** A token that changes whenever a block is added or removed (one small aggregate over the blocks table). */
    public String changeToken() {
        return jdbc.sql("select count(*) || '-' || coalesce(max(id), 0) || '-' || coalesce(max(removed_at)::text, '') "
            + "from reservation_block").query(String.class).single();
    }

    @Override
    public Map<String, Mark> marks(BookableRoom room, LocalDate from, LocalDate to) {
        return marks(room, active(room.facility().id(), from, to), from, to);
    }

    /** The active blocks of all the rooms' facilities in one statement; only rooms of a blocked facility cost more. */
    @Override
    public Map<Long, Map<String, Mark>> marks(List<BookableRoom> rooms, LocalDate from, LocalDate to) {
        Map<Long, Map<String, Mark>> result = new HashMap<>();
        if (rooms.isEmpty()) {
            return result;
        }
        Map<String, List<Block>> byFacility = new HashMap<>();
        jdbc.sql("""
                select * from reservation_block where facility_id = any(?) and removed_at is null
                and from_date <= ? and to_date >= ? order by from_date, id""")
            .params(rooms.stream().map(r -> r.facility().id()).distinct().toArray(String[]::new), to, from)
            .query(BlockRules::block).list()
            .forEach(b -> byFacility.computeIfAbsent(b.facilityId(), k -> new java.util.ArrayList<>()).add(b));
        for (BookableRoom room : rooms) {
            List<Block> blocks = byFacility.get(room.facility().id());
            if (blocks != null) {
                result.put(room.room().id(), marks(room, blocks, from, to));
            }
        }
        return result;
    }

    private static Map<String, Mark> marks(BookableRoom room, List<Block> blocks, LocalDate from, LocalDate to) {
        Map<String, Mark> marks = new HashMap<>();
        if (blocks.isEmpty()) {
            return marks;
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (Slot s : room.slots()) {
                for (Block b : blocks) {
                    if (b.covers(room.room().id(), d, s.code())) {
                        marks.put(AvailabilityOverlay.key(d, s.code()), new Mark(Availability.Status.CLOSED, b.kind().slug()));
                        break;
                    }
                }
            }
        }
        return marks;
    }

    @Override
    public void check(Request request) {
        String facility = request.room().facility().id();
        jdbc.sql("select pg_advisory_xact_lock_shared(?, hashtext(?))").params(LOCK_SPACE, facility)
            .query((rs, n) -> 1).list();
        for (Block b : active(facility, request.date(), request.date())) {
            if (b.covers(request.room().room().id(), request.date(), request.slot().code())) {
                throw new Refused(GroupRefusal.BLOCKED);
            }
        }
    }

    static Block block(ResultSet rs, int n) throws SQLException {
        long room = rs.getLong("room_id");
        Long roomId = rs.wasNull() ? null : room;
        Array codes = rs.getArray("slot_codes");
        List<String> slots = codes == null ? List.of() : List.of((String[]) codes.getArray());
        return new Block(rs.getLong("id"), rs.getString("facility_id"), roomId,
            Block.Kind.valueOf(rs.getString("kind")), rs.getDate("from_date").toLocalDate(),
            rs.getDate("to_date").toLocalDate(), slots, rs.getString("reason"), rs.getLong("created_by"),
            rs.getTimestamp("created_at").toInstant());
    }
}
