package jp.machi.reservation.booking.internal;

import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.Reductions;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import org.springframework.stereotype.Service;

/** The terms of a booking as its pages and the API show them ({@link BookingTerms}). */
@Service
public class BookingViews {

    private final RoomRules rules;
    private final Reductions reductions;
    private final Cancellations cancellations;
    private final Attendance attendance;
    private final Payments payments;

    BookingViews(RoomRules rules, Reductions reductions, Cancellations cancellations, Attendance attendance,
                 Payments payments) {
        this.payments = payments;
        this.rules = rules;
        this.reductions = reductions;
        this.cancellations = cancellations;
        this.attendance = attendance;
    }

    public BookingTerms terms(Booking b) {
        return terms(b, rules.rule(b.roomId(), b.facilityId()).orElse(null), null);
    }

    /**
     * {@link #terms(Booking)} under the rule {@code r} of the booking's room and the facility's hours {@code hours},
     * both read earlier in the same request (the booking that was just made): the rule is read once, not four times,
     * and the hours not again when they cover the booking's days.
     */
    BookingTerms terms(Booking b, Rule r, CounterHours hours) {
        Booking.Reduction reduction = b.reduction();
        return new BookingTerms(r, b.commercial(), b.baseFee(),
            reduction == null ? null : reductions.category(reduction.code()).orElse(null),
            reduction == null ? null : reduction.state(), b.holdExpiresAt(), b.checkedInAt(), b.noShowAt(),
            payments.deadline(r, b.facilityId(), b.createdAt(), b.date(), b.start(), hours), b.paymentDue(),
            b.active() ? cancellations.refundNow(b, r) : null, attendance.canCheckIn(b), attendance.canMarkNoShow(b),
            b.active() ? cancellations.schedule(b, r) : java.util.List.of(), MoneyTerms.lateFrom(r, b.date()),
            b.status() == Booking.Status.PROVISIONAL ? null : MoneyTerms.graceUntil(r, b.bookedAt()));
    }
}
