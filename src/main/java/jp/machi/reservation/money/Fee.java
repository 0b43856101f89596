package jp.machi.reservation.money;

/**
 * A fee and what produced it: the rate class ({@code resident}, {@code non-resident}, {@code commercial}) and the
 * scope of the rule ({@code room}, {@code facility}, {@code ward}).
 */
public record Fee(int amount, String kind, String scope) {

    /** As stored with a booking: {@code resident/ward}. */
    public String rule() {
        return kind + "/" + scope;
    }
}
