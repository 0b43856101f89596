package jp.machi.reservation.internal;

/**
 * Why a booking or cancellation was refused. The code goes into the API's JSON and names the message
 * {@code reservation.refusal.<code>}.
 */
public enum Refusal {
    NOT_REGISTERED, SUSPENDED, ROOM_NOT_BOOKABLE, UNKNOWN_SLOT, CLOSED, PAST, CUTOFF, OUTSIDE_WINDOW, CAP_EXCEEDED,
    TAKEN, KEY_REUSED, NOT_FOUND, NOT_ACTIVE, TOO_LATE,
    /** A lottery round holds the slot until first-come booking opens (LotteryHold). */
    LOTTERY;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
