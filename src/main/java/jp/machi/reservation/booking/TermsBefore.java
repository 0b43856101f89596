package jp.machi.reservation.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.machi.reservation.money.CancelStep;
import jp.machi.reservation.money.PaymentDeadline;
import jp.machi.reservation.rules.Rule;

/**
 * What booking a slot now would commit the person to, shown before they book: when the fee must be paid (at the
 * facility's counter, while it is open), how long cancelling is free after booking, what cancelling costs on which
 * days and from when it earns penalty points. {@link Bookings#termsBefore}.
 *
 * @param rule       the room's rule (its penalty threshold and suspension are explained with the points)
 * @param deadline   the payment deadline a booking made now would get; {@code possible()} false: none can be met
 * @param graceUntil the end of the free cancellation if the booking were confirmed now (null: the rule gives none)
 * @param schedule   refund steps from today on, largest refund first
 * @param lateFrom   the first day a cancellation earns points (null: never)
 */
public record TermsBefore(Rule rule, PaymentDeadline deadline, Instant graceUntil, List<CancelStep> schedule,
                          LocalDate lateFrom) {

    /** The grace period in minutes (0: none). */
    public int graceMinutes() {
        return rule == null ? 0 : rule.cancelGraceMinutes();
    }
}
