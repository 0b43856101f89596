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

/** The money side of the reservation tables: rule rows with tiers, reductions, penalties, reminders, feeds. */
@Repository
class MoneyRepository {

    private final JdbcClient jdbc;

    MoneyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- rules ----

    /** The rule that applies to a room: the most specific scope wins (room, facility, ward). */
    Optional<MoneyRules> effective(long roomId, String facilityId) {
        return jdbc.sql("""
                select * from reservation_rule
                where room_id = :room or (facility_id = :facility and room_id is null) or (facility_id is null and room_id is null)
                order by (room_id is null), (facility_id is null) limit 1""")
            .param("room", roomId).param("facility", facilityId).query(this::rules).optional().map(this::withTiers);
    }

    /** The rule set at exactly this scope, if any. */
    Optional<MoneyRules> exact(String facilityId, Long roomId) {
        return jdbc.sql("""
                select * from reservation_rule where facility_id is not distinct from :facility
                and room_id is not distinct from :room""")
            .param("facility", facilityId).param("room", roomId).query(this::rules).optional().map(this::withTiers);
    }

    List<MoneyRules> all() {
        return jdbc.sql("select * from reservation_rule order by (room_id is not null), (facility_id is not null), facility_id, room_id")
            .query(this::rules).list().stream().map(this::withTiers).toList();
    }

    /** Inserts or updates the rule of the scope and replaces its tiers. */
    long save(MoneyRules r) {
        long id = jdbc.sql("""
                insert into reservation_rule (facility_id, room_id, window_days, cutoff_days, monthly_cap, fee_resident,
                    fee_non_resident, fee_commercial, cancel_deadline_days, pay_within_days, pay_days_before,
                    late_cancel_days, late_cancel_points, no_show_points, penalty_threshold, suspension_days)
                values (:facility, :room, :window, :cutoff, :cap, :res, :non, :com, :full, :within, :before, :late,
                    :latePoints, :noShow, :threshold, :suspension)
                on conflict (facility_id, room_id) do update set window_days = excluded.window_days,
                    cutoff_days = excluded.cutoff_days, monthly_cap = excluded.monthly_cap,
                    fee_resident = excluded.fee_resident, fee_non_resident = excluded.fee_non_resident,
                    fee_commercial = excluded.fee_commercial, cancel_deadline_days = excluded.cancel_deadline_days,
                    pay_within_days = excluded.pay_within_days, pay_days_before = excluded.pay_days_before,
                    late_cancel_days = excluded.late_cancel_days, late_cancel_points = excluded.late_cancel_points,
                    no_show_points = excluded.no_show_points, penalty_threshold = excluded.penalty_threshold,
                    suspension_days = excluded.suspension_days
                returning id""")
            .param("facility", r.facilityId()).param("room", r.roomId()).param("window", r.windowDays())
            .param("cutoff", r.cutoffDays()).param("cap", r.monthlyCap()).param("res", r.feeResident())
            .param("non", r.feeNonResident()).param("com", r.feeCommercial())
            // the old single deadline column keeps meaning "full refund until": the smallest 100 % tier
            .param("full", r.tiers().stream().filter(t -> t.percent() == 100).mapToInt(MoneyRules.RefundTier::daysBefore)
                .min().orElse(365))
            .param("within", r.payWithinDays()).param("before", r.payDaysBefore()).param("late", r.lateCancelDays())
            .param("latePoints", r.lateCancelPoints()).param("noShow", r.noShowPoints())
            .param("threshold", r.penaltyThreshold()).param("suspension", r.suspensionDays())
            .query(Long.class).single();
        jdbc.sql("delete from reservation_refund_tier where rule_id = ?").param(id).update();
        for (MoneyRules.RefundTier t : r.tiers()) {
            jdbc.sql("insert into reservation_refund_tier (rule_id, days_before, percent) values (?, ?, ?)")
                .params(id, t.daysBefore(), t.percent()).update();
        }
        return id;
    }

    private MoneyRules rules(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        long room = rs.getLong("room_id");
        Long roomId = rs.wasNull() ? null : room;
        // the tiers are read afterwards (withTiers): a query inside a row mapper would need a second connection
        List<MoneyRules.RefundTier> tiers = List.of(new MoneyRules.RefundTier(rs.getInt("cancel_deadline_days"), 100));
        int commercial = rs.getInt("fee_commercial");
        if (rs.wasNull()) {
            commercial = rs.getInt("fee_non_resident");
        }
        return new MoneyRules(id, rs.getString("facility_id"), roomId, rs.getInt("window_days"),
            rs.getInt("cutoff_days"), rs.getInt("monthly_cap"), rs.getInt("fee_resident"), rs.getInt("fee_non_resident"),
            commercial, rs.getInt("pay_within_days"), rs.getInt("pay_days_before"),
            rs.getInt("late_cancel_days"), rs.getInt("late_cancel_points"), rs.getInt("no_show_points"),
            rs.getInt("penalty_threshold"), rs.getInt("suspension_days"), tiers);
    }

    /** The rule with its refund tiers; a rule without tiers keeps 100 % until cancel_deadline_days (set by the mapper). */
    private MoneyRules withTiers(MoneyRules r) {
        List<MoneyRules.RefundTier> tiers = jdbc.sql(
                "select days_before, percent from reservation_refund_tier where rule_id = ? order by days_before desc")
            .param(r.id()).query((t, i) -> new MoneyRules.RefundTier(t.getInt(1), t.getInt(2))).list();
        return tiers.isEmpty() ? r : r.withTiers(tiers);
    }

    // ---- reductions ----

    List<ReductionCategory> reductionCategories() {
        return jdbc.sql("select * from reservation_reduction_category where active order by sort_order, code")
            .query((rs, n) -> new ReductionCategory(rs.getString("code"), rs.getString("label_ja"),
                rs.getString("label_en"), rs.getInt("percent"))).list();
    }

    Optional<ReductionCategory> reductionCategory(String code) {
        return jdbc.sql("select * from reservation_reduction_category where code = ?").param(code)
            .query((rs, n) -> new ReductionCategory(rs.getString("code"), rs.getString("label_ja"),
                rs.getString("label_en"), rs.getInt("percent"))).optional();
    }

    void insertReductionCategory(String code, String ja, String en, int percent, int order) {
        jdbc.sql("""
                insert into reservation_reduction_category (code, label_ja, label_en, percent, sort_order)
                values (?, ?, ?, ?, ?) on conflict do nothing""").params(code, ja, en, percent, order).update();
    }

    boolean hasReductionCategories() {
        return jdbc.sql("select count(*) from reservation_reduction_category").query(Long.class).single() > 0;
    }

    boolean requestReduction(long bookingId, String code, String note) {
        return jdbc.sql("""
                update reservation_booking set reduction_code = ?, reduction_state = 'REQUESTED', reduction_note = ?,
                    reduction_decided_by = null, reduction_decided_at = null
                where id = ? and status in ('PROVISIONAL', 'CONFIRMED') and paid_at is null
                and (reduction_state is null or reduction_state <> 'APPROVED')""")
            .params(code, note, bookingId).update() == 1;
    }

    boolean decideReduction(long bookingId, boolean approve, Integer newFee, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set reduction_state = ?, fee = coalesce(?, fee), reduction_decided_by = ?,
                    reduction_decided_at = ?
                where id = ? and reduction_state = 'REQUESTED' and paid_at is null and status in ('PROVISIONAL', 'CONFIRMED')""")
            .params(approve ? "APPROVED" : "REJECTED", newFee, by, Timestamp.from(now), bookingId).update() == 1;
    }

    List<Long> requestedReductions() {
        return jdbc.sql("""
                select id from reservation_booking where reduction_state = 'REQUESTED'
                and status in ('PROVISIONAL', 'CONFIRMED') order by use_date, id limit 500""").query(Long.class).list();
    }

    // ---- the money state of one booking ----

    /** What this module adds to a booking. */
    record State(boolean commercial, Integer baseFee, String reductionCode, String reductionState, String reductionNote,
                 Instant holdExpiresAt, Instant checkedInAt, Instant noShowAt) {}

    Optional<State> state(long bookingId) {
        return jdbc.sql("select * from reservation_booking where id = ?").param(bookingId).query((rs, n) -> new State(
            rs.getBoolean("commercial"), (Integer) rs.getObject("base_fee"), rs.getString("reduction_code"),
            rs.getString("reduction_state"), rs.getString("reduction_note"), instant(rs, "hold_expires_at"),
            instant(rs, "checked_in_at"), instant(rs, "no_show_at"))).optional();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    void setFee(long bookingId, boolean commercial, int fee, String feeRule) {
        jdbc.sql("update reservation_booking set commercial = ?, fee = ?, base_fee = ?, fee_rule = ? where id = ?")
            .params(commercial, fee, fee, feeRule, bookingId).update();
    }

    /** PROVISIONAL → CONFIRMED while the hold lasts; false when it is no longer held. */
    boolean confirmHold(long bookingId, Instant now) {
        return jdbc.sql("""
                update reservation_booking set status = 'CONFIRMED', hold_expires_at = null
                where id = ? and status = 'PROVISIONAL' and hold_expires_at > ?""")
            .params(bookingId, Timestamp.from(now)).update() == 1;
    }

    boolean checkIn(long bookingId, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set checked_in_at = ?, checked_in_by = ?
                where id = ? and status = 'CONFIRMED' and checked_in_at is null""")
            .params(Timestamp.from(now), by, bookingId).update() == 1;
    }

    boolean markNoShow(long bookingId, long by, Instant now) {
        return jdbc.sql("""
                update reservation_booking set status = 'NO_SHOW', no_show_at = ?, no_show_by = ?
                where id = ? and status = 'CONFIRMED' and checked_in_at is null""")
            .params(Timestamp.from(now), by, bookingId).update() == 1;
    }

    // ---- penalties ----

    record Points(int points, LocalDate suspendedUntil) {}

    Optional<Points> lockPoints(long bookerId) {
        return jdbc.sql("select penalty_points, suspended_until from reservation_booker where account_id = ? for update")
            .param(bookerId).query((rs, n) -> new Points(rs.getInt(1),
                rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate())).optional();
    }

    void setPoints(long bookerId, int points, LocalDate suspendedUntil) {
        jdbc.sql("update reservation_booker set penalty_points = ?, suspended_until = ? where account_id = ?")
            .params(points, suspendedUntil, bookerId).update();
    }

    void insertPenalty(long bookerId, long bookingId, String reason, int points, LocalDate suspendedUntil, Long by,
                       Instant now) {
        jdbc.sql("""
                insert into reservation_penalty (booker_account_id, booking_id, reason, points, suspended_until,
                    created_at, created_by) values (?, ?, ?, ?, ?, ?, ?)""")
            .params(bookerId, bookingId, reason, points, suspendedUntil, Timestamp.from(now), by).update();
    }

    // ---- jobs ----

    /** Confirmed, unpaid bookings with a fee and no pending reduction, used from {@code from} on. */
    List<Long> unpaidFrom(LocalDate from) {
        return jdbc.sql("""
                select id from reservation_booking where status = 'CONFIRMED' and paid_at is null and fee > 0
                and use_date >= ? and (reduction_state is null or reduction_state <> 'REQUESTED') order by id""")
            .param(from).query(Long.class).list();
    }

    List<Long> notPaymentReminded(LocalDate from) {
        return jdbc.sql("""
                select id from reservation_booking where status = 'CONFIRMED' and paid_at is null and fee > 0
                and use_date >= ? and payment_reminded_at is null order by id""")
            .param(from).query(Long.class).list();
    }

    boolean markPaymentReminded(long id, Instant now) {
        return jdbc.sql("update reservation_booking set payment_reminded_at = ? where id = ? and payment_reminded_at is null")
            .params(Timestamp.from(now), id).update() == 1;
    }

    List<Long> dayBefore(LocalDate useDate) {
        return jdbc.sql("""
                select id from reservation_booking where status = 'CONFIRMED' and use_date = ? and day_reminded_at is null
                order by id""").param(useDate).query(Long.class).list();
    }

    boolean markDayReminded(long id, Instant now) {
        return jdbc.sql("update reservation_booking set day_reminded_at = ? where id = ? and day_reminded_at is null")
            .params(Timestamp.from(now), id).update() == 1;
    }

    // ---- calendar feed ----

    Optional<String> feedToken(long accountId) {
        return jdbc.sql("select token from reservation_calendar_feed where account_id = ?").param(accountId)
            .query(String.class).optional();
    }

    void setFeedToken(long accountId, String token) {
        jdbc.sql("""
                insert into reservation_calendar_feed (account_id, token) values (?, ?)
                on conflict (account_id) do update set token = excluded.token, created_at = now()""")
            .params(accountId, token).update();
    }

    Optional<Long> feedOwner(String token) {
        return jdbc.sql("select account_id from reservation_calendar_feed where token = ?").param(token)
            .query(Long.class).optional();
    }
}
