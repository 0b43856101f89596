package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.OnlinePayment;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.PaymentDeadline;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying the fee: at the counter (staff mark it paid), online through a provider's adapter ({@link OnlinePayment}),
 * the payment deadline with a reminder the day before, and the cancellation of what was not paid in time.
 */
@Service
public class Payments implements OnlinePayment.Settlement {

    private final BookingRepository repository;
    private final RoomRules rules;
    private final Facilities facilities;
    private final BookingMail mail;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    /** Bookings a job reads, cancels and audits per transaction. */
    static final int BATCH = 1000;

    Payments(BookingRepository repository, RoomRules rules, Facilities facilities, BookingMail mail, AuditLog audit,
             Clock clock, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.facilities = facilities;
        this.rules = rules;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** When the booking's fee must be paid at its facility's counter, under its rule and the counter's hours. */
    public PaymentDeadline deadline(Booking b) {
        return deadline(rules.rule(b.roomId(), b.facilityId()).orElse(null), b.facilityId(), b.createdAt(), b.date(),
            b.start());
    }

    /**
     * The payment deadline of a booking made at {@code bookedAt} for {@code date} at {@code start} in a facility under
     * {@code rule}: the counter's hours come from the facility module's hours engine (closures, holidays, year end).
     */
    public PaymentDeadline deadline(Rule rule, String facilityId, Instant bookedAt, LocalDate date, LocalTime start) {
        LocalDate from = bookedAt.atZone(MachiClock.ZONE).toLocalDate();
        return MoneyTerms.paymentDeadline(rule, bookedAt, date, start,
            from.isAfter(date) ? Map.of() : facilities.hoursBetween(facilityId, from, date));
    }

    /**
     * {@link #deadline(Rule, String, Instant, LocalDate, LocalTime)} from hours already read in this request when they
     * cover the days from booking to use ({@code known} null or not covering: read as there). The deadline looks only at
     * those days, so the answer is the same.
     */
    PaymentDeadline deadline(Rule rule, String facilityId, Instant bookedAt, LocalDate date, LocalTime start,
                             CounterHours known) {
        LocalDate from = bookedAt.atZone(MachiClock.ZONE).toLocalDate();
        if (known != null && !from.isAfter(date) && known.covers(facilityId, from, date)) {
            return MoneyTerms.paymentDeadline(rule, bookedAt, date, start, known.days());
        }
        return deadline(rule, facilityId, bookedAt, date, start);
    }

    /** Staff take the fee at the counter. */
    @Transactional
    public void markPaid(long staffId, long bookingId) {
        Booking b = repository.find(bookingId).orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        if (!repository.markPaid(bookingId, staffId, clock.instant())) {
            throw new Refused(BookingRefusal.NOT_ACTIVE);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.paid", b.bookerAccountId(), "booking:" + bookingId,
            AuditDetail.of("reservation.booking.audit.fee", b.fee())));
    }

    /**
     * An online provider's adapter reports a confirmed payment: the booking becomes paid as at the counter (only an
     * active, unpaid booking whose fee is exactly the amount).
     */
    @Override
    @Transactional
    public boolean paid(long bookingId, int amountYen, String providerReference) {
        Optional<Long> booker = repository.markPaidOnline(bookingId, amountYen, clock.instant());
        booker.ifPresent(id -> audit.record(AuditEvent.system("reservation.booking.paid-online", id, "booking:" + bookingId,
            AuditDetail.of("reservation.booking.audit.paidOnline", amountYen, providerReference))));
        return booker.isPresent();
    }

    /**
     * Cancels every confirmed, unpaid booking whose payment deadline passed before {@code now}; audits each and mails
     * the booker. Works through the candidates by id in pages of {@value #BATCH}, one transaction each (read the page's
     * deadline columns, cancel the due ones in one statement, append their audit entries in one statement, write the
     * mails), so other work interleaves and a failure keeps what earlier pages did.
     */
    public int cancelUnpaid(Instant now) {
        LocalDate today = now.atZone(MachiClock.ZONE).toLocalDate();
        Map<Long, Optional<Rule>> cache = new HashMap<>();
        int n = 0;
        long after = 0;
        while (true) {
            long from = after;
            long[] page = transactions.execute(s -> cancelUnpaidPage(today, now, from, cache));
            if (page == null || page[0] < 0) {
                return n;
            }
            after = page[0];
            n += (int) page[1];
        }
    }

    /** One page of {@link #cancelUnpaid}: {last id read (-1 when none), how many cancelled}. */
    private long[] cancelUnpaidPage(LocalDate today, Instant now, long after, Map<Long, Optional<Rule>> cache) {
        List<BookingRepository.Unpaid> page = repository.unpaidPage(today, after, BATCH);
        if (page.isEmpty()) {
            return new long[] {-1, 0};
        }
        Map<Long, java.time.LocalDateTime> due = new HashMap<>();
        Map<String, Map<LocalDate, DayHours>> hours = counterHours(page.stream()
            .map(u -> new Span(u.facilityId(), u.createdAt(), u.date())).toList());
        for (BookingRepository.Unpaid u : page) {
            Rule rule = cache.computeIfAbsent(u.roomId(), id -> rules.rule(u.roomId(), u.facilityId())).orElse(null);
            PaymentDeadline deadline = MoneyTerms.paymentDeadline(rule, u.createdAt(), u.date(), u.start(),
                hours.getOrDefault(u.facilityId(), Map.of()));
            // no deadline that could be met: never cancelled for non-payment (new bookings cannot be made so)
            if (deadline.possible() && !deadline.at().isAfter(now)) {
                due.put(u.id(), deadline.local().toLocalDateTime());
            }
        }
        List<Booking> cancelled = new ArrayList<>(repository.cancelUnpaid(due.keySet(), now));
        cancelled.sort(Comparator.comparingLong(Booking::id));
        audit.recordAll(cancelled.stream().map(b -> AuditEvent.system("reservation.booking.unpaid-cancel",
            b.bookerAccountId(), "booking:" + b.id(), AuditDetail.of("reservation.booking.audit.deadline", due.get(b.id())))).toList());
        mail.unpaidCancelled(cancelled);
        return new long[] {page.getLast().id(), cancelled.size()};
    }

    /** On the day before the payment deadline (or later, up to it), reminds once of an unpaid fee. */
    @Transactional
    public int remind(Instant now) {
        LocalDate today = now.atZone(MachiClock.ZONE).toLocalDate();
        Map<Long, Optional<Rule>> cache = new HashMap<>();
        int n = 0;
        List<Booking> candidates = repository.notPaymentReminded(today);
        Map<String, Map<LocalDate, DayHours>> hours = counterHours(candidates.stream()
            .map(b -> new Span(b.facilityId(), b.createdAt(), b.date())).toList());
        for (Booking b : candidates) {
            PaymentDeadline deadline = MoneyTerms.paymentDeadline(rule(b, cache), b.createdAt(), b.date(), b.start(),
                hours.getOrDefault(b.facilityId(), Map.of()));
            if (!deadline.possible() || today.isBefore(deadline.day().minusDays(1)) || !deadline.at().isAfter(now)
                || !repository.markPaymentReminded(b.id(), now)) {
                continue;
            }
            mail.paymentDue(b, deadline);
            n++;
        }
        return n;
    }

    /** What a job knows of a booking to read its counter's hours: where, when booked, the day of use. */
    private record Span(String facilityId, Instant bookedAt, LocalDate date) {}

    /**
     * The counters' hours for a job's bookings: one read per facility covering all its bookings' days, instead of one
     * per booking.
     */
    private Map<String, Map<LocalDate, DayHours>> counterHours(List<Span> bookings) {
        Map<String, LocalDate[]> range = new HashMap<>();
        for (Span b : bookings) {
            LocalDate booked = b.bookedAt().atZone(MachiClock.ZONE).toLocalDate();
            range.merge(b.facilityId(), new LocalDate[] {booked, b.date()}, (x, y) -> new LocalDate[] {
                x[0].isBefore(y[0]) ? x[0] : y[0], x[1].isAfter(y[1]) ? x[1] : y[1]});
        }
        Map<String, Map<LocalDate, DayHours>> hours = new HashMap<>();
        range.forEach((facility, r) -> hours.put(facility, r[0].isAfter(r[1]) ? Map.of()
            : facilities.hoursBetween(facility, r[0], r[1])));
        return hours;
    }

    /** The rule of a booking's room, read once per room during one job run. */
    private Rule rule(Booking b, Map<Long, Optional<Rule>> cache) {
        return cache.computeIfAbsent(b.roomId(), id -> rules.rule(b.roomId(), b.facilityId())).orElse(null);
    }
}
