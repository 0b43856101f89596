package jp.machi.reservation.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.time.Wareki;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The money side of bookings: fees by rate class (resident, non-resident, commercial), checkout holds, payment
 * deadlines with automatic cancellation, refund tiers, reductions (減免) approved by staff, penalty points with
 * suspension, check-in and no-show, reminders. Every rule comes from {@link MoneyRules} (data, scoped like the
 * booking rules). Templates reach it as {@code @reservationMoney}.
 */
@Service("reservationMoney")
public class Money {

    /** How long a slot is held while the resident reviews the fee. */
    public static final Duration HOLD = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReservationService service;
    private final ReservationRepository bookings;
    private final MoneyRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final String baseUrl;
    private final String host;

    Money(ReservationService service, ReservationRepository bookings, MoneyRepository repository, AuditLog audit,
          Clock clock, @org.springframework.beans.factory.annotation.Value("${machi.base-url}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String h = java.net.URI.create(this.baseUrl).getHost();
        this.host = h == null ? "machi" : h;
        this.service = service;
        this.bookings = bookings;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- rules and fees ----

    public Optional<MoneyRules> rules(long roomId, String facilityId) {
        return repository.effective(roomId, facilityId);
    }

    public Optional<MoneyRules> rules(Booking b) {
        return repository.effective(b.roomId(), b.facilityId());
    }

    /** A fee and what produced it: the rate class ({@code resident}, {@code non-resident}, {@code commercial}) and the scope. */
    public record Quote(int amount, String kind, String scope) {
        public String rule() {
            return kind + "/" + scope;
        }
    }

    /** The fee of one slot of the room for the rate class; the slot's own price where the rule sets one. */
    public Quote quote(ReservationService.BookableRoom room, Residency residency, boolean commercial, String slotCode) {
        MoneyRules r = rules(room.room().id(), room.facility().id()).orElseThrow();
        SlotFee own = room.rules().slotFees().get(slotCode);
        if (commercial) {
            return new Quote(own != null ? own.commercial() : r.feeCommercial(), "commercial", r.scope());
        }
        return residency.inWard() ? new Quote(own != null ? own.resident() : r.feeResident(), "resident", r.scope())
            : new Quote(own != null ? own.nonResident() : r.feeNonResident(), "non-resident", r.scope());
    }

    public List<ReductionCategory> reductionCategories() {
        return repository.reductionCategories();
    }

    // ---- checkout ----

    /**
     * Holds a slot for {@link #HOLD} (PROVISIONAL) at the fee of the rate class; the same idempotency key again
     * returns the same booking. Every booking rule of {@link ReservationService#book} applies.
     */
    @Transactional
    public ReservationService.Booked hold(long bookerId, Long proxyStaffId, long roomId, LocalDate date, String slot,
                                          String part, String key, boolean commercial) {
        ReservationService.Booked booked = service.book(bookerId, proxyStaffId, roomId, date, slot, part, key, HOLD);
        if (!booked.created()) {
            return booked;
        }
        Booking b = booked.booking();
        Residency residency = service.booker(bookerId).orElseThrow().residency();
        ReservationService.BookableRoom room = service.bookableRoom(roomId).orElseThrow();
        Quote q = quote(room, residency, commercial, slot);
        repository.setFee(b.id(), commercial, q.amount(), q.rule());
        return new ReservationService.Booked(bookings.find(b.id()).orElseThrow(), true);
    }

    /** Books and confirms at once (the API): a hold confirmed in the same transaction. */
    @Transactional
    public ReservationService.Booked bookNow(long bookerId, long roomId, LocalDate date, String slot, String part,
                                             String key, boolean commercial, String reductionCode) {
        ReductionCategory reduction = reduction(reductionCode);
        ReservationService.Booked booked = hold(bookerId, null, roomId, date, slot, part, key, commercial);
        if (!booked.created() || booked.booking().status() != Booking.Status.PROVISIONAL) {
            return booked;
        }
        return new ReservationService.Booked(confirm(bookerId, booked.booking().id(), reduction), true);
    }

    /** An active reduction category, or null for none; an unknown code is refused. */
    public ReductionCategory reduction(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return repository.reductionCategory(code.strip()).filter(c -> reductionCategories().contains(c))
            .orElseThrow(() -> new ReservationException(Refusal.UNKNOWN_REDUCTION));
    }

    /**
     * Confirms a held booking (while the hold lasts), optionally asking for a reduction, and mails the booker the
     * fee and the payment deadline. Confirming a confirmed booking again changes nothing.
     */
    @Transactional
    public Booking confirm(long bookerId, long bookingId, ReductionCategory reduction) {
        Booking b = own(bookerId, bookingId);
        if (b.status() == Booking.Status.CONFIRMED) {
            return b;
        }
        if (b.status() != Booking.Status.PROVISIONAL) {
            throw new ReservationException(b.status() == Booking.Status.CANCELLED ? Refusal.HOLD_EXPIRED : Refusal.NOT_PROVISIONAL);
        }
        if (!repository.confirmHold(bookingId, clock.instant())) {
            throw new ReservationException(Refusal.HOLD_EXPIRED);
        }
        if (reduction != null) {
            repository.requestReduction(bookingId, reduction.code(), null);
        }
        Booking confirmed = bookings.find(bookingId).orElseThrow();
        if (confirmed.proxyStaffId() != null || CurrentActor.actingFor().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("reservation.booking.proxy-confirm", bookerId, "booking:" + bookingId,
                "fee " + confirmed.fee()));
        }
        mail(confirmed, "reservation/confirmed", Map.of("deadline", Wareki.format(paymentDeadline(confirmed),
            java.util.Locale.JAPANESE), "deadlineEn", Wareki.format(paymentDeadline(confirmed), java.util.Locale.ENGLISH),
            "reduction", reduction == null ? "" : reduction.code()));
        return confirmed;
    }

    /** The booker asks for a reduction on an active, unpaid booking (also after confirming). */
    @Transactional
    public void requestReduction(long bookerId, long bookingId, String code) {
        ReductionCategory c = reduction(code);
        if (c == null) {
            throw new ReservationException(Refusal.UNKNOWN_REDUCTION);
        }
        Booking b = own(bookerId, bookingId);
        if (!b.active() || b.paid() || !repository.requestReduction(b.id(), c.code(), null)) {
            throw new ReservationException(b.paid() ? Refusal.ALREADY_PAID : Refusal.NOT_ACTIVE);
        }
    }

    /** Staff approve (the fee becomes the reduced one) or reject a requested reduction; the booker is told. */
    @Transactional
    public Booking decideReduction(long staffId, long bookingId, boolean approve) {
        Booking b = bookings.find(bookingId).orElseThrow(() -> new ReservationException(Refusal.NOT_FOUND));
        MoneyRepository.State s = repository.state(bookingId).orElseThrow();
        if (!"REQUESTED".equals(s.reductionState()) || !b.active()) {
            throw new ReservationException(Refusal.REDUCTION_NOT_REQUESTED);
        }
        if (b.paid()) {
            throw new ReservationException(Refusal.ALREADY_PAID);
        }
        ReductionCategory c = repository.reductionCategory(s.reductionCode()).orElseThrow();
        int base = s.baseFee() == null ? b.fee() : s.baseFee();
        Integer fee = approve ? c.apply(base) : null;
        if (!repository.decideReduction(bookingId, approve, fee, staffId, clock.instant())) {
            throw new ReservationException(Refusal.REDUCTION_NOT_REQUESTED);
        }
        audit.record(AuditEvent.byCurrentActor(approve ? "reservation.reduction.approve" : "reservation.reduction.reject",
            b.bookerAccountId(), "booking:" + bookingId, c.code() + (approve ? " fee " + fee : "")));
        Booking after = bookings.find(bookingId).orElseThrow();
        mail(after, approve ? "reservation/reduction-approved" : "reservation/reduction-rejected",
            Map.of("categoryJa", c.labelJa(), "categoryEn", c.labelEn(), "percent", c.percent()));
        return after;
    }

    // ---- payment deadline ----

    /** The last day to pay: N days after booking or M days before the day of use, whichever first, never before the day of booking. */
    public LocalDate paymentDeadline(Booking b) {
        return paymentDeadline(b, rules(b).orElse(null));
    }

    private LocalDate paymentDeadline(Booking b, MoneyRules r) {
        LocalDate booked = b.createdAt().atZone(MachiClock.ZONE).toLocalDate();
        if (r == null) {
            return b.date();
        }
        LocalDate d = booked.plusDays(r.payWithinDays());
        LocalDate before = b.date().minusDays(r.payDaysBefore());
        if (before.isBefore(d)) {
            d = before;
        }
        return d.isBefore(booked) ? booked : d;
    }

    /** The instant an unpaid booking cancels itself: the end of the deadline day in Tokyo. */
    public Instant autoCancelAt(Booking b) {
        return autoCancelAt(paymentDeadline(b));
    }

    private static Instant autoCancelAt(LocalDate deadline) {
        return deadline.plusDays(1).atStartOfDay(MachiClock.ZONE).toInstant();
    }

    /** The rule of a booking's room, read once per room during one job run. */
    private MoneyRules cachedRules(Booking b, Map<Long, Optional<MoneyRules>> cache) {
        return cache.computeIfAbsent(b.roomId(), id -> rules(b)).orElse(null);
    }

    /** Whether the booking still has to be paid (confirmed, unpaid, a fee above zero). */
    public boolean paymentDue(Booking b) {
        return b.status() == Booking.Status.CONFIRMED && !b.paid() && b.fee() > 0;
    }

    // ---- cancelling ----

    /** What cancelling on {@code day} gives back: the tier's percentage of the fee; late cancellations earn points. */
    public record Refund(int percent, int amount, boolean late, int points, long daysBefore) {}

    public Refund refundOn(Booking b, LocalDate day) {
        MoneyRules r = rules(b).orElse(null);
        long days = ChronoUnit.DAYS.between(day, b.date());
        if (r == null) {
            return new Refund(0, 0, false, 0, days);
        }
        int percent = b.status() == Booking.Status.PROVISIONAL ? 100 : r.refundPercent(days);
        boolean late = b.status() == Booking.Status.CONFIRMED && days < r.lateCancelDays() && r.lateCancelPoints() > 0;
        return new Refund(percent, b.fee() * percent / 100, late, late ? r.lateCancelPoints() : 0, days);
    }

    public Refund refundNow(Booking b) {
        return refundOn(b, service.today());
    }

    /** The booker cancels (online until the slot starts): refund by tier, points for a late cancellation. */
    @Transactional
    public Booking cancel(long bookerId, long bookingId) {
        Booking b = own(bookerId, bookingId);
        if (!b.active()) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        if (!service.cancellable(b)) {
            throw new ReservationException(Refusal.TOO_LATE);
        }
        Refund refund = refundNow(b);
        long actor = CurrentActor.principal().map(p -> p.accountId()).orElse(bookerId);
        if (!bookings.cancel(bookingId, actor, refund.amount(), clock.instant())) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        if (actor != bookerId) {
            audit.record(AuditEvent.byCurrentActor("reservation.booking.proxy-cancel", bookerId, "booking:" + bookingId,
                "refund " + refund.amount()));
        }
        Booking cancelled = bookings.find(bookingId).orElseThrow();
        mail(cancelled, "reservation/cancelled", Map.of());
        if (refund.late()) {
            penalize(cancelled, "late-cancel", refund.points(), actor == bookerId ? null : actor);
        }
        return cancelled;
    }

    // ---- check-in, no-show, penalties ----

    /** Staff record that the booker came (on the day of use, or later to correct the record). */
    @Transactional
    public void checkIn(long staffId, long bookingId) {
        Booking b = bookings.find(bookingId).orElseThrow(() -> new ReservationException(Refusal.NOT_FOUND));
        if (b.status() != Booking.Status.CONFIRMED) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        if (b.date().isAfter(service.today())) {
            throw new ReservationException(Refusal.NOT_YET);
        }
        if (!repository.checkIn(bookingId, staffId, clock.instant())) {
            throw new ReservationException(Refusal.ALREADY_CHECKED_IN);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.check-in", b.bookerAccountId(), "booking:" + bookingId,
            b.date() + " " + b.slotCode()));
    }

    /** Staff record that nobody came (once the slot has started): points, perhaps a suspension, and a mail. */
    @Transactional
    public void noShow(long staffId, long bookingId) {
        Booking b = bookings.find(bookingId).orElseThrow(() -> new ReservationException(Refusal.NOT_FOUND));
        if (b.status() != Booking.Status.CONFIRMED) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        if (LocalDateTime.now(clock.withZone(MachiClock.ZONE)).isBefore(LocalDateTime.of(b.date(), b.start()))) {
            throw new ReservationException(Refusal.NOT_YET);
        }
        if (!repository.markNoShow(bookingId, staffId, clock.instant())) {
            throw new ReservationException(Refusal.ALREADY_CHECKED_IN);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.no-show", b.bookerAccountId(), "booking:" + bookingId,
            b.date() + " " + b.slotCode()));
        int points = rules(b).map(MoneyRules::noShowPoints).orElse(0);
        penalize(bookings.find(bookingId).orElseThrow(), "no-show", points, staffId);
    }

    /** Adds points; reaching the rule's threshold suspends the booker and starts the count again. Mails the booker. */
    private void penalize(Booking b, String reason, int points, Long by) {
        MoneyRules r = rules(b).orElse(null);
        MoneyRepository.Points current = repository.lockPoints(b.bookerAccountId()).orElse(null);
        if (r == null || current == null) {
            return;
        }
        LocalDate today = service.today();
        int total = current.points() + points;
        LocalDate until = current.suspendedUntil();
        LocalDate newSuspension = null;
        if (points > 0 && total >= r.penaltyThreshold()) {
            newSuspension = today.plusDays(r.suspensionDays());
            if (until == null || until.isBefore(newSuspension)) {
                until = newSuspension;
            }
            total = 0;
        }
        repository.setPoints(b.bookerAccountId(), total, until);
        repository.insertPenalty(b.bookerAccountId(), b.id(), reason, points, newSuspension, by, clock.instant());
        if (newSuspension != null) {
            audit.record(AuditEvent.system("reservation.booker.suspended", b.bookerAccountId(), "booker:" + b.bookerAccountId(),
                "until " + until + " after " + reason + " on booking " + b.id()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("reason", reason);
        model.put("points", points);
        model.put("total", newSuspension == null ? total : current.points() + points);
        model.put("threshold", r.penaltyThreshold());
        model.put("suspended", newSuspension != null);
        model.put("until", newSuspension == null ? "" : Wareki.format(until, java.util.Locale.JAPANESE));
        model.put("untilEn", newSuspension == null ? "" : Wareki.format(until, java.util.Locale.ENGLISH));
        mail(b, "reservation/penalty", model);
    }

    // ---- jobs (each takes the instant to act for; thin @Scheduled wrappers in MoneyJobs) ----

    /** Cancels every confirmed, unpaid booking whose payment deadline ended before {@code now}; mails the booker. */
    @Transactional
    public int cancelUnpaid(Instant now) {
        LocalDate today = now.atZone(MachiClock.ZONE).toLocalDate();
        Map<Long, Optional<MoneyRules>> cache = new HashMap<>();
        int n = 0;
        for (long id : repository.unpaidFrom(today)) {
            Booking b = bookings.find(id).orElseThrow();
            LocalDate deadline = paymentDeadline(b, cachedRules(b, cache));
            if (autoCancelAt(deadline).isAfter(now) || !bookings.cancel(id, b.bookerAccountId(), 0, now)) {
                continue;
            }
            audit.record(AuditEvent.system("reservation.booking.unpaid-cancel", b.bookerAccountId(), "booking:" + id,
                "deadline " + deadline));
            mail(bookings.find(id).orElseThrow(), "reservation/unpaid-cancelled", Map.of());
            n++;
        }
        return n;
    }

    /** On the day before the payment deadline (or later, up to it), reminds once of an unpaid fee. */
    @Transactional
    public int remindPayment(Instant now) {
        LocalDate today = now.atZone(MachiClock.ZONE).toLocalDate();
        Map<Long, Optional<MoneyRules>> cache = new HashMap<>();
        int n = 0;
        for (long id : repository.notPaymentReminded(today)) {
            Booking b = bookings.find(id).orElseThrow();
            LocalDate deadline = paymentDeadline(b, cachedRules(b, cache));
            if (today.isBefore(deadline.minusDays(1)) || !autoCancelAt(deadline).isAfter(now)
                || !repository.markPaymentReminded(id, now)) {
                continue;
            }
            mail(b, "reservation/payment-due", Map.of("deadline", Wareki.format(deadline, java.util.Locale.JAPANESE),
                "deadlineEn", Wareki.format(deadline, java.util.Locale.ENGLISH)));
            n++;
        }
        return n;
    }

    /** Reminds once of every confirmed booking of the next day (in Tokyo) of {@code now}. */
    @Transactional
    public int remindDayBefore(Instant now) {
        LocalDate tomorrow = now.atZone(MachiClock.ZONE).toLocalDate().plusDays(1);
        int n = 0;
        for (long id : repository.dayBefore(tomorrow)) {
            if (repository.markDayReminded(id, now)) {
                mail(bookings.find(id).orElseThrow(), "reservation/reminder", Map.of());
                n++;
            }
        }
        return n;
    }

    // ---- what the pages show ----

    /** The money side of one booking for the resident's and the staff's booking pages. */
    public record View(MoneyRules rules, boolean commercial, Integer baseFee, ReductionCategory reduction,
                       String reductionState, Instant holdExpiresAt, Instant checkedInAt, Instant noShowAt,
                       LocalDate paymentDeadline, boolean paymentDue, Refund refundNow, boolean canCheckIn,
                       boolean canMarkNoShow) {

        public String reductionSlug() {
            return reductionState == null ? null : reductionState.toLowerCase(java.util.Locale.ROOT);
        }
    }

    public View view(Booking b) {
        MoneyRepository.State s = repository.state(b.id()).orElseThrow();
        MoneyRules r = rules(b).orElse(null);
        ReductionCategory c = s.reductionCode() == null ? null : repository.reductionCategory(s.reductionCode()).orElse(null);
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        boolean confirmed = b.status() == Booking.Status.CONFIRMED;
        boolean started = !now.isBefore(LocalDateTime.of(b.date(), b.start()));
        return new View(r, s.commercial(), s.baseFee(), c, s.reductionState(), s.holdExpiresAt(), s.checkedInAt(),
            s.noShowAt(), paymentDeadline(b), paymentDue(b), b.active() ? refundNow(b) : null,
            confirmed && s.checkedInAt() == null && !b.date().isAfter(now.toLocalDate()),
            confirmed && s.checkedInAt() == null && started);
    }

    /** Bookings with a reduction request waiting for staff. */
    public List<Booking> requestedReductions() {
        List<Booking> out = new ArrayList<>();
        for (long id : repository.requestedReductions()) {
            bookings.find(id).ifPresent(out::add);
        }
        return out;
    }

    // ---- calendar feed ----

    public Optional<String> feedToken(long accountId) {
        return repository.feedToken(accountId);
    }

    /** Creates the secret feed address, or replaces it (the old address stops working at once). */
    @Transactional
    public String resetFeed(long accountId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.setFeedToken(accountId, token);
        return token;
    }

    /** The owner of a feed token, empty for a malformed or unknown one. */
    public Optional<Long> feedOwner(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{32,64}")) {
            return Optional.empty();
        }
        return repository.feedOwner(token);
    }

    /** The iCalendar text of the person's active bookings (and those of the last 60 days), in their language. */
    public String calendar(long accountId, java.util.Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        LocalDate since = service.today().minusDays(60);
        List<ICalendar.Event> events = new ArrayList<>();
        Map<Long, Optional<ReservationService.BookableRoom>> rooms = new HashMap<>();
        for (Booking b : service.bookingsOf(accountId)) {
            if (!b.active() || b.date().isBefore(since)) {
                continue;
            }
            var room = rooms.computeIfAbsent(b.roomId(), service::bookableRoom).orElse(null);
            String place = room == null ? "" : room.facility().name().in(locale) + " " + room.room().name().in(locale);
            String summary = (en ? "Booking " : "施設予約 ") + place;
            String description = (en ? "Booking " + b.id() + ", fee ¥" : "予約番号 " + b.id() + "、使用料 ")
                + String.format(java.util.Locale.ROOT, "%,d", b.fee()) + (en ? "" : "円")
                + (b.paid() ? (en ? " (paid)" : "（支払済）") : (en ? " (unpaid)" : "（未払い）"));
            events.add(new ICalendar.Event("booking-" + b.id() + "@" + host, LocalDateTime.of(b.date(), b.start()),
                LocalDateTime.of(b.date(), b.end()), summary, room == null ? null : room.facility().address(), description,
                baseUrl + "/account/bookings/" + b.id(), b.status() == Booking.Status.PROVISIONAL));
        }
        return ICalendar.write(en ? "Machi bookings" : "施設予約（まち）", clock.instant(), events);
    }

    // ---- helpers ----

    private Booking own(long bookerId, long bookingId) {
        return bookings.find(bookingId).filter(x -> x.bookerAccountId() == bookerId)
            .orElseThrow(() -> new ReservationException(Refusal.NOT_FOUND));
    }

    private void mail(Booking b, String template, Map<String, Object> extra) {
        service.bookableRoom(b.roomId()).ifPresent(room -> service.notify(b, room, template, extra));
    }
}
