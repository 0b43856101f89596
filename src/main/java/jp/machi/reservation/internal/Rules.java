package jp.machi.reservation.internal;

/**
 * The booking rules that apply to one room.
 *
 * @param windowDays         how many days ahead a slot can be booked (today + windowDays is the last day)
 * @param cutoffDays         online booking closes this many days before the day of use (0: the same day)
 * @param monthlyCap         active bookings one person may hold for days of one calendar month
 * @param feeResident        fee per slot in yen for people living, working or studying in the ward
 * @param feeNonResident     fee per slot in yen for everybody else (区外)
 * @param cancelDeadlineDays a cancellation at least this many days before the day of use refunds the whole fee
 * @param scope              where the rule is set: room, facility or ward
 * @param slotFees           slot code → the fees of that slot where the rule prices slots differently (may be empty)
 */
public record Rules(int windowDays, int cutoffDays, int monthlyCap, int feeResident, int feeNonResident,
                    int cancelDeadlineDays, String scope, java.util.Map<String, SlotFee> slotFees) {}
