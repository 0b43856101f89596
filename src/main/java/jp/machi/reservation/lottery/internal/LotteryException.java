package jp.machi.reservation.lottery.internal;

/**
 * A lottery rule said no; nothing was written. {@code code} names the message {@code reservation.lottery.error.<code>};
 * {@code rank} is the choice it concerns (1-based) or 0 for the whole application.
 */
public class LotteryException extends RuntimeException {

    private final String code;
    private final int rank;

    public LotteryException(String code) {
        this(code, 0);
    }

    public LotteryException(String code, int rank) {
        super(code + (rank > 0 ? " (choice " + rank + ")" : ""), null, false, false);
        this.code = code;
        this.rank = rank;
    }

    public String code() {
        return code;
    }

    public int rank() {
        return rank;
    }
}
