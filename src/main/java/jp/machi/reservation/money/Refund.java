package jp.machi.reservation.money;

/**
 * What cancelling on a day gives back: the tier's percentage of the fee; a late cancellation earns points.
 *
 * @param daysBefore days from the day of cancelling to the day of use
 */
public record Refund(int percent, int amount, boolean late, int points, long daysBefore) {}
