package jp.machi.reservation.rules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.rules.RefundTier;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.RuleScope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/** Checking and saving booking rules (with their money parts) per ward, facility or room, as staff edit them. */
@Service
public class RuleEditor {

    /** How many refund tiers the form offers. */
    public static final int TIERS = 4;
    /** The highest fee per slot the form accepts. */
    public static final int MAX_FEE = 1_000_000;

    private final RuleRepository repository;
    private final AuditLog audit;

    RuleEditor(RuleRepository repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    public boolean exists(RuleScope scope) {
        return repository.exact(scope.facilityId(), scope.roomId()).isPresent();
    }

    /** The rule set at the scope, or (for a new one) the values that apply there now. */
    public Rule current(RuleScope scope) {
        Optional<Rule> exact = repository.exact(scope.facilityId(), scope.roomId());
        if (exact.isPresent()) {
            return exact.get();
        }
        Rule base = scope.room() != null ? repository.effective(scope.room().id(), scope.facility().id()).orElse(null)
            : scope.facility() != null ? repository.effective(-1, scope.facility().id()).orElse(null)
            : null;
        if (base == null) {
            base = new Rule(0, null, null, 90, 1, 8, 1200, 1800, 3600, 7, 14, 3, 3, 1, 3, 5, 30, Rule.DEFAULT_GRACE_MINUTES,
                List.of(new RefundTier(7, 100)), java.util.Map.of());
        }
        return base.at(scope.facilityId(), scope.roomId()).withSlotFees(java.util.Map.of());
    }

    /** Saves the rule of its scope (its fees by slot stay) and records the change in the audit log. */
    @Transactional
    public long save(RuleScope scope, Rule rules, AuditDetail summary) {
        long id = repository.save(rules);
        audit.record(AuditEvent.byCurrentActor("reservation.rule.update", null, "rule:" + scope.code(), summary));
        return id;
    }

    /** The form as typed: every value a string, so nonsense comes back as a message rather than a 400 page. */
    public static class Form {
        private String windowDays, cutoffDays, monthlyCap, feeResident, feeNonResident, feeCommercial, payWithinDays,
            payDaysBefore, lateCancelDays, lateCancelPoints, noShowPoints, penaltyThreshold, suspensionDays,
            cancelGraceMinutes = "" + Rule.DEFAULT_GRACE_MINUTES;
        private List<String> tierDays = padded(null), tierPercent = padded(null);

        public static Form of(Rule r) {
            Form f = new Form();
            f.windowDays = "" + r.windowDays();
            f.cutoffDays = "" + r.cutoffDays();
            f.monthlyCap = "" + r.monthlyCap();
            f.feeResident = "" + r.feeResident();
            f.feeNonResident = "" + r.feeNonResident();
            f.feeCommercial = "" + r.feeCommercial();
            f.payWithinDays = "" + r.payWithinDays();
            f.payDaysBefore = "" + r.payDaysBefore();
            f.lateCancelDays = "" + r.lateCancelDays();
            f.lateCancelPoints = "" + r.lateCancelPoints();
            f.noShowPoints = "" + r.noShowPoints();
            f.penaltyThreshold = "" + r.penaltyThreshold();
            f.suspensionDays = "" + r.suspensionDays();
            f.cancelGraceMinutes = "" + r.cancelGraceMinutes();
            for (int i = 0; i < TIERS; i++) {
                f.tierDays.add(i < r.tiers().size() ? "" + r.tiers().get(i).daysBefore() : "");
                f.tierPercent.add(i < r.tiers().size() ? "" + r.tiers().get(i).percent() : "");
            }
            return f;
        }

        /** A one-line record of the values for the audit log. */
        public AuditDetail summary() {
            StringBuilder ja = new StringBuilder();
            StringBuilder en = new StringBuilder();
            for (int i = 0; i < Math.min(tierDays.size(), tierPercent.size()); i++) {
                if (tierDays.get(i) == null || tierDays.get(i).isBlank()) {
                    continue;
                }
                ja.append(ja.isEmpty() ? "" : "、").append(tierDays.get(i)).append("日前まで").append(tierPercent.get(i)).append("%");
                en.append(en.isEmpty() ? "" : ", ").append(tierPercent.get(i)).append("% up to ").append(tierDays.get(i))
                    .append(" days before");
            }
            return AuditDetail.of("reservation.rules.audit.rule", feeResident, feeNonResident, feeCommercial, payWithinDays,
                payDaysBefore, ja.isEmpty() ? AuditDetail.word("audit.detail.none") : AuditDetail.named(ja.toString(), en.toString()),
                lateCancelDays, lateCancelPoints, noShowPoints, penaltyThreshold, suspensionDays, cancelGraceMinutes, windowDays,
                cutoffDays, monthlyCap);
        }

        public String getWindowDays() { return windowDays; }
        public void setWindowDays(String v) { windowDays = v; }
        public String getCutoffDays() { return cutoffDays; }
        public void setCutoffDays(String v) { cutoffDays = v; }
        public String getMonthlyCap() { return monthlyCap; }
        public void setMonthlyCap(String v) { monthlyCap = v; }
        public String getFeeResident() { return feeResident; }
        public void setFeeResident(String v) { feeResident = v; }
        public String getFeeNonResident() { return feeNonResident; }
        public void setFeeNonResident(String v) { feeNonResident = v; }
        public String getFeeCommercial() { return feeCommercial; }
        public void setFeeCommercial(String v) { feeCommercial = v; }
        public String getPayWithinDays() { return payWithinDays; }
        public void setPayWithinDays(String v) { payWithinDays = v; }
        public String getPayDaysBefore() { return payDaysBefore; }
        public void setPayDaysBefore(String v) { payDaysBefore = v; }
        public String getLateCancelDays() { return lateCancelDays; }
        public void setLateCancelDays(String v) { lateCancelDays = v; }
        public String getLateCancelPoints() { return lateCancelPoints; }
        public void setLateCancelPoints(String v) { lateCancelPoints = v; }
        public String getNoShowPoints() { return noShowPoints; }
        public void setNoShowPoints(String v) { noShowPoints = v; }
        public String getPenaltyThreshold() { return penaltyThreshold; }
        public void setPenaltyThreshold(String v) { penaltyThreshold = v; }
        public String getSuspensionDays() { return suspensionDays; }
        public void setSuspensionDays(String v) { suspensionDays = v; }
        public String getCancelGraceMinutes() { return cancelGraceMinutes; }
        public void setCancelGraceMinutes(String v) { cancelGraceMinutes = v; }
        public List<String> getTierDays() { return tierDays; }
        public void setTierDays(List<String> v) { tierDays = padded(v); }
        public List<String> getTierPercent() { return tierPercent; }
        public void setTierPercent(List<String> v) { tierPercent = padded(v); }

        private static List<String> padded(List<String> v) {
            List<String> out = new ArrayList<>(v == null ? List.of() : v.subList(0, Math.min(v.size(), TIERS)));
            while (out.size() < TIERS) {
                out.add("");
            }
            return out;
        }
    }

    /** Checks every value (range, tiers consistent); problems go into {@code errors}; the rule when there are none. */
    public Rule validate(RuleScope scope, Form f, Errors errors) {
        f.setTierDays(f.tierDays);
        f.setTierPercent(f.tierPercent);
        int window = number(errors, "windowDays", f.windowDays, 1, 730);
        int cutoff = number(errors, "cutoffDays", f.cutoffDays, 0, 365);
        int cap = number(errors, "monthlyCap", f.monthlyCap, 1, 1000);
        int resident = number(errors, "feeResident", f.feeResident, 0, MAX_FEE);
        int non = number(errors, "feeNonResident", f.feeNonResident, 0, MAX_FEE);
        int commercial = number(errors, "feeCommercial", f.feeCommercial, 0, MAX_FEE);
        int within = number(errors, "payWithinDays", f.payWithinDays, 0, 365);
        int before = number(errors, "payDaysBefore", f.payDaysBefore, 0, 365);
        int late = number(errors, "lateCancelDays", f.lateCancelDays, 0, 365);
        int latePoints = number(errors, "lateCancelPoints", f.lateCancelPoints, 0, 100);
        int noShow = number(errors, "noShowPoints", f.noShowPoints, 0, 100);
        int threshold = number(errors, "penaltyThreshold", f.penaltyThreshold, 1, 100);
        int suspension = number(errors, "suspensionDays", f.suspensionDays, 1, 365);
        int grace = number(errors, "cancelGraceMinutes", f.cancelGraceMinutes, 0, 1440);
        if (!errors.hasFieldErrors("cutoffDays") && !errors.hasFieldErrors("windowDays") && cutoff > window) {
            errors.rejectValue("cutoffDays", "reservation.money.rule.cutoffAfterWindow");
        }
        List<RefundTier> tiers = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < TIERS; i++) {
            String d = i < f.tierDays.size() ? f.tierDays.get(i) : null;
            String p = i < f.tierPercent.size() ? f.tierPercent.get(i) : null;
            boolean noDays = d == null || d.isBlank();
            boolean noPercent = p == null || p.isBlank();
            if (noDays && noPercent) {
                continue;
            }
            if (noDays || noPercent) {
                errors.rejectValue(noDays ? "tierDays[" + i + "]" : "tierPercent[" + i + "]", "reservation.money.rule.tierPair");
                continue;
            }
            int days = number(errors, "tierDays[" + i + "]", d, 0, 365);
            int percent = number(errors, "tierPercent[" + i + "]", p, 0, 100);
            if (days >= 0 && percent >= 0) {
                if (!seen.add(days)) {
                    errors.rejectValue("tierDays[" + i + "]", "reservation.money.rule.tierTwice");
                } else {
                    tiers.add(new RefundTier(days, percent));
                }
            }
        }
        List<RefundTier> sorted = tiers.stream()
            .sorted(java.util.Comparator.comparingInt(RefundTier::daysBefore).reversed()).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).percent() > sorted.get(i - 1).percent()) {
                errors.reject("reservation.money.rule.tierOrder");
                break;
            }
        }
        if (errors.hasErrors()) {
            return null;
        }
        return new Rule(0, scope.facilityId(), scope.roomId(), window, cutoff, cap, resident, non, commercial,
            Rule.fullRefundDays(sorted), within, before, late, latePoints, noShow, threshold, suspension, grace, sorted,
            java.util.Map.of());
    }

    private static int number(Errors errors, String field, String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (!v.matches("\\d{1,7}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            errors.rejectValue(field, "reservation.money.rule.range", new Object[] {min, max}, null);
            return -1;
        }
        return Integer.parseInt(v);
    }
}
