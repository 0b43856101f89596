package jp.machi.reservation.booking;

import jp.machi.reservation.Refusal;

/** Why the booking core refused a booking, a cancellation or a step of a booking (message {@code reservation.refusal.<code>}). */
public enum BookingRefusal implements Refusal {
    NOT_REGISTERED, SUSPENDED, ROOM_NOT_BOOKABLE, UNKNOWN_SLOT, CLOSED, PAST, CUTOFF, OUTSIDE_WINDOW, CAP_EXCEEDED,
    TAKEN, KEY_REUSED, NOT_FOUND, NOT_ACTIVE, TOO_LATE,
    // splittable rooms
    UNKNOWN_PART, NOT_SPLITTABLE,
    // checkout holds, check-in
    HOLD_EXPIRED, NOT_PROVISIONAL, NOT_YET, ALREADY_CHECKED_IN,
    // no trap: a payment deadline that can be met; a cancellation that costs what was shown
    NO_PAYMENT_DEADLINE, TERMS_CHANGED;

    @Override
    public String code() {
        return Refusal.code(this);
    }
}
