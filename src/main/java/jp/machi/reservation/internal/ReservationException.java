package jp.machi.reservation.internal;

/** A booking rule said no; nothing was written. */
public class ReservationException extends RuntimeException {

    private final Refusal refusal;

    public ReservationException(Refusal refusal) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
