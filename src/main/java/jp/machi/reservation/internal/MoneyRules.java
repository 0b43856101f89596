package jp.machi.reservation.internal;

import java.util.List;

/**
 * One row of {@code reservation_rule} with everything money-related (fees, payment deadline, refund tiers,
 * penalties) as the staff rules page edits it. {@code facilityId} and {@code roomId} give the scope (both null: the
 * whole ward). {@code id} is 0 for a rule not saved yet.
 *
 * @param payWithinDays    the fee is due this many days after the day of booking …
 * @param payDaysBefore    … or this many days before the day of use, whichever comes first
 * @param lateCancelDays   a cancellation fewer than this many days before the day of use is late
 * @param tiers            refund tiers, largest {@code daysBefore} first
 */
public record MoneyRules(long id, String facilityId, Long roomId, int windowDays, int cutoffDays, int monthlyCap,
                         int feeResident, int feeNonResident, int feeCommercial, int payWithinDays, int payDaysBefore,
                         int lateCancelDays, int lateCancelPoints, int noShowPoints, int penaltyThreshold,
                         int suspensionDays, List<RefundTier> tiers) {

    /** A cancellation at least {@code daysBefore} days before the day of use refunds {@code percent} % of the fee. */
    public record RefundTier(int daysBefore, int percent) {}

    public String scope() {
        return roomId != null ? "room" : facilityId != null ? "facility" : "ward";
    }

    /** The refund percentage for a cancellation {@code daysBefore} days before the day of use (0: the day itself). */
    public int refundPercent(long daysBefore) {
        for (RefundTier t : tiers) {
            if (daysBefore >= t.daysBefore()) {
                return t.percent();
            }
        }
        return 0;
    }

    /** The same rule with other tiers (sorted, largest {@code daysBefore} first). */
    public MoneyRules withTiers(List<RefundTier> newTiers) {
        List<RefundTier> sorted = newTiers.stream()
            .sorted(java.util.Comparator.comparingInt(RefundTier::daysBefore).reversed()).toList();
        return new MoneyRules(id, facilityId, roomId, windowDays, cutoffDays, monthlyCap, feeResident, feeNonResident,
            feeCommercial, payWithinDays, payDaysBefore, lateCancelDays, lateCancelPoints, noShowPoints,
            penaltyThreshold, suspensionDays, sorted);
    }
}
