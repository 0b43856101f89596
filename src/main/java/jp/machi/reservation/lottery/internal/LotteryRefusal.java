package jp.machi.reservation.lottery.internal;

import jp.machi.reservation.Refusal;

/** Why first-come booking was refused for the lottery's sake (message {@code reservation.refusal.<code>}). */
enum LotteryRefusal implements Refusal {
    /** A lottery round holds the slot until first-come booking opens. */
    LOTTERY;

    @Override
    public String code() {
        return Refusal.code(this);
    }
}
