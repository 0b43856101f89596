package jp.machi.reservation.money;

import java.time.Instant;

/**
 * What cancelling at a moment gives back: the tier's percentage of the fee; a late cancellation earns points; within
 * the grace period after booking ({@code graceUntil} not null) the whole fee and no points.
 *
 * @param daysBefore days from the day of cancelling to the day of use
 * @param graceUntil the end of the grace period when the cancellation falls in it, else null
 */
public record Refund(int percent, int amount, boolean late, int points, long daysBefore, Instant graceUntil) {

    /** Whether the cancellation is free because it falls in the grace period after booking. */
    public boolean inGrace() {
        return graceUntil != null;
    }

    /** Whether cancelling costs nothing at all: the whole fee back and no points. */
    public boolean free() {
        return percent == 100 && !late;
    }
}
