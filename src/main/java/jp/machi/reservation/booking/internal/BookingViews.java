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
        Rule r = rules.rule(b.roomId(), b.facilityId()).orElse(null);
        Booking.Reduction reduction = b.reduction();
        return new BookingTerms(r, b.commercial(), b.baseFee(),
            reduction == null ? null : reductions.category(reduction.code()).orElse(null),
            reduction == null ? null : reduction.state(), b.holdExpiresAt(), b.checkedInAt(), b.noShowAt(),
            payments.deadline(r, b.facilityId(), b.createdAt(), b.date(), b.start()), b.paymentDue(),
            b.active() ? cancellations.refundNow(b) : null, attendance.canCheckIn(b), attendance.canMarkNoShow(b),
            b.active() ? cancellations.schedule(b) : java.util.List.of(), MoneyTerms.lateFrom(r, b.date()),
            b.status() == Booking.Status.PROVISIONAL ? null : MoneyTerms.graceUntil(r, b.bookedAt()));
    }
}
