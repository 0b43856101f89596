package jp.machi.reservation.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import jp.machi.reservation.money.ReductionCategory;
import jp.machi.reservation.money.Refund;
import jp.machi.reservation.rules.Rule;

/**
 * What a booking's pages show beside the booking itself: the rule it falls under, the reduction asked for, the payment
 * deadline, what cancelling now would refund, and what staff may record.
 *
 * @param refundNow null when the booking is no longer active
 */
public record BookingTerms(Rule rules, boolean commercial, Integer baseFee, ReductionCategory reduction,
                           String reductionState, Instant holdExpiresAt, Instant checkedInAt, Instant noShowAt,
                           LocalDate paymentDeadline, boolean paymentDue, Refund refundNow, boolean canCheckIn,
                           boolean canMarkNoShow) {

    public String reductionSlug() {
        return reductionState == null ? null : reductionState.toLowerCase(java.util.Locale.ROOT);
    }
}
