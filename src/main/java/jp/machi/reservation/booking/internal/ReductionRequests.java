package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.util.List;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.money.MoneyRefusal;
import jp.machi.reservation.money.ReductionCategory;
import jp.machi.reservation.money.Reductions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reductions (減免) on bookings: the booker asks for a category (when confirming or later, until paid), staff approve
 * (the fee becomes the reduced one, from the fee at booking time) or reject; the booker is told.
 */
@Service
public class ReductionRequests {

    private final BookingRepository repository;
    private final Reductions reductions;
    private final BookingMail mail;
    private final AuditLog audit;
    private final Clock clock;

    ReductionRequests(BookingRepository repository, Reductions reductions, BookingMail mail, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.reductions = reductions;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** The booker asks for a reduction on an active, unpaid booking (also after confirming). */
    @Transactional
    public void request(long bookerId, long bookingId, String code) {
        ReductionCategory c = reductions.choose(code);
        if (c == null) {
            throw new Refused(MoneyRefusal.UNKNOWN_REDUCTION);
        }
        Booking b = repository.find(bookingId).filter(x -> x.bookerAccountId() == bookerId)
            .orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        if (!b.active() || b.paid() || !repository.requestReduction(b.id(), c.code())) {
            throw new Refused(b.paid() ? MoneyRefusal.ALREADY_PAID : BookingRefusal.NOT_ACTIVE);
        }
    }

    /** Staff approve (the fee becomes the reduced one) or reject a requested reduction; the booker is told. */
    @Transactional
    public Booking decide(long staffId, long bookingId, boolean approve) {
        Booking b = repository.find(bookingId).orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        if (b.reduction() == null || !b.reduction().requested() || !b.active()) {
            throw new Refused(MoneyRefusal.REDUCTION_NOT_REQUESTED);
        }
        if (b.paid()) {
            throw new Refused(MoneyRefusal.ALREADY_PAID);
        }
        ReductionCategory c = reductions.category(b.reduction().code()).orElseThrow();
        int base = b.baseFee() == null ? b.fee() : b.baseFee();
        Integer fee = approve ? c.apply(base) : null;
        if (!repository.decideReduction(bookingId, approve, fee, staffId, clock.instant())) {
            throw new Refused(MoneyRefusal.REDUCTION_NOT_REQUESTED);
        }
        audit.record(AuditEvent.byCurrentActor(approve ? "reservation.reduction.approve" : "reservation.reduction.reject",
            b.bookerAccountId(), "booking:" + bookingId, approve
                ? AuditDetail.of("reservation.booking.audit.reduction.approved", AuditDetail.named(c.labelJa(), c.labelEn()), fee)
                : AuditDetail.of("reservation.booking.audit.reduction.rejected", AuditDetail.named(c.labelJa(), c.labelEn()))));
        Booking after = repository.find(bookingId).orElseThrow();
        mail.reductionDecided(after, approve, c);
        return after;
    }

    /** Bookings with a reduction request waiting for staff. */
    public List<Booking> requested() {
        return repository.requestedReductions();
    }
}
