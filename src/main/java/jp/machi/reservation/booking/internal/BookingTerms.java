package jp.machi.reservation.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.machi.reservation.money.CancelStep;
import jp.machi.reservation.money.PaymentDeadline;
import jp.machi.reservation.money.ReductionCategory;
import jp.machi.reservation.money.Refund;
import jp.machi.reservation.rules.Rule;

/**
 * What a booking's pages show beside the booking itself: the rule it falls under, the reduction asked for, the payment
 * deadline, what cancelling now would refund, and what staff may record.
 *
 * @param refundNow  null when the booking is no longer active
 * @param schedule   what cancelling costs from today on (refund steps as dates)
 * @param lateFrom   the first day a cancellation earns points (null: never)
 * @param graceUntil the end of the free cancellation after the booking was made final (null: none, or still a hold)
 */
public record BookingTerms(Rule rules, boolean commercial, Integer baseFee, ReductionCategory reduction,
                           String reductionState, Instant holdExpiresAt, Instant checkedInAt, Instant noShowAt,
                           PaymentDeadline paymentDeadline, boolean paymentDue, Refund refundNow, boolean canCheckIn,
                           boolean canMarkNoShow, List<CancelStep> schedule, LocalDate lateFrom, Instant graceUntil) {

    public String reductionSlug() {
        return reductionState == null ? null : reductionState.toLowerCase(java.util.Locale.ROOT);
    }
}
