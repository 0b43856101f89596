package jp.machi.reservation.money;

import jp.machi.reservation.Refusal;

/** Why a money step was refused (message {@code reservation.refusal.<code>}). */
public enum MoneyRefusal implements Refusal {
    /** No active reduction category has this code. */
    UNKNOWN_REDUCTION,
    /** Staff decided a reduction nobody asked for (or one decided already). */
    REDUCTION_NOT_REQUESTED,
    /** The fee was paid: a reduction can no longer change it. */
    ALREADY_PAID;

    @Override
    public String code() {
        return Refusal.code(this);
    }
}
