package jp.machi.reservation.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/** Reading, checking and saving booking rules (with their money parts) per ward, facility or room. */
@Service
public class RuleEditor {

    /** How many refund tiers the form offers. */
    public static final int TIERS = 4;
    /** The highest fee per slot the form accepts. */
    public static final int MAX_FEE = 1_000_000;

    private final MoneyRepository repository;
    private final Facilities facilities;

    RuleEditor(MoneyRepository repository, Facilities facilities) {
        this.repository = repository;
        this.facilities = facilities;
    }

    /** Where a rule applies: the ward (both null), a facility, or a room of a facility. */
    public record Scope(FacilitySummary facility, RoomSummary room) {
        public String code() {
            return room != null ? "room:" + room.id() : facility != null ? "facility:" + facility.id() : "ward";
        }

        public String kind() {
            return room != null ? "room" : facility != null ? "facility" : "ward";
        }

        String facilityId() {
            return room == null && facility != null ? facility.id() : null;
        }

        Long roomId() {
            return room == null ? null : room.id();
        }
    }

    /** The scope of the parameters; empty for an unknown facility or room (or a malformed room number). */
    public Optional<Scope> scope(String facilityId, Long roomId, boolean roomGiven) {
        if (roomGiven) {
            if (roomId == null) {
                return Optional.empty();
            }
            return facilities.room(roomId).flatMap(r -> facilities.find(r.facilityId()).map(f -> new Scope(f, r)));
        }
        if (facilityId != null) {
            return facilities.find(facilityId).filter(f -> !facilities.bookableRooms(f.id()).isEmpty())
                .map(f -> new Scope(f, null));
        }
        return Optional.of(new Scope(null, null));
    }

    /** The names of a saved rule's scope. */
    public Optional<Scope> scopeNames(String facilityId, Long roomId) {
        if (roomId != null) {
            return facilities.room(roomId).flatMap(r -> facilities.find(r.facilityId()).map(f -> new Scope(f, r)));
        }
        return facilityId == null ? Optional.empty() : facilities.find(facilityId).map(f -> new Scope(f, null));
    }

    public List<MoneyRules> all() {
        return repository.all();
    }

    public boolean exists(Scope scope) {
        return exact(scope).isPresent();
    }

    /** The rule set at exactly this scope, if any. */
    public Optional<MoneyRules> exact(Scope scope) {
        return repository.exact(scope.facilityId(), scope.roomId());
    }

    /** The rule set at the scope, or (for a new one) the values that apply there now. */
    public MoneyRules current(Scope scope) {
        Optional<MoneyRules> exact = repository.exact(scope.facilityId(), scope.roomId());
        if (exact.isPresent()) {
            return exact.get();
        }
        MoneyRules base = scope.room() != null ? repository.effective(scope.room().id(), scope.facility().id()).orElse(null)
            : scope.facility() != null ? repository.effective(-1, scope.facility().id()).orElse(null)
            : null;
        if (base == null) {
            base = new MoneyRules(0, null, null, 90, 1, 8, 1200, 1800, 3600, 14, 3, 3, 1, 3, 5, 30,
                List.of(new MoneyRules.RefundTier(7, 100)));
        }
        return new MoneyRules(0, scope.facilityId(), scope.roomId(), base.windowDays(), base.cutoffDays(),
            base.monthlyCap(), base.feeResident(), base.feeNonResident(), base.feeCommercial(), base.payWithinDays(),
            base.payDaysBefore(), base.lateCancelDays(), base.lateCancelPoints(), base.noShowPoints(),
            base.penaltyThreshold(), base.suspensionDays(), base.tiers());
    }

    @Transactional
    public long save(MoneyRules rules) {
        return repository.save(rules);
    }

    /** The form as typed: every value a string, so nonsense comes back as a message rather than a 400 page. */
    public static class Form {
        private String windowDays, cutoffDays, monthlyCap, feeResident, feeNonResident, feeCommercial, payWithinDays,
            payDaysBefore, lateCancelDays, lateCancelPoints, noShowPoints, penaltyThreshold, suspensionDays;
        private List<String> tierDays = padded(null), tierPercent = padded(null);

        public static Form of(MoneyRules r) {
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
            for (int i = 0; i < TIERS; i++) {
                f.tierDays.add(i < r.tiers().size() ? "" + r.tiers().get(i).daysBefore() : "");
                f.tierPercent.add(i < r.tiers().size() ? "" + r.tiers().get(i).percent() : "");
            }
            return f;
        }

        /** A one-line record of the values for the audit log. */
        public String summary() {
            return "fees " + feeResident + "/" + feeNonResident + "/" + feeCommercial + ", pay " + payWithinDays + "d/"
                + payDaysBefore + "d before, tiers " + tierDays + "->" + tierPercent + ", late " + lateCancelDays + "d "
                + lateCancelPoints + "p, no-show " + noShowPoints + "p, threshold " + penaltyThreshold + ", suspend "
                + suspensionDays + "d, window " + windowDays + ", cutoff " + cutoffDays + ", cap " + monthlyCap;
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
    public MoneyRules validate(Scope scope, Form f, Errors errors) {
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
        if (!errors.hasFieldErrors("cutoffDays") && !errors.hasFieldErrors("windowDays") && cutoff > window) {
            errors.rejectValue("cutoffDays", "reservation.money.rule.cutoffAfterWindow");
        }
        List<MoneyRules.RefundTier> tiers = new ArrayList<>();
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
                    tiers.add(new MoneyRules.RefundTier(days, percent));
                }
            }
        }
        List<MoneyRules.RefundTier> sorted = tiers.stream()
            .sorted(java.util.Comparator.comparingInt(MoneyRules.RefundTier::daysBefore).reversed()).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).percent() > sorted.get(i - 1).percent()) {
                errors.reject("reservation.money.rule.tierOrder");
                break;
            }
        }
        if (errors.hasErrors()) {
            return null;
        }
        return new MoneyRules(0, scope.facilityId(), scope.roomId(), window, cutoff, cap, resident, non, commercial,
            within, before, late, latePoints, noShow, threshold, suspension, sorted);
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
