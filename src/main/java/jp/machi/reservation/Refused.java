package jp.machi.reservation;

/** A rule said no; nothing was written. */
public class Refused extends RuntimeException {

    private final Refusal refusal;

    public Refused(Refusal refusal) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The refusal's code, e.g. {@code taken}. */
    public String code() {
        return refusal.code();
    }
}
