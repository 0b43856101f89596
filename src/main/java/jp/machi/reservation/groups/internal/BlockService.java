package jp.machi.reservation.groups.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.groups.Block;
import jp.machi.shared.time.MachiClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff put maintenance blocks (点検・工事) and administrative use (行政使用) on a room or a whole facility. A block
 * wins: every active booking it covers is cancelled for the ward in the same transaction (full refund, the booker
 * is mailed the reason, as when staff cancel a booking). Removing a block frees its slots again; the
 * cancelled bookings stay cancelled.
 */
@Service
public class BlockService {

    /** The longest block, in days. */
    public static final int MAX_DAYS = 366;

    public record Created(long blockId, List<Long> cancelledBookings) {}

    private final JdbcClient jdbc;
    private final Bookings reservations;
    private final BlockRules rules;
    private final AuditLog audit;
    private final Clock clock;

    BlockService(JdbcClient jdbc, Bookings reservations, BlockRules rules, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.reservations = reservations;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a block; the caller has checked the staff member's scope and the input (room of the facility, slot
     * codes of the room, from ≤ to). Bookings in it are cancelled and their bookers told.
     */
    @Transactional
    public Created create(long staffId, String facilityId, Long roomId, Block.Kind kind, LocalDate from, LocalDate to,
                          List<String> slotCodes, String reason) {
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))").params(BlockRules.LOCK_SPACE, facilityId)
            .query((rs, n) -> 1).list();
        long id = jdbc.sql("""
                insert into reservation_block (facility_id, room_id, kind, from_date, to_date, slot_codes, reason,
                    created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(facilityId, roomId, kind.name(), from, to, slotCodes.isEmpty() ? null : slotCodes.toArray(String[]::new),
                reason, staffId, Timestamp.from(clock.instant()))
            .query(Long.class).single();
        Block block = find(id).orElseThrow();
        audit.record(AuditEvent.byCurrentActor("reservation.block.create", null, "block:" + id,
            AuditDetail.of(slotCodes.isEmpty() ? "reservation.groups.audit.block" : "reservation.groups.audit.block.slots",
                AuditDetail.word("reservation.reason." + kind.slug()), from, to, reason, slotCodes.size(), facilityId)));
        String told = (kind == Block.Kind.MAINTENANCE ? "点検・工事 / Maintenance" : "行政使用 / Use by the ward") + ": " + reason;
        List<Long> cancelled = reservations.ofFacility(facilityId, from, to).stream()
            .filter(b -> block.covers(b.roomId(), b.date(), b.slotCode()))
            .map(b -> reservations.cancelByStaff(staffId, b.id(), told).id()).toList();
        return new Created(id, cancelled);
    }

    /** Removes a block: its slots can be booked again. False when it was not active. */
    @Transactional
    public boolean remove(long staffId, long blockId) {
        Optional<Block> b = find(blockId);
        if (b.isEmpty()) {
            return false;
        }
        boolean done = jdbc.sql("""
                update reservation_block set removed_at = ?, removed_by = ? where id = ? and removed_at is null""")
            .params(Timestamp.from(clock.instant()), staffId, blockId).update() == 1;
        if (done) {
            audit.record(AuditEvent.byCurrentActor("reservation.block.remove", null, "block:" + blockId,
                AuditDetail.of("reservation.groups.audit.block.remove", AuditDetail.word("reservation.reason." + b.get().kind().slug()),
                    b.get().from(), b.get().to(), b.get().facilityId())));
        }
        return done;
    }

    /** An active block. */
    public Optional<Block> find(long id) {
        return jdbc.sql("select * from reservation_block where id = ? and removed_at is null").param(id)
            .query(BlockRules::block).optional();
    }

    /** Active blocks of a facility ending today or later. */
    public List<Block> upcoming(String facilityId) {
        LocalDate today = LocalDate.now(clock.withZone(MachiClock.ZONE));
        return rules.active(facilityId, today, today.plusYears(5));
    }
}
