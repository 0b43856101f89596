package jp.machi.reservation.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.internal.FormValues;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.RuleScope;
import jp.machi.reservation.rules.SlotFee;
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

    private final RuleRepository repository;
    private final RoomRules rules;
    private final AuditLog audit;

    SlotFeeEditor(RuleRepository repository, RoomRules rules, AuditLog audit) {
        this.repository = repository;
        this.rules = rules;
        this.audit = audit;
    }

    /** The rule set at exactly this scope; empty when the scope takes a wider scope's rule. */
    public Optional<Rule> rule(RuleScope scope) {
        return rules.exact(scope);
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
    public void replace(long ruleId, RuleScope scope, Map<String, SlotFee> fees) {
        repository.replaceSlotFees(ruleId, fees);
        audit.record(AuditEvent.byCurrentActor("reservation.slot-fees.update", null, "rule:" + scope.code(),
            fees.isEmpty() ? AuditDetail.of("reservation.rules.audit.slotFees.none")
                : AuditDetail.of("reservation.rules.audit.slotFees", fees.size())));
    }
}
