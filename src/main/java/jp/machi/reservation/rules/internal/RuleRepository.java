package jp.machi.reservation.rules.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jp.machi.reservation.rules.RefundTier;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.rules.SlotFee;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rules part's tables in plain SQL, and their only writer: {@code reservation_slot}, {@code reservation_rule},
 * {@code reservation_refund_tier}, {@code reservation_rule_slot_fee}. A scope is a room ({@code roomId}), a facility
 * ({@code facilityId}, room null) or the ward (both null); the most specific one wins.
 */
@Repository
public class RuleRepository {

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- slots ----

    /** The slots a room uses: its own, else its facility's, else the ward's (one statement). */
    public List<Slot> slots(long roomId, String facilityId) {
        return jdbc.sql("""
                select * from reservation_slot s
                where s.room_id = :room
                   or (s.facility_id = :facility and s.room_id is null
                       and not exists (select 1 from reservation_slot o where o.room_id = :room))
                   or (s.facility_id is null and s.room_id is null
                       and not exists (select 1 from reservation_slot o where o.room_id = :room
                                       or (o.facility_id = :facility and o.room_id is null)))
                order by sort_order, starts_at""")
            .param("room", roomId).param("facility", facilityId).query(RuleRepository::slot).list();
    }

    /** Every slot template of every scope, each scope's in its order, with its scope (for reading many rooms at once). */
    public List<ScopedSlot> allSlots() {
        return jdbc.sql("select * from reservation_slot order by sort_order, starts_at, id")
            .query((rs, n) -> new ScopedSlot(rs.getString("facility_id"), longOrNull(rs, "room_id"), slot(rs, n))).list();
    }

    /** A slot template and its scope. */
    public record ScopedSlot(String facilityId, Long roomId, Slot slot) {}

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The slot templates set at exactly one scope. */
    public List<Slot> ownSlots(String facilityId, Long roomId) {
        String where = roomId != null ? "room_id = :room"
            : facilityId != null ? "facility_id = :facility and room_id is null" : "facility_id is null and room_id is null";
        return jdbc.sql("select * from reservation_slot where " + where + " order by sort_order, starts_at")
            .param("room", roomId).param("facility", facilityId).query(RuleRepository::slot).list();
    }

    /** Makes {@code slots} the templates of one scope, in their order; an empty list removes them. */
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

    /** Serialises slot changes: two editors of overlapping scopes see each other's result. */
    public void lockSlots() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('reservation_slot'))").query(Object.class).optional();
    }

    /** Rooms and facilities that have slots of their own (they do not take a wider scope's). */
    public Set<Long> roomsWithOwnSlots() {
        return new TreeSet<>(jdbc.sql("select distinct room_id from reservation_slot where room_id is not null")
            .query(Long.class).list());
    }

    public Set<String> facilitiesWithOwnSlots() {
        return new TreeSet<>(jdbc.sql("select distinct facility_id from reservation_slot where facility_id is not null")
            .query(String.class).list());
    }

    public boolean hasWardSlots() {
        return jdbc.sql("select exists (select 1 from reservation_slot where facility_id is null and room_id is null)")
            .query(Boolean.class).single();
    }

    private static Slot slot(ResultSet rs, int n) throws SQLException {
        return new Slot(rs.getString("code"), rs.getString("label_ja"), rs.getString("label_en"),
            rs.getTime("starts_at").toLocalTime(), rs.getTime("ends_at").toLocalTime());
    }

    // ---- rules ----

    /** The rule that applies to a room: the most specific scope wins (room, facility, ward). */
    public Optional<Rule> effective(long roomId, String facilityId) {
        // the rule with its refund tiers and fees by slot in one statement (issue 15: a booking reads its rule once): one
        // row per tier and fee (kind t or f), or one row without either
        return jdbc.sql("""
                with r as (
                    select * from reservation_rule
                    where room_id = :room or (facility_id = :facility and room_id is null)
                       or (facility_id is null and room_id is null)
                    order by (room_id is null), (facility_id is null) limit 1)
                select r.*, x.kind as x_kind, x.slot_code as x_slot, x.a as x_a, x.b as x_b, x.c as x_c
                from r left join lateral (
                    select 't' as kind, null::varchar as slot_code, days_before as a, percent as b, 0 as c
                    from reservation_refund_tier where rule_id = r.id
                    union all
                    select 'f', slot_code, fee_resident, fee_non_resident, fee_commercial
                    from reservation_rule_slot_fee where rule_id = r.id) x on true""")
            .param("room", roomId).param("facility", facilityId)
            .query((ResultSetExtractor<Optional<Rule>>) rs -> {
                Rule rule = null;
                List<RefundTier> tiers = new ArrayList<>();
                Map<String, SlotFee> fees = new LinkedHashMap<>();
                while (rs.next()) {
                    if (rule == null) {
                        rule = row(rs, 0);
                    }
                    String kind = rs.getString("x_kind");
                    if ("t".equals(kind)) {
                        tiers.add(new RefundTier(rs.getInt("x_a"), rs.getInt("x_b")));
                    } else if ("f".equals(kind)) {
                        fees.put(rs.getString("x_slot"), new SlotFee(rs.getInt("x_a"), rs.getInt("x_b"), rs.getInt("x_c")));
                    }
                }
                return rule == null ? Optional.empty() : Optional.of(withTiersAndFees(rule, tiers, fees));
            });
    }

    /** The rule set at exactly this scope, if any. */
    public Optional<Rule> exact(String facilityId, Long roomId) {
        return jdbc.sql("""
                select * from reservation_rule where facility_id is not distinct from :facility
                and room_id is not distinct from :room""")
            .param("facility", facilityId).param("room", roomId).query(RuleRepository::row).optional().map(this::complete);
    }

    public List<Rule> all() {
        List<Rule> rules = jdbc.sql("select * from reservation_rule order by (room_id is not null), (facility_id is not null), facility_id, room_id")
            .query(RuleRepository::row).list();
        return completeAll(rules);
    }

    /** Inserts or updates the rule of the scope and replaces its tiers (its fees by slot stay); returns its id. */
    public long save(Rule r) {
        long id = jdbc.sql("""
                insert into reservation_rule (facility_id, room_id, window_days, cutoff_days, monthly_cap, fee_resident,
                    fee_non_resident, fee_commercial, cancel_deadline_days, pay_within_days, pay_days_before,
                    late_cancel_days, late_cancel_points, no_show_points, penalty_threshold, suspension_days,
                    cancel_grace_minutes)
                values (:facility, :room, :window, :cutoff, :cap, :res, :non, :com, :full, :within, :before, :late,
                    :latePoints, :noShow, :threshold, :suspension, :grace)
                on conflict (facility_id, room_id) do update set window_days = excluded.window_days,
                    cutoff_days = excluded.cutoff_days, monthly_cap = excluded.monthly_cap,
                    fee_resident = excluded.fee_resident, fee_non_resident = excluded.fee_non_resident,
                    fee_commercial = excluded.fee_commercial, cancel_deadline_days = excluded.cancel_deadline_days,
                    pay_within_days = excluded.pay_within_days, pay_days_before = excluded.pay_days_before,
                    late_cancel_days = excluded.late_cancel_days, late_cancel_points = excluded.late_cancel_points,
                    no_show_points = excluded.no_show_points, penalty_threshold = excluded.penalty_threshold,
                    suspension_days = excluded.suspension_days, cancel_grace_minutes = excluded.cancel_grace_minutes
                returning id""")
            .param("facility", r.facilityId()).param("room", r.roomId()).param("window", r.windowDays())
            .param("cutoff", r.cutoffDays()).param("cap", r.monthlyCap()).param("res", r.feeResident())
            .param("non", r.feeNonResident()).param("com", r.feeCommercial())
            // the single deadline column keeps meaning "full refund until": the smallest 100 % tier
            .param("full", Rule.fullRefundDays(r.tiers()))
            .param("within", r.payWithinDays()).param("before", r.payDaysBefore()).param("late", r.lateCancelDays())
            .param("latePoints", r.lateCancelPoints()).param("noShow", r.noShowPoints())
            .param("threshold", r.penaltyThreshold()).param("suspension", r.suspensionDays())
            .param("grace", r.cancelGraceMinutes())
            .query(Long.class).single();
        jdbc.sql("delete from reservation_refund_tier where rule_id = ?").param(id).update();
        for (RefundTier t : r.tiers()) {
            jdbc.sql("insert into reservation_refund_tier (rule_id, days_before, percent) values (?, ?, ?)")
                .params(id, t.daysBefore(), t.percent()).update();
        }
        return id;
    }

    /** Replaces the fees by slot of a rule. */
    public void replaceSlotFees(long ruleId, Map<String, SlotFee> fees) {
        jdbc.sql("delete from reservation_rule_slot_fee where rule_id = ?").param(ruleId).update();
        for (var e : fees.entrySet()) {
            jdbc.sql("""
                    insert into reservation_rule_slot_fee (rule_id, slot_code, fee_resident, fee_non_resident, fee_commercial)
                    values (?, ?, ?, ?, ?)""")
                .params(ruleId, e.getKey(), e.getValue().resident(), e.getValue().nonResident(), e.getValue().commercial())
                .update();
        }
    }

    /** One rule row; tiers and fees by slot are read by {@link #complete}. */
    private static Rule row(ResultSet rs, int n) throws SQLException {
        long room = rs.getLong("room_id");
        Long roomId = rs.wasNull() ? null : room;
        int commercial = rs.getInt("fee_commercial");
        if (rs.wasNull()) {
            commercial = rs.getInt("fee_non_resident");
        }
        int full = rs.getInt("cancel_deadline_days");
        return new Rule(rs.getLong("id"), rs.getString("facility_id"), roomId, rs.getInt("window_days"),
            rs.getInt("cutoff_days"), rs.getInt("monthly_cap"), rs.getInt("fee_resident"), rs.getInt("fee_non_resident"),
            commercial, full, rs.getInt("pay_within_days"), rs.getInt("pay_days_before"), rs.getInt("late_cancel_days"),
            rs.getInt("late_cancel_points"), rs.getInt("no_show_points"), rs.getInt("penalty_threshold"),
            rs.getInt("suspension_days"), rs.getInt("cancel_grace_minutes"), List.of(new RefundTier(full, 100)), Map.of());
    }

    /** The rule with its refund tiers (a rule without tiers keeps 100 % until its deadline) and fees by slot. */
    private Rule complete(Rule r) {
        return completeAll(List.of(r)).getFirst();
    }

    /** {@link #complete} of many rules, their tiers and fees read in one statement; in the same order. */
    private List<Rule> completeAll(List<Rule> rules) {
        if (rules.isEmpty()) {
            return rules;
        }
        Map<Long, List<RefundTier>> tiers = new java.util.HashMap<>();
        Map<Long, Map<String, SlotFee>> fees = new java.util.HashMap<>();
        jdbc.sql("""
                select 't' as kind, null as slot_code, days_before, percent, 0, 0, rule_id from reservation_refund_tier
                where rule_id = any(:ids)
                union all
                select 'f', slot_code, fee_resident, fee_non_resident, fee_commercial, 0, rule_id from reservation_rule_slot_fee
                where rule_id = any(:ids)""")
            .param("ids", rules.stream().map(Rule::id).toArray(Long[]::new)).query((ResultSet rs) -> {
                long id = rs.getLong(7);
                if ("t".equals(rs.getString(1))) {
                    tiers.computeIfAbsent(id, k -> new ArrayList<>()).add(new RefundTier(rs.getInt(3), rs.getInt(4)));
                } else {
                    fees.computeIfAbsent(id, k -> new LinkedHashMap<>())
                        .put(rs.getString(2), new SlotFee(rs.getInt(3), rs.getInt(4), rs.getInt(5)));
                }
            });
        return rules.stream().map(r -> withTiersAndFees(r, tiers.getOrDefault(r.id(), List.of()),
            fees.getOrDefault(r.id(), new LinkedHashMap<>()))).toList();
    }

    private static Rule withTiersAndFees(Rule r, List<RefundTier> tiers, Map<String, SlotFee> fees) {
        return new Rule(r.id(), r.facilityId(), r.roomId(), r.windowDays(), r.cutoffDays(), r.monthlyCap(), r.feeResident(),
            r.feeNonResident(), r.feeCommercial(), r.cancelDeadlineDays(), r.payWithinDays(), r.payDaysBefore(),
            r.lateCancelDays(), r.lateCancelPoints(), r.noShowPoints(), r.penaltyThreshold(), r.suspensionDays(),
            r.cancelGraceMinutes(), tiers.isEmpty() ? r.tiers() : tiers, fees);
    }
}
