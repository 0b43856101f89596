package jp.machi.reservation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reservation tables, in plain SQL. */
@Repository
public class ReservationRepository {

    private final JdbcClient jdbc;

    ReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- slots and rules: the most specific scope wins ----

    /** The slots a room uses: its own, else its facility's, else the ward's. */
    public List<Slot> slots(long roomId, String facilityId) {
        List<Slot> found = ownSlots(null, roomId);
        if (found.isEmpty()) {
            found = ownSlots(facilityId, null);
        }
        return found.isEmpty() ? ownSlots(null, null) : found;
    }

    /** The slot templates set at exactly one scope: a room ({@code roomId}), a facility, or the ward (both null). */
    public List<Slot> ownSlots(String facilityId, Long roomId) {
        String where = roomId != null ? "room_id = :room"
            : facilityId != null ? "facility_id = :facility and room_id is null" : "facility_id is null and room_id is null";
        return jdbc.sql("select * from reservation_slot where " + where + " order by sort_order, starts_at")
            .param("room", roomId).param("facility", facilityId)
            .query((rs, n) -> new Slot(rs.getString("code"), rs.getString("label_ja"), rs.getString("label_en"),
                rs.getTime("starts_at").toLocalTime(), rs.getTime("ends_at").toLocalTime())).list();
    }

    /** Makes {@code slots} the templates of one scope (as {@link #ownSlots}), in their order; an empty list removes them. */
    public void replaceSlots(String facilityId, Long roomId, List<Slot> slots) {
        jdbc.sql("delete from reservation_slot where facility_id is not distinct from ? and room_id is not distinct from ?")
            .params(facilityId, roomId).update();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            jdbc.sql("""
                    insert into reservation_slot (facility_id, room_id, code, label_ja, label_en, starts_at, ends_at, sort_order)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(facilityId, roomId, s.code(), s.labelJa(), s.labelEn(), s.start(), s.end(), (i + 1) * 10).update();
        }
    }

    public Optional<Rules> rules(long roomId, String facilityId) {
        return jdbc.sql("""
                select *, case when room_id is not null then 'room' when facility_id is not null then 'facility' else 'ward' end as scope
                from reservation_rule
                where room_id = :room or (facility_id = :facility and room_id is null) or (facility_id is null and room_id is null)
                order by (room_id is null), (facility_id is null) limit 1""")
            .param("room", roomId).param("facility", facilityId)
            .query((rs, n) -> java.util.Map.entry(rs.getLong("id"), new Rules(rs.getInt("window_days"), rs.getInt("cutoff_days"),
                rs.getInt("monthly_cap"), rs.getInt("fee_resident"), rs.getInt("fee_non_resident"),
                rs.getInt("cancel_deadline_days"), rs.getString("scope"), java.util.Map.of())))
            .optional()
            // the slot fees in a second statement once the first is closed: a query inside a row mapper would hold two
            // connections at once outside a transaction, and under load the pool runs dry
            .map(e -> withSlotFees(e.getValue(), slotFees(e.getKey())));
    }

    private static Rules withSlotFees(Rules r, java.util.Map<String, SlotFee> fees) {
        return fees.isEmpty() ? r : new Rules(r.windowDays(), r.cutoffDays(), r.monthlyCap(), r.feeResident(),
            r.feeNonResident(), r.cancelDeadlineDays(), r.scope(), fees);
    }

    /** The per-slot fees of a rule (slot code → fees), empty when it prices every slot alike. */
    public java.util.Map<String, SlotFee> slotFees(long ruleId) {
        java.util.Map<String, SlotFee> fees = new java.util.LinkedHashMap<>();
        jdbc.sql("select * from reservation_rule_slot_fee where rule_id = ? order by slot_code").param(ruleId)
            .query((ResultSet rs) -> {
                fees.put(rs.getString("slot_code"), new SlotFee(rs.getInt("fee_resident"), rs.getInt("fee_non_resident"),
                    rs.getInt("fee_commercial")));
            });
        return fees;
    }

    public boolean hasWardDefaults() {
        return jdbc.sql("select count(*) from reservation_slot where facility_id is null and room_id is null")
            .query(Long.class).single() > 0;
    }

    public void insertWardSlot(String code, String ja, String en, String start, String end, int order) {
        jdbc.sql("""
                insert into reservation_slot (code, label_ja, label_en, starts_at, ends_at, sort_order)
                values (?, ?, ?, cast(? as time), cast(? as time), ?) on conflict do nothing""")
            .params(code, ja, en, start, end, order).update();
    }

    public void insertWardRule(int window, int cutoff, int cap, int feeResident, int feeNonResident, int cancelDays) {
        jdbc.sql("""
                insert into reservation_rule (window_days, cutoff_days, monthly_cap, fee_resident, fee_non_resident, cancel_deadline_days)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
            .params(window, cutoff, cap, feeResident, feeNonResident, cancelDays).update();
    }

    // ---- bookers ----

    public Optional<Booker> booker(long accountId) {
        return jdbc.sql("select * from reservation_booker where account_id = ?").param(accountId)
            .query(ReservationRepository::booker).optional();
    }

    /** The booker's row, locked until the transaction ends: one booking decision per person at a time. */
    public Optional<Booker> lockBooker(long accountId) {
        return jdbc.sql("select * from reservation_booker where account_id = ? for update").param(accountId)
            .query(ReservationRepository::booker).optional();
    }

    public void register(long accountId, Residency residency, Instant now) {
        jdbc.sql("""
                insert into reservation_booker (account_id, residency, declared_at) values (?, ?, ?)
                on conflict (account_id) do update set residency = excluded.residency, declared_at = excluded.declared_at,
                    evidence_checked_at = null, evidence_checked_by = null, evidence_kind = null""")
            .params(accountId, residency.name(), Timestamp.from(now)).update();
    }

    /** Staff saw a document: the residency it shows, the kind of document, who and when. False: not registered. */
    public boolean evidenceChecked(long accountId, Residency residency, String kind, long staffId, Instant now) {
        return jdbc.sql("""
                update reservation_booker set residency = ?, evidence_kind = ?, evidence_checked_by = ?,
                    evidence_checked_at = ? where account_id = ?""")
            .params(residency.name(), kind, staffId, Timestamp.from(now), accountId).update() == 1;
    }

    private static Booker booker(ResultSet rs, int n) throws SQLException {
        java.sql.Date s = rs.getDate("suspended_until");
        Timestamp checked = rs.getTimestamp("evidence_checked_at");
        return new Booker(rs.getLong("account_id"), Residency.valueOf(rs.getString("residency")),
            rs.getTimestamp("declared_at").toInstant(), s == null ? null : s.toLocalDate(),
            checked == null ? null : checked.toInstant(), rs.getString("evidence_kind"));
    }

    // ---- bookings ----

    public Optional<Booking> byKey(long bookerId, String key) {
        return jdbc.sql("select * from reservation_booking where booker_account_id = ? and idempotency_key = ?")
            .params(bookerId, key).query(ReservationRepository::booking).optional();
    }

    public Optional<Booking> find(long id) {
        return jdbc.sql("select * from reservation_booking where id = ?").param(id)
            .query(ReservationRepository::booking).optional();
    }

    /**
     * Inserts a booking of the whole room ({@code part} null) or of one part: CONFIRMED, or PROVISIONAL until
     * {@code holdExpiresAt}. Empty when that unit already has an active booking (the unique index said no); a
     * whole-room booking that clashes with a part booking (or the reverse) is refused by the claims' primary key
     * with a {@code DuplicateKeyException}.
     */
    public Optional<Long> insertBooking(long roomId, String facilityId, LocalDate date, Slot slot, String part,
                                        long bookerId, int fee, String feeRule, String key, Long proxyStaffId,
                                        Instant now, Instant holdExpiresAt) {
        return jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, fee_rule, idempotency_key, created_at, proxy_staff_id, part_code,
                    hold_expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing returning id""")
            .params(roomId, facilityId, date, slot.code(), slot.start(), slot.end(), bookerId,
                holdExpiresAt == null ? "CONFIRMED" : "PROVISIONAL", fee, feeRule, key, Timestamp.from(now),
                proxyStaffId, part, holdExpiresAt == null ? null : Timestamp.from(holdExpiresAt))
            .query(Long.class).optional();
    }

    public long activeInMonth(long bookerId, LocalDate anyDayOfMonth) {
        LocalDate first = anyDayOfMonth.withDayOfMonth(1);
        return jdbc.sql("""
                select count(*) from reservation_booking where booker_account_id = ? and status in ('PROVISIONAL', 'CONFIRMED')
                and use_date >= ? and use_date < ?""")
            .params(bookerId, first, first.plusMonths(1)).query(Long.class).single();
    }

    public List<Booking> activeForRoom(long roomId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select * from reservation_booking where room_id = ? and use_date between ? and ?
                and status in ('PROVISIONAL', 'CONFIRMED')""")
            .params(roomId, from, to).query(ReservationRepository::booking).list();
    }

    public List<Booking> activeForFacility(String facilityId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select * from reservation_booking where facility_id = ? and use_date between ? and ?
                and status in ('PROVISIONAL', 'CONFIRMED')""")
            .params(facilityId, from, to).query(ReservationRepository::booking).list();
    }

    public List<Booking> ofBooker(long bookerId) {
        return jdbc.sql("select * from reservation_booking where booker_account_id = ? order by use_date desc, starts_at desc, id desc limit 200")
            .param(bookerId).query(ReservationRepository::booking).list();
    }

    /** Cancels an active booking; false when it was no longer active. */
    public boolean cancel(long id, long by, int refund, Instant now) {
        return jdbc.sql("""
                update reservation_booking set status = 'CANCELLED', cancelled_at = ?, cancelled_by = ?, refund = ?
                where id = ? and status in ('PROVISIONAL', 'CONFIRMED')""")
            .params(Timestamp.from(now), by, refund, id).update() == 1;
    }

    /** Cancels the PROVISIONAL bookings whose hold ran out and returns them as they are now (no refund: unpaid). */
    public List<Booking> expireHolds(Instant now) {
        return jdbc.sql("""
                update reservation_booking set status = 'CANCELLED', cancelled_at = :now, refund = 0
                where status = 'PROVISIONAL' and hold_expires_at <= :now returning *""")
            .param("now", Timestamp.from(now)).query(ReservationRepository::booking).list();
    }

    public boolean markPaid(long id, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set paid_at = ?, paid_by = ?
                where id = ? and status = 'CONFIRMED' and paid_at is null""")
            .params(Timestamp.from(now), by, id).update() == 1;
    }

    private static Booking booking(ResultSet rs, int n) throws SQLException {
        Timestamp paid = rs.getTimestamp("paid_at");
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        long proxy = rs.getLong("proxy_staff_id");
        Long proxyId = rs.wasNull() ? null : proxy;
        int refund = rs.getInt("refund");
        Integer refundValue = rs.wasNull() ? null : refund;
        return new Booking(rs.getLong("id"), rs.getLong("room_id"), rs.getString("facility_id"),
            rs.getDate("use_date").toLocalDate(), rs.getString("slot_code"), rs.getTime("starts_at").toLocalTime(),
            rs.getTime("ends_at").toLocalTime(), rs.getLong("booker_account_id"),
            Booking.Status.valueOf(rs.getString("status")), rs.getInt("fee"), rs.getString("fee_rule"),
            rs.getTimestamp("created_at").toInstant(), paid == null ? null : paid.toInstant(),
            cancelled == null ? null : cancelled.toInstant(), refundValue, proxyId, rs.getString("part_code"));
    }
}
