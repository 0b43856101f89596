package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.machi.reservation.money.CancelStep;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.Refund;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ending bookings: the booker cancels (refund by tier, points for a late cancellation), staff cancel for the ward
 * (the whole fee back), holds lapse.
 */
@Service
public class Cancellations {

    private final BookingRepository repository;
    private final RoomRules rules;
    private final PenaltyDesk penalties;
    private final BookingMail mail;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Cancellations(BookingRepository repository, RoomRules rules, PenaltyDesk penalties, BookingMail mail, AuditLog audit,
                  Clock clock, PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.repository = repository;
        this.rules = rules;
        this.penalties = penalties;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the booker may still cancel online: until the slot starts. */
    public boolean cancellable(Booking b) {
        return b.active() && LocalDateTime.now(clock.withZone(MachiClock.ZONE)).isBefore(LocalDateTime.of(b.date(), b.start()));
    }

    /**
     * What cancelling now would cost, under the booking's rule: the refund (the whole fee within the grace period after
     * booking), the points. The resident's confirmation page, the API and {@link #byBooker} all use this one answer.
     */
    public Refund refundNow(Booking b) {
        return refundNow(b, rules.rule(b.roomId(), b.facilityId()).orElse(null));
    }

    /** {@link #refundNow(Booking)} under {@code rule}, the rule of the booking's room read earlier in this request. */
    Refund refundNow(Booking b, Rule rule) {
        return MoneyTerms.refund(rule, b.fee(), b.status() == Booking.Status.CONFIRMED, b.date(), b.bookedAt(),
            clock.instant());
    }

    /** What cancelling costs from today on, as dates (steps already over left out). */
    public List<CancelStep> schedule(Booking b) {
        return schedule(b, rules.rule(b.roomId(), b.facilityId()).orElse(null));
    }

    /** {@link #schedule(Booking)} under {@code rule}, the rule of the booking's room read earlier in this request. */
    List<CancelStep> schedule(Booking b, Rule rule) {
        return MoneyTerms.schedule(rule, b.date(), LocalDate.now(clock.withZone(MachiClock.ZONE)));
    }

    /** The booker cancels (online until the slot starts): refund by tier, points for a late cancellation. */
    @Transactional
    public Booking byBooker(long bookerId, long bookingId) {
        return byBooker(bookerId, bookingId, null);
    }

    /**
     * The booker cancels after being shown {@code shown} (what cancelling would cost when they looked): when cancelling
     * now would cost more — the grace period ended or a tier passed meanwhile — nothing happens and the refusal
     * {@code TERMS_CHANGED} asks them to look again. {@code shown} null: no such check (the API, which reads the terms
     * in the same request).
     */
    @Transactional
    public Booking byBooker(long bookerId, long bookingId, Refund shown) {
        Booking b = repository.find(bookingId).filter(x -> x.bookerAccountId() == bookerId)
            .orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        if (!b.active()) {
            throw new Refused(BookingRefusal.NOT_ACTIVE);
        }
        if (!cancellable(b)) {
            throw new Refused(BookingRefusal.TOO_LATE);
        }
        Refund refund = refundNow(b);
        if (shown != null && (refund.amount() < shown.amount() || refund.points() > shown.points())) {
            throw new Refused(BookingRefusal.TERMS_CHANGED);
        }
        long actor = CurrentActor.principal().map(p -> p.accountId()).orElse(bookerId);
        if (!repository.cancel(bookingId, actor, refund.amount(), clock.instant())) {
            throw new Refused(BookingRefusal.NOT_ACTIVE);
        }
        if (actor != bookerId) {
            audit.record(AuditEvent.byCurrentActor("reservation.booking.proxy-cancel", bookerId, "booking:" + bookingId,
                AuditDetail.of("reservation.booking.audit.refund", refund.amount())));
        }
        Booking cancelled = repository.find(bookingId).orElseThrow();
        mail.cancelled(cancelled);
        if (refund.late()) {
            penalties.penalize(cancelled, "late-cancel", refund.points(), actor == bookerId ? null : actor);
        }
        return cancelled;
    }

    /** Staff cancel a booking (行政使用 or another reason of the ward's): the whole fee is refunded. */
    @Transactional
    public Booking byStaff(long staffId, long bookingId, String reason) {
        Booking b = repository.find(bookingId).orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        if (!repository.cancel(bookingId, staffId, b.fee(), clock.instant())) {
            throw new Refused(BookingRefusal.NOT_ACTIVE);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.cancel-by-staff", b.bookerAccountId(),
            "booking:" + bookingId, AuditDetail.of("reservation.booking.audit.reason", reason)));
        Booking cancelled = repository.find(bookingId).orElseThrow();
        mail.cancelledByStaff(cancelled, reason);
        return cancelled;
    }

    /**
     * Cancels every PROVISIONAL booking whose hold expired at or before {@code now} (a checkout hold, a lottery win
     * nobody confirmed …), freeing its slot; returns how many. Run every minute by {@link BookingJobs}; tests call it
     * with the instant they need. Works in batches of {@value Payments#BATCH}, one transaction each (one statement cancels
     * the batch, one appends its audit entries), so bookings and confirmations interleave with a large expiry.
     */
    public int expireHolds(Instant now) {
        int n = 0;
        while (true) {
            Integer done = transactions.execute(s -> {
                List<Booking> expired = new ArrayList<>(repository.expireHolds(now, Payments.BATCH));
                expired.sort(Comparator.comparingLong(Booking::id));
                audit.recordAll(expired.stream().map(b -> AuditEvent.system("reservation.booking.hold-expired",
                    b.bookerAccountId(), "booking:" + b.id(), AuditDetail.of("reservation.booking.audit.when", b.date(), b.start(), b.end()))).toList());
                return expired.size();
            });
            n += done == null ? 0 : done;
            if (done == null || done < Payments.BATCH) {
                return n;
            }
        }
    }
}
