package jp.machi.reservation.money;

import java.time.LocalDate;

/**
 * One step of what cancelling costs, as dates: a cancellation up to the end of {@code until} (Tokyo) refunds
 * {@code percent} % of the fee. Steps whose day has passed are left out ({@link MoneyTerms#schedule}).
 */
public record CancelStep(LocalDate until, int percent) {}
