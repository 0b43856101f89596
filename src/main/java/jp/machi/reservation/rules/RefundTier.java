package jp.machi.reservation.rules;

/** A cancellation at least {@code daysBefore} days before the day of use refunds {@code percent} % of the fee. */
public record RefundTier(int daysBefore, int percent) {}
