package jp.machi.reservation.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code reservation_rule} with its refund tiers and fees by slot: everything the ward decided for the rooms
 * of a scope. {@code facilityId} and {@code roomId} give the scope (both null: the whole ward). {@code id} is 0 for a
 * rule not saved yet.
 *
 * @param windowDays         how many days ahead a slot can be booked (today + windowDays is the last day)
 * @param cutoffDays         online booking closes this many days before the day of use (0: the same day)
 * @param monthlyCap         active bookings one person may hold for days of one calendar month
 * @param feeResident        fee per slot in yen for people living, working or studying in the ward
 * @param feeNonResident     fee per slot in yen for everybody else (区外)
 * @param feeCommercial      fee per slot in yen for commercial use (営利目的)
 * @param cancelDeadlineDays the last day of a full refund, as days before the day of use (the smallest 100 % tier)
 * @param payWithinDays      the fee is due this many days after the day of booking …
 * @param payDaysBefore      … or this many days before the day of use, whichever comes first
 * @param lateCancelDays     a cancellation fewer than this many days before the day of use is late
 * @param lateCancelPoints   penalty points of a late cancellation
 * @param noShowPoints       penalty points of a no-show
 * @param penaltyThreshold   points that suspend the booker (and start the count again)
 * @param suspensionDays     how long a suspension lasts
 * @param cancelGraceMinutes a cancellation this many minutes after booking costs nothing (no points, the whole fee)
 * @param tiers              refund tiers, largest {@code daysBefore} first
 * @param slotFees           slot code → the fees of that slot where the rule prices slots differently (may be empty)
 */
public record Rule(long id, String facilityId, Long roomId, int windowDays, int cutoffDays, int monthlyCap,
                   int feeResident, int feeNonResident, int feeCommercial, int cancelDeadlineDays, int payWithinDays,
                   int payDaysBefore, int lateCancelDays, int lateCancelPoints, int noShowPoints, int penaltyThreshold,
                   int suspensionDays, int cancelGraceMinutes, List<RefundTier> tiers, Map<String, SlotFee> slotFees) {

    /** The grace period of a new rule unless the ward sets another: long enough to notice a wrong day or room. */
    public static final int DEFAULT_GRACE_MINUTES = 30;

    public Rule {
        tiers = tiers.stream().sorted(Comparator.comparingInt(RefundTier::daysBefore).reversed()).toList();
        slotFees = Map.copyOf(slotFees);
    }

    /** Where the rule is set: {@code room}, {@code facility} or {@code ward}. */
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

    /** The same rule for another scope (a new rule based on the one that applies there now). */
    public Rule at(String facilityId, Long roomId) {
        return new Rule(0, facilityId, roomId, windowDays, cutoffDays, monthlyCap, feeResident, feeNonResident, feeCommercial,
            cancelDeadlineDays, payWithinDays, payDaysBefore, lateCancelDays, lateCancelPoints, noShowPoints,
            penaltyThreshold, suspensionDays, cancelGraceMinutes, tiers, slotFees);
    }

    /** The same rule with other fees by slot. */
    public Rule withSlotFees(Map<String, SlotFee> fees) {
        return new Rule(id, facilityId, roomId, windowDays, cutoffDays, monthlyCap, feeResident, feeNonResident, feeCommercial,
            cancelDeadlineDays, payWithinDays, payDaysBefore, lateCancelDays, lateCancelPoints, noShowPoints,
            penaltyThreshold, suspensionDays, cancelGraceMinutes, tiers, fees);
    }

    /** The smallest {@code daysBefore} of a 100 % tier: the last day of a full refund (365 without such a tier). */
    public static int fullRefundDays(List<RefundTier> tiers) {
        return tiers.stream().filter(t -> t.percent() == 100).mapToInt(RefundTier::daysBefore).min().orElse(365);
    }
}
