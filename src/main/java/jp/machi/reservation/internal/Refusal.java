package jp.machi.reservation.internal;

/**
 * Why a booking or cancellation was refused. The code goes into the API's JSON and names the message
 * {@code reservation.refusal.<code>}.
 */
public enum Refusal {
    NOT_REGISTERED, SUSPENDED, ROOM_NOT_BOOKABLE, UNKNOWN_SLOT, CLOSED, PAST, CUTOFF, OUTSIDE_WINDOW, CAP_EXCEEDED,
    TAKEN, KEY_REUSED, NOT_FOUND, NOT_ACTIVE, TOO_LATE,
    // splittable rooms
    UNKNOWN_PART, NOT_SPLITTABLE,
    // groups, who may book, blocks (reservation-groups bundle)
    INDIVIDUALS_NOT_ALLOWED, GROUPS_NOT_ALLOWED, NON_RESIDENTS_NOT_ALLOWED, GROUP_NOT_APPROVED, GROUP_CAP_EXCEEDED, BLOCKED,
    /** A lottery round holds the slot until first-come booking opens (LotteryHold). */
    LOTTERY,
    // money: checkout, reductions, check-in
    HOLD_EXPIRED, UNKNOWN_REDUCTION, NOT_PROVISIONAL, REDUCTION_NOT_REQUESTED, ALREADY_PAID, NOT_YET, ALREADY_CHECKED_IN;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
