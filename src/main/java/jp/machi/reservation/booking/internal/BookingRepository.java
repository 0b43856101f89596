package jp.machi.reservation.booking.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.NewBooking;
import jp.machi.reservation.rules.Slot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code reservation_booking} in plain SQL, and its only writer in the application (the claims of
 * {@code reservation_claim} follow every write through the table's triggers). Every state change is one conditional
 * statement, so two requests never both make it.
 */
@Repository
public class BookingRepository {

    private static final String ACTIVE = "status in ('PROVISIONAL', 'CONFIRMED')";

    private final JdbcClient jdbc;

    BookingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- reading ----

    public Optional<Booking> find(long id) {
        return jdbc.sql("select * from reservation_booking where id = ?").param(id)
            .query(BookingRepository::booking).optional();
    }

    /** The booking a key made (if any) and the booker's active bookings in a month: {@link #byKeyAndMonth}. */
    public record KeyAndMonth(Optional<Booking> earlier, long activeInMonth) {}

    /**
     * The booking the booker made with this idempotency key, if any, and the booker's active bookings in the month of
     * {@code anyDayOfMonth}, in one statement (a booking asks both, with the booker's row locked).
     */
    public KeyAndMonth byKeyAndMonth(long bookerId, String key, LocalDate anyDayOfMonth) {
        LocalDate first = anyDayOfMonth.withDayOfMonth(1);
        return jdbc.sql("""
                select b.*, (select count(*) from reservation_booking where booker_account_id = :booker and\s""" + ACTIVE + """
                     and use_date >= :first and use_date < :next) as month_active
                from (select 1) one left join reservation_booking b
                    on b.booker_account_id = :booker and b.idempotency_key = :key""")
            .param("booker", bookerId).param("key", key).param("first", first).param("next", first.plusMonths(1))
            .query((rs, n) -> new KeyAndMonth(rs.getObject("id") == null ? Optional.empty() : Optional.of(booking(rs, n)),
                rs.getLong("month_active")))
            .single();
    }

    /** Active bookings of a group for days of the month of {@code day}. */
    public long groupActiveInMonth(long groupId, LocalDate anyDayOfMonth) {
        LocalDate first = anyDayOfMonth.withDayOfMonth(1);
        return jdbc.sql("select count(*) from reservation_booking where group_id = ? and " + ACTIVE
                + " and use_date >= ? and use_date < ?")
            .params(groupId, first, first.plusMonths(1)).query(Long.class).single();
    }

    public List<Booking> activeForRoom(long roomId, LocalDate from, LocalDate to) {
        return jdbc.sql("select * from reservation_booking where room_id = ? and use_date between ? and ? and " + ACTIVE)
            .params(roomId, from, to).query(BookingRepository::booking).list();
    }

    /** Active bookings of many rooms over a range, in one statement. */
    public List<Booking> activeForRooms(Collection<Long> roomIds, LocalDate from, LocalDate to) {
        if (roomIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from reservation_booking where room_id = any(?) and use_date between ? and ? and " + ACTIVE)
            .params(roomIds.toArray(Long[]::new), from, to).query(BookingRepository::booking).list();
    }

    public List<Booking> activeForFacility(String facilityId, LocalDate from, LocalDate to) {
        return jdbc.sql("select * from reservation_booking where facility_id = ? and use_date between ? and ? and " + ACTIVE)
            .params(facilityId, from, to).query(BookingRepository::booking).list();
    }

    /** The booker's bookings, newest day first, at most 200. */
    public List<Booking> ofBooker(long bookerId) {
        return jdbc.sql("""
                select * from reservation_booking where booker_account_id = ?
                order by use_date desc, starts_at desc, id desc limit 200""")
            .param(bookerId).query(BookingRepository::booking).list();
    }

    /** The group's bookings, newest day first, at most 200. */
    public List<Booking> ofGroup(long groupId) {
        return jdbc.sql("""
                select * from reservation_booking where group_id = ?
                order by use_date desc, starts_at desc, id desc limit 200""")
            .param(groupId).query(BookingRepository::booking).list();
    }

    /** Active bookings with a reduction waiting for staff, by day of use, at most 500. */
    public List<Booking> requestedReductions() {
        return jdbc.sql("select * from reservation_booking where reduction_state = 'REQUESTED' and " + ACTIVE
                + " order by use_date, id limit 500")
            .query(BookingRepository::booking).list();
    }

    /** The status of a booking (PROVISIONAL, CONFIRMED …). */
    public Optional<String> status(long id) {
        return jdbc.sql("select status from reservation_booking where id = ?").param(id).query(String.class).optional();
    }

    /** Of the given legacy booking ids, those imported before. */
    public List<String> importedLegacyRefs(Collection<String> refs) {
        return jdbc.sql("select legacy_ref from reservation_booking where legacy_ref = any(?)")
            .param(refs.toArray(String[]::new)).query(String.class).list();
    }

    /** Active bookings imported for a legacy booker that nobody claimed yet. */
    public long unclaimedOf(long legacyBookerId) {
        return jdbc.sql("select count(*) from reservation_booking where legacy_booker_id = ? and booker_account_id is null and "
            + ACTIVE).param(legacyBookerId).query(Long.class).single();
    }

    /** {@code room/date/slot} of every active booking of the rooms after {@code after}. */
    public List<String> activeSlotKeys(Collection<Long> roomIds, LocalDate after) {
        return jdbc.sql("select room_id || '/' || use_date || '/' || slot_code from reservation_booking "
                + "where room_id = any(?) and use_date > ? and " + ACTIVE)
            .params(roomIds.toArray(Long[]::new), after).query(String.class).list();
    }

    /**
     * A token that changes whenever the count of not-cancelled bookings for days from {@code first} to {@code last}
     * could have changed: a new booking, a cancellation, a no-show (one aggregate over those days).
     */
    public String changeToken(LocalDate first, LocalDate last) {
        return jdbc.sql("""
                select count(*) || '-' || coalesce(max(id), 0) || '-' || count(*) filter (where status = 'NO_SHOW')
                       || '-' || count(*) filter (where status = 'CANCELLED') || '-' || coalesce(max(cancelled_at)::text, '')
                from reservation_booking where use_date between :first and :last""")
            .param("first", first).param("last", last).query(String.class).single();
    }

    /**
     * Bookings that were not cancelled (confirmed, held, no-show) for days from {@code first} to {@code last}, counted
     * by facility, room and month of use, in one statement.
     */
    public Map<String, Map<Long, Map<java.time.YearMonth, Long>>> usedByMonth(LocalDate first, LocalDate last) {
        Map<String, Map<Long, Map<java.time.YearMonth, Long>>> out = new HashMap<>();
        jdbc.sql("""
                select facility_id, room_id, extract(year from use_date)::int, extract(month from use_date)::int, count(*)
                from reservation_booking where use_date between :first and :last
                and status in ('CONFIRMED', 'PROVISIONAL', 'NO_SHOW') group by 1, 2, 3, 4""")
            .param("first", first).param("last", last)
            .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .computeIfAbsent(rs.getLong(2), k -> new HashMap<>())
                .put(java.time.YearMonth.of(rs.getInt(3), rs.getInt(4)), rs.getLong(5)))
            .list();
        return out;
    }

    /** Future active bookings of the rooms by slot code and times: code, start, end, how many. */
    public List<Object[]> futureBySlot(String roomCondition, Map<String, Object> params, LocalDate today) {
        var spec = jdbc.sql("select slot_code, starts_at, ends_at, count(*) from reservation_booking where " + ACTIVE
            + " and use_date >= :today and " + roomCondition + " group by slot_code, starts_at, ends_at").param("today", today);
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query((rs, n) -> new Object[] {rs.getString(1), rs.getTime(2).toLocalTime(), rs.getTime(3).toLocalTime(),
            rs.getLong(4)}).list();
    }

    /** Of the parts' codes, those that some booking (of any state) names. */
    public List<String> partsInUse(long roomId, Collection<String> codes) {
        return jdbc.sql("""
                select distinct part_code from reservation_booking where room_id = :room and part_code = any(:codes)
                order by part_code""")
            .param("room", roomId).param("codes", codes.toArray(String[]::new)).query(String.class).list();
    }

    // ---- writing ----

    /**
     * Inserts a booking of the whole room ({@code part} null) or of one part: CONFIRMED, or PROVISIONAL until
     * {@code holdExpiresAt}. Empty when that unit already has an active booking (the unique index said no); a
     * whole-room booking that clashes with a part booking (or the reverse) is refused by the claims' primary key with a
     * {@code DuplicateKeyException}. With {@code reductionCode}, the reduction is asked for at once (REQUESTED): what
     * {@link #requestReduction} would do to the new, unpaid row, in the insert itself.
     */
    public Optional<Booking> insert(long roomId, String facilityId, LocalDate date, Slot slot, String part, long bookerId,
                                 int fee, String feeRule, boolean commercial, String key, Long proxyStaffId, Long groupId,
                                 Instant now, Instant holdExpiresAt, String reductionCode) {
        return jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, base_fee, fee_rule, commercial, idempotency_key, created_at,
                    proxy_staff_id, part_code, hold_expires_at, group_id, reduction_code, reduction_state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing returning *""")
            .params(roomId, facilityId, date, slot.code(), slot.start(), slot.end(), bookerId,
                holdExpiresAt == null ? "CONFIRMED" : "PROVISIONAL", fee, fee, feeRule, commercial, key, Timestamp.from(now),
                proxyStaffId, part, holdExpiresAt == null ? null : Timestamp.from(holdExpiresAt), groupId, reductionCode,
                reductionCode == null ? null : "REQUESTED")
            .query(BookingRepository::booking).optional();
    }

    /**
     * Inserts many whole-room bookings in one statement: PROVISIONAL until {@code holdExpiresAt}, or CONFIRMED when it
     * is null. Answers idempotency key → id of those inserted; a booking whose unit is taken is left out.
     */
    public Map<String, Long> insertMany(List<NewBooking> rows, Instant holdExpiresAt, Instant now) {
        Map<String, Long> ids = new HashMap<>();
        if (rows.isEmpty()) {
            return ids;
        }
        int n = rows.size();
        Long[] room = new Long[n];
        String[] facility = new String[n];
        String[] date = new String[n];
        String[] slot = new String[n];
        String[] start = new String[n];
        String[] end = new String[n];
        Long[] booker = new Long[n];
        Integer[] fee = new Integer[n];
        String[] rule = new String[n];
        String[] key = new String[n];
        Long[] group = new Long[n];
        Long[] legacy = new Long[n];
        String[] legacyRef = new String[n];
        for (int i = 0; i < n; i++) {
            NewBooking r = rows.get(i);
            room[i] = r.roomId();
            facility[i] = r.facilityId();
            date[i] = r.date().toString();
            slot[i] = r.slot().code();
            start[i] = r.slot().start().toString();
            end[i] = r.slot().end().toString();
            booker[i] = r.bookerId();
            fee[i] = r.fee().amount();
            rule[i] = r.fee().rule();
            key[i] = r.key();
            group[i] = r.groupId();
            legacy[i] = r.legacyBookerId();
            legacyRef[i] = r.legacyRef();
        }
        jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, base_fee, fee_rule, idempotency_key, created_at, hold_expires_at,
                    group_id, legacy_booker_id, legacy_ref)
                select u.room, u.facility, cast(u.day as date), u.slot, cast(u.st as time), cast(u.en as time), u.booker,
                    :status, u.fee, u.fee, u.rule, u.key, :now, :hold, u.grp, u.legacy, u.ref
                from unnest(cast(:room as bigint[]), cast(:facility as varchar[]), cast(:day as varchar[]),
                    cast(:slot as varchar[]), cast(:st as varchar[]), cast(:en as varchar[]), cast(:booker as bigint[]),
                    cast(:fee as integer[]), cast(:rule as varchar[]), cast(:key as varchar[]), cast(:grp as bigint[]),
                    cast(:legacy as bigint[]), cast(:ref as varchar[]))
                    as u(room, facility, day, slot, st, en, booker, fee, rule, key, grp, legacy, ref)
                on conflict do nothing returning id, idempotency_key""")
            .param("room", room).param("facility", facility).param("day", date).param("slot", slot).param("st", start)
            .param("en", end).param("booker", booker).param("fee", fee).param("rule", rule).param("key", key)
            .param("grp", group).param("legacy", legacy).param("ref", legacyRef)
            .param("status", holdExpiresAt == null ? "CONFIRMED" : "PROVISIONAL")
            .param("now", Timestamp.from(now)).param("hold", holdExpiresAt == null ? null : Timestamp.from(holdExpiresAt))
            .query((ResultSet rs) -> {
                ids.put(rs.getString(2), rs.getLong(1));
            });
        return ids;
    }

    /** PROVISIONAL → CONFIRMED while the hold lasts (of {@code bookerId}'s booking when given); false otherwise. */
    public boolean confirmHold(long id, Long bookerId, Instant now) {
        return jdbc.sql("""
                update reservation_booking set status = 'CONFIRMED', hold_expires_at = null, confirmed_at = ?
                where id = ? and status = 'PROVISIONAL' and hold_expires_at > ?
                and (cast(? as bigint) is null or booker_account_id = ?)""")
            .params(Timestamp.from(now), id, Timestamp.from(now), bookerId, bookerId).update() == 1;
    }

    /** {@link #confirmHold} that answers the booking as it is now (one statement instead of an update and a read). */
    public Optional<Booking> confirmHeld(long id, long bookerId, Instant now) {
        return jdbc.sql("""
                update reservation_booking set status = 'CONFIRMED', hold_expires_at = null
                where id = ? and status = 'PROVISIONAL' and hold_expires_at > ? and booker_account_id = ? returning *""")
            .params(id, Timestamp.from(now), bookerId).query(BookingRepository::booking).optional();
    }

    /** Cancels an active booking; false when it was no longer active. */
    public boolean cancel(long id, Long by, int refund, Instant now) {
        return jdbc.sql("update reservation_booking set status = 'CANCELLED', cancelled_at = ?, cancelled_by = ?, refund = ? "
                + "where id = ? and " + ACTIVE)
            .params(Timestamp.from(now), by, refund, id).update() == 1;
    }

    /**
     * Cancels at most {@code limit} PROVISIONAL bookings whose hold ran out, the longest lapsed first, and returns them as
     * they are now (no refund: unpaid). Rows another transaction holds are skipped (a concurrent run or a confirmation
     * takes them). The batch is read in the order of the hold index (the first {@code limit} entries of
     * {@code reservation_booking_hold_idx}) and updated by primary key: ordered by id, the batch scanned the primary
     * key past every booking that is not a hold and was hash-joined with every lapsed hold, ≈ 230 ms per batch of
     * 1,000 with 100,000 lapsed (issue 15, docs/benchmarks.md).
     */
    public List<Booking> expireHolds(Instant now, int limit) {
        return jdbc.sql("""
                update reservation_booking b set status = 'CANCELLED', cancelled_at = :now, refund = 0
                where b.id = any(array(select id from reservation_booking where status = 'PROVISIONAL' and hold_expires_at <= :now
                      order by hold_expires_at limit :limit for update skip locked))
                and b.status = 'PROVISIONAL' returning b.*""")
            .param("now", Timestamp.from(now)).param("limit", limit).query(BookingRepository::booking).list();
    }

    /**
     * Cancels the given bookings, each by its own booker without a refund, if they are still confirmed, unpaid and
     * without a pending reduction (the payment job's batch); returns those cancelled as they are now.
     */
    public List<Booking> cancelUnpaid(Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                update reservation_booking set status = 'CANCELLED', cancelled_at = :now, cancelled_by = booker_account_id,
                    refund = 0
                where id = any(:ids) and status = 'CONFIRMED' and paid_at is null
                and (reduction_state is null or reduction_state <> 'REQUESTED') returning *""")
            .param("now", Timestamp.from(now)).param("ids", ids.toArray(Long[]::new))
            .query(BookingRepository::booking).list();
    }

    /** Staff took the fee at the counter; false when the booking is not confirmed or already paid. */
    public boolean markPaid(long id, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set paid_at = ?, paid_by = ?
                where id = ? and status = 'CONFIRMED' and paid_at is null""")
            .params(Timestamp.from(now), by, id).update() == 1;
    }

    /** A payment provider confirmed exactly the fee; the booker's id, empty when it was not due. */
    public Optional<Long> markPaidOnline(long id, int amount, Instant now) {
        return jdbc.sql("""
                update reservation_booking set paid_at = ? where id = ? and status = 'CONFIRMED' and paid_at is null
                and fee = ? returning booker_account_id""")
            .params(Timestamp.from(now), id, amount).query(Long.class).optional();
    }

    /** Asks for a reduction on an active, unpaid booking whose reduction was not approved; false otherwise. */
    public boolean requestReduction(long id, String code) {
        return jdbc.sql("""
                update reservation_booking set reduction_code = ?, reduction_state = 'REQUESTED', reduction_note = null,
                    reduction_decided_by = null, reduction_decided_at = null
                where id = ? and status in ('PROVISIONAL', 'CONFIRMED') and paid_at is null
                and (reduction_state is null or reduction_state <> 'APPROVED')""")
            .params(code, id).update() == 1;
    }

    /** Decides a requested reduction of an active, unpaid booking; {@code newFee} null keeps the fee. */
    public boolean decideReduction(long id, boolean approve, Integer newFee, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set reduction_state = ?, fee = coalesce(?, fee), reduction_decided_by = ?,
                    reduction_decided_at = ?
                where id = ? and reduction_state = 'REQUESTED' and paid_at is null and status in ('PROVISIONAL', 'CONFIRMED')""")
            .params(approve ? "APPROVED" : "REJECTED", newFee, by, Timestamp.from(now), id).update() == 1;
    }

    public boolean checkIn(long id, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set checked_in_at = ?, checked_in_by = ?
                where id = ? and status = 'CONFIRMED' and checked_in_at is null""")
            .params(Timestamp.from(now), by, id).update() == 1;
    }

    public boolean markNoShow(long id, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set status = 'NO_SHOW', no_show_at = ?, no_show_by = ?
                where id = ? and status = 'CONFIRMED' and checked_in_at is null""")
            .params(Timestamp.from(now), by, id).update() == 1;
    }

    public boolean markPaymentReminded(long id, Instant now) {
        return jdbc.sql("update reservation_booking set payment_reminded_at = ? where id = ? and payment_reminded_at is null")
            .params(Timestamp.from(now), id).update() == 1;
    }

    /**
     * Marks up to {@code limit} confirmed bookings of {@code useDate} not yet reminded as reminded, in one statement,
     * and returns them (rows another transaction is marking are skipped, so two instances never remind twice).
     */
    public List<Booking> claimDayReminders(LocalDate useDate, Instant now, int limit) {
        return jdbc.sql("""
                update reservation_booking set day_reminded_at = ? where id in (
                  select id from reservation_booking where status = 'CONFIRMED' and use_date = ? and day_reminded_at is null
                  order by id limit ? for update skip locked)
                returning *""").params(Timestamp.from(now), useDate, limit).query(BookingRepository::booking).list();
    }

    /** The imported booker's bookings nobody claimed become the account's; returns how many. */
    public int claimLegacy(long legacyBookerId, long accountId) {
        return jdbc.sql("update reservation_booking set booker_account_id = ? where legacy_booker_id = ? and booker_account_id is null")
            .params(accountId, legacyBookerId).update();
    }

    // ---- the jobs' candidates ----

    /** What the payment job needs of an unpaid booking to know its deadline. */
    public record Unpaid(long id, long roomId, String facilityId, LocalDate date, Instant createdAt,
                         java.time.LocalTime start) {}

    /**
     * One page (by id, after {@code afterId}, at most {@code limit}) of the confirmed, unpaid bookings with a fee and no
     * pending reduction, used from {@code from} on: only the columns the deadline needs.
     */
    public List<Unpaid> unpaidPage(LocalDate from, long afterId, int limit) {
        return jdbc.sql("""
                select id, room_id, facility_id, use_date, created_at, starts_at from reservation_booking
                where status = 'CONFIRMED' and paid_at is null and fee > 0 and use_date >= ? and id > ?
                and (reduction_state is null or reduction_state <> 'REQUESTED') order by id limit ?""")
            .params(from, afterId, limit)
            .query((rs, n) -> new Unpaid(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                rs.getTimestamp(5).toInstant(), rs.getTime(6).toLocalTime()))
            .list();
    }

    public List<Booking> notPaymentReminded(LocalDate from) {
        return jdbc.sql("""
                select * from reservation_booking where status = 'CONFIRMED' and paid_at is null and fee > 0
                and use_date >= ? and payment_reminded_at is null order by id""")
            .param(from).query(BookingRepository::booking).list();
    }

    // ---- a person's data ----

    /**
     * Account deletion: the bookings the ward keeps for its accounts (paid ones) stay without anything that points to
     * the person — still active ones are cancelled with the whole fee to refund — and every other booking of the
     * person is deleted (its slot is free again). Returns {kept, deleted}.
     */
    public int[] erase(long accountId, Instant now) {
        int kept = jdbc.sql("""
                update reservation_booking set
                    status = case when status in ('PROVISIONAL', 'CONFIRMED') then 'CANCELLED' else status end,
                    refund = case when status in ('PROVISIONAL', 'CONFIRMED') then fee else refund end,
                    cancelled_at = case when status in ('PROVISIONAL', 'CONFIRMED') then :now else cancelled_at end,
                    cancelled_by = case when cancelled_by = :account then null else cancelled_by end,
                    booker_account_id = null, legacy_booker_id = null, idempotency_key = 'erased:' || id,
                    reduction_note = null, erased_at = :now
                where booker_account_id = :account and paid_at is not null""")
            .param("account", accountId).param("now", Timestamp.from(now)).update();
        int deleted = jdbc.sql("delete from reservation_booking where booker_account_id = ?").param(accountId).update();
        return new int[] {kept, deleted};
    }

    // ---- the row ----

    static Booking booking(ResultSet rs, int n) throws SQLException {
        String reductionCode = rs.getString("reduction_code");
        Booking.Reduction reduction = reductionCode == null ? null : new Booking.Reduction(reductionCode,
            rs.getString("reduction_state"), rs.getString("reduction_note"), longOrNull(rs, "reduction_decided_by"),
            instant(rs, "reduction_decided_at"));
        int refund = rs.getInt("refund");
        Integer refundValue = rs.wasNull() ? null : refund;
        int base = rs.getInt("base_fee");
        Integer baseFee = rs.wasNull() ? null : base;
        return new Booking(rs.getLong("id"), rs.getLong("room_id"), rs.getString("facility_id"),
            rs.getDate("use_date").toLocalDate(), rs.getString("slot_code"), rs.getTime("starts_at").toLocalTime(),
            rs.getTime("ends_at").toLocalTime(), rs.getLong("booker_account_id"),
            Booking.Status.valueOf(rs.getString("status")), rs.getInt("fee"), rs.getString("fee_rule"),
            rs.getTimestamp("created_at").toInstant(), instant(rs, "paid_at"), instant(rs, "cancelled_at"), refundValue,
            longOrNull(rs, "proxy_staff_id"), rs.getString("part_code"), rs.getString("idempotency_key"),
            instant(rs, "hold_expires_at"), longOrNull(rs, "paid_by"), longOrNull(rs, "cancelled_by"),
            rs.getBoolean("commercial"), baseFee, reduction, instant(rs, "checked_in_at"), longOrNull(rs, "checked_in_by"),
            instant(rs, "no_show_at"), longOrNull(rs, "no_show_by"), instant(rs, "payment_reminded_at"),
            instant(rs, "day_reminded_at"), longOrNull(rs, "group_id"), longOrNull(rs, "legacy_booker_id"),
            rs.getString("legacy_ref"), instant(rs, "confirmed_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
