package jp.machi.reservation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fees that differ by slot, set on a rule (the rule of a ward, facility or room scope): for each slot of the scope,
 * either nothing (the rule's fees) or all three rates. Bookings keep the fee they were made with; a change prices the
 * bookings made from then on.
 */
@Service
public class SlotFeeEditor {

    /** What the form sent for one slot: three amounts as typed. */
    public record Entry(String resident, String nonResident, String commercial) {

        boolean blank() {
            return FormValues.blank(resident, nonResident, commercial);
        }
    }

    private final JdbcClient jdbc;
    private final RuleEditor rules;
    private final SlotEditor slots;
    private final ReservationRepository repository;
    private final AuditLog audit;

    SlotFeeEditor(JdbcClient jdbc, RuleEditor rules, SlotEditor slots, ReservationRepository repository, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.rules = rules;
        this.slots = slots;
        this.repository = repository;
    }

    /** The id of the rule set at exactly this scope; empty when the scope takes a wider scope's rule. */
    public Optional<Long> ruleId(RuleEditor.Scope scope) {
        return rules.exact(scope).map(MoneyRules::id);
    }

    /** The slots the scope's rooms use (the scope's own, else the wider scope's). */
    public List<Slot> slotsOf(RuleEditor.Scope scope) {
        List<Slot> own = slots.own(scope);
        return own.isEmpty() ? slots.inherited(scope) : own;
    }

    public Map<String, SlotFee> current(long ruleId) {
        return repository.slotFees(ruleId);
    }

    /**
     * Checks the entries (slot code → amounts): all three blank = the rule's fees, else each a whole number of yen up to
     * {@link RuleEditor#MAX_FEE}. Throws {@link EditRefused} with every problem (field {@code fee-<code>-<rate>}).
     */
    public Map<String, SlotFee> validate(Map<String, Entry> entries) {
        List<EditRefused.Problem> problems = new ArrayList<>();
        Map<String, SlotFee> fees = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            if (e.getValue().blank()) {
                continue;
            }
            Integer r = FormValues.whole(e.getValue().resident(), 0, RuleEditor.MAX_FEE);
            Integer n = FormValues.whole(e.getValue().nonResident(), 0, RuleEditor.MAX_FEE);
            Integer c = FormValues.whole(e.getValue().commercial(), 0, RuleEditor.MAX_FEE);
            String f = "fee-" + e.getKey() + "-";
            if (r == null) {
                problems.add(new EditRefused.Problem(f + "resident", "reservation.slotFees.error.amount", List.of(e.getKey())));
            }
            if (n == null) {
                problems.add(new EditRefused.Problem(f + "nonResident", "reservation.slotFees.error.amount", List.of(e.getKey())));
            }
            if (c == null) {
                problems.add(new EditRefused.Problem(f + "commercial", "reservation.slotFees.error.amount", List.of(e.getKey())));
            }
            if (r != null && n != null && c != null) {
                fees.put(e.getKey(), new SlotFee(r, n, c));
            }
        }
        if (!problems.isEmpty()) {
            throw new EditRefused(problems);
        }
        return fees;
    }

    /** Replaces the per-slot fees of the rule of {@code scope} (its id {@code ruleId}); audited. */
    @Transactional
    public void replace(long ruleId, RuleEditor.Scope scope, Map<String, SlotFee> fees) {
        store(ruleId, fees);
        audit.record(AuditEvent.byCurrentActor("reservation.slot-fees.update", null, "rule:" + scope.code(),
            fees.isEmpty() ? "none" : fees.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().resident() + "/"
                + e.getValue().nonResident() + "/" + e.getValue().commercial()).collect(java.util.stream.Collectors.joining(", "))));
    }

    /** Writes the rule's per-slot fees (demo data; staff go through {@link #replace}). */
    void store(long ruleId, Map<String, SlotFee> fees) {
        jdbc.sql("delete from reservation_rule_slot_fee where rule_id = ?").param(ruleId).update();
        for (var e : fees.entrySet()) {
            jdbc.sql("""
                    insert into reservation_rule_slot_fee (rule_id, slot_code, fee_resident, fee_non_resident, fee_commercial)
                    values (?, ?, ?, ?, ?)""")
                .params(ruleId, e.getKey(), e.getValue().resident(), e.getValue().nonResident(), e.getValue().commercial()).update();
        }
    }
}
