package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.identity.AccountSummary;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booked;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.TermsBefore;
import jp.machi.reservation.booking.spi.BookingCheck;
import jp.machi.reservation.money.Fee;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.ReductionCategory;
import jp.machi.reservation.money.Reductions;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.time.MachiClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First-come booking: a slot booked at once or held while the resident checks the fee (checkout), then confirmed.
 * Every decision is one transaction.
 */
@Service
public class BookingService {

    /** How long a slot is held while the resident reviews the fee. */
    public static final Duration HOLD = Duration.ofMinutes(10);

    private final BookingRepository repository;
    private final BookerRepository bookers;
    private final BookableRooms rooms;
    private final Facilities facilities;
    private final Reductions reductions;
    private final ObjectProvider<BookingCheck> checks;
    private final BookingMail mail;
    private final Payments payments;
    private final BookingViews views;
    private final AuditLog audit;
    private final Clock clock;

    BookingService(BookingRepository repository, BookerRepository bookers, BookableRooms rooms, Facilities facilities,
                   Reductions reductions, ObjectProvider<BookingCheck> checks, BookingMail mail, Payments payments,
                   BookingViews views, AuditLog audit, Clock clock) {
        this.payments = payments;
        this.views = views;
        this.repository = repository;
        this.bookers = bookers;
        this.rooms = rooms;
        this.facilities = facilities;
        this.reductions = reductions;
        this.checks = checks;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Books one slot, first come first served. Checks every rule and inserts in one transaction; the booker's
     * registration row is locked so one person's requests are decided one at a time (the monthly cap and the
     * idempotency key hold under concurrency), and the database's unique index and claims decide between different
     * people. The same idempotency key again returns the booking it made.
     *
     * @throws Refused when a rule says no; nothing is written
     */
    @Transactional
    public Booked book(BookingRequest r) {
        return make(r).booked();
    }

    /**
     * A booking made (or found again by its key, then without the room and hours) with what it was checked against: the
     * room (its slots and rule) and its facility's hours from the day of the request to the day of use — read once per
     * request and handed to the confirmation and the answer instead of being read again (issue 15).
     */
    private record Made(Booked booked, BookableRoom room, CounterHours hours) {}

    private Made make(BookingRequest r) {
        return make(r, false, null, null);
    }

    /**
     * With {@code confirmNow} (the API's book-and-confirm), the booking is inserted CONFIRMED with the reduction asked
     * for, and the booker gets the confirmation mail ({@link #confirm}'s) instead of {@code booked}: the same row and mail
     * as a hold confirmed in the same transaction, without the hold's update. {@code mailTo}, when given, is the booker's
     * account as read in this request (the Bearer token's statement), for the mail.
     */
    private Made make(BookingRequest r, boolean confirmNow, ReductionCategory reduction, AccountSummary mailTo) {
        Booker booker = bookers.lock(r.bookerId()).orElseThrow(() -> new Refused(BookingRefusal.NOT_REGISTERED));
        // the key's earlier booking and the booker's month in one statement, after the lock
        BookingRepository.KeyAndMonth known = repository.byKeyAndMonth(r.bookerId(), r.key(), r.date());
        Optional<Booking> earlier = known.earlier();
        if (earlier.isPresent()) {
            Booking b = earlier.get();
            if (b.roomId() == r.roomId() && b.date().equals(r.date()) && b.slotCode().equals(r.slotCode())
                && Objects.equals(b.part(), r.part())) {
                return new Made(new Booked(b, false), null, null);
            }
            throw new Refused(BookingRefusal.KEY_REUSED);
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        if (booker.suspendedOn(now.toLocalDate())) {
            throw new Refused(BookingRefusal.SUSPENDED);
        }
        BookableRoom room = rooms.room(r.roomId()).orElseThrow(() -> new Refused(BookingRefusal.ROOM_NOT_BOOKABLE));
        Slot slot = room.slot(r.slotCode()).orElseThrow(() -> new Refused(BookingRefusal.UNKNOWN_SLOT));
        // the facility's hours from today to the day of use in one read: the slot's day (is it open?) and the payment
        // deadline's days both come from it
        CounterHours counter = CounterHours.read(facilities, room.facility().id(), now.toLocalDate(), r.date());
        DayHours hours = counter.covers(r.date()) ? counter.on(r.date())
            : facilities.hoursOn(room.facility().id(), r.date()).orElse(null);
        String closed = BookableRooms.closedReason(room.rules(), hours, r.date(), slot, now);
        if (closed != null) {
            throw new Refused(switch (closed) {
                case "past" -> BookingRefusal.PAST;
                case "cutoff" -> BookingRefusal.CUTOFF;
                case "not-yet" -> BookingRefusal.OUTSIDE_WINDOW;
                default -> BookingRefusal.CLOSED;
            });
        }
        if (known.activeInMonth() >= room.rules().monthlyCap()) {
            throw new Refused(BookingRefusal.CAP_EXCEEDED);
        }
        BookingCheck.Request request = new BookingCheck.Request(booker, room, r.date(), slot, now, r.proxyStaffId(), r.part(),
            r.groupId());
        checks.orderedStream().forEach(check -> check.check(request));
        Fee fee = MoneyTerms.fee(room.rules(), booker.residency().inWard(), r.commercial(), slot.code());
        Instant created = clock.instant();
        // a fee must come with a payment deadline the person can meet: never book into an automatic cancellation.
        // Staff at the counter (a proxy booking) take the fee at once, which needs no deadline.
        if (fee.amount() > 0 && r.proxyStaffId() == null
            && !payments.deadline(room.rules(), room.facility().id(), created, r.date(), slot.start(), counter).possible()) {
            throw new Refused(BookingRefusal.NO_PAYMENT_DEADLINE);
        }
        Booking booking;
        try {
            // the inserted row comes back from the insert itself
            booking = repository.insert(r.roomId(), room.facility().id(), r.date(), slot, r.part(), r.bookerId(), fee.amount(),
                    fee.rule(), r.commercial(), r.key(), r.proxyStaffId(), r.groupId(), created,
                    r.hold() == null ? null : created.plus(r.hold()), reduction == null ? null : reduction.code())
                .orElseThrow(() -> new Refused(BookingRefusal.TAKEN));
        } catch (DuplicateKeyException e) {
            // a whole-room booking and a part booking of the same slot met in the claims table: the other came first
            throw new Refused(BookingRefusal.TAKEN);
        }
        long id = booking.id();
        if (r.proxyStaffId() != null) {
            audit.record(AuditEvent.byCurrentActor("reservation.booking.proxy", r.bookerId(), "booking:" + id,
                AuditDetail.of("reservation.booking.audit.proxy", r.date(), AuditDetail.named(slot.labelJa(), slot.labelEn()),
                    slot.start(), slot.end(), r.roomId())));
        }
        if (confirmNow) {
            confirmed(r.bookerId(), booking, reduction, room, counter, mailTo);
        } else if (r.hold() == null) {
            mail.booked(booking, room);
        }
        return new Made(new Booked(booking, true), room, counter);
    }

    /**
     * Holds a slot for {@link #HOLD} (PROVISIONAL) at the fee of the rate class while the resident checks it; the same
     * idempotency key again returns the same booking.
     */
    @Transactional
    public Booked hold(long bookerId, Long proxyStaffId, long roomId, LocalDate date, String slot, String part, String key,
                       boolean commercial) {
        return book(new BookingRequest(bookerId, proxyStaffId, roomId, date, slot, part, key, HOLD, commercial, null));
    }

    /**
     * Books and confirms at once (the API): the booking inserted confirmed, with a reduction asked for when
     * {@code reductionCode} names one.
     */
    @Transactional
    public Booked bookNow(long bookerId, long roomId, LocalDate date, String slot, String part, String key,
                          boolean commercial, String reductionCode) {
        return bookNowWithTerms(bookerId, roomId, date, slot, part, key, commercial, reductionCode).booked();
    }

    /** {@link #bookNow}'s booking and its terms as the API answers them ({@link BookingViews#terms}). */
    public record BookedNow(Booked booked, BookingTerms terms) {}

    /**
     * {@link #bookNow} with the booking's terms worked out in the same transaction from the room, rule and hours the
     * booking was checked against (the API's answer), instead of reading them again after it.
     */
    @Transactional
    public BookedNow bookNowWithTerms(long bookerId, long roomId, LocalDate date, String slot, String part, String key,
                                      boolean commercial, String reductionCode) {
        return bookNowWithTerms(bookerId, roomId, date, slot, part, key, commercial, reductionCode, null);
    }

    /**
     * {@link #bookNowWithTerms(long, long, LocalDate, String, String, String, boolean, String)} with the booker's account
     * as read in this request ({@code booker}, for the confirmation mail; null: read it). The booking is inserted
     * confirmed, with the reduction asked for, in one statement (issue 15): a hold confirmed in the same transaction
     * wrote the same row with an insert and an update.
     */
    @Transactional
    public BookedNow bookNowWithTerms(long bookerId, long roomId, LocalDate date, String slot, String part, String key,
                                      boolean commercial, String reductionCode, AccountSummary booker) {
        ReductionCategory reduction = reductions.choose(reductionCode);
        Made made = make(new BookingRequest(bookerId, null, roomId, date, slot, part, key, null, commercial, null), true,
            reduction, booker);
        Booked booked = made.booked();
        if (!booked.created()) {
            return new BookedNow(booked, views.terms(booked.booking()));
        }
        // the room and the hours checked a moment ago in this transaction serve the answer too
        return new BookedNow(booked, views.terms(booked.booking(), made.room().rules(), made.hours()));
    }

    /**
     * Confirms a held booking (while the hold lasts), optionally asking for a reduction, and mails the booker the fee
     * and the payment deadline. Confirming a confirmed booking again changes nothing.
     */
    @Transactional
    public Booking confirm(long bookerId, long bookingId, ReductionCategory reduction) {
        return confirm(bookerId, bookingId, reduction, null);
    }

    private Booking confirm(long bookerId, long bookingId, ReductionCategory reduction, BookableRoom known) {
        Booking b = repository.find(bookingId).filter(x -> x.bookerAccountId() == bookerId)
            .orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        return confirm(bookerId, b, reduction, known, null);
    }

    /**
     * Confirms {@code b} (read in this transaction); {@code known} and {@code hours}, when given, are the room and the
     * facility's hours read a moment ago in this transaction.
     */
    private Booking confirm(long bookerId, Booking b, ReductionCategory reduction, BookableRoom known, CounterHours hours) {
        long bookingId = b.id();
        if (b.status() == Booking.Status.CONFIRMED) {
            return b;
        }
        if (b.status() != Booking.Status.PROVISIONAL) {
            throw new Refused(b.status() == Booking.Status.CANCELLED ? BookingRefusal.HOLD_EXPIRED : BookingRefusal.NOT_PROVISIONAL);
        }
        Booking held = repository.confirmHeld(bookingId, bookerId, clock.instant())
            .orElseThrow(() -> new Refused(BookingRefusal.HOLD_EXPIRED));
        if (reduction != null) {
            repository.requestReduction(bookingId, reduction.code());
            held = repository.find(bookingId).orElseThrow();
        }
        Booking confirmed = held;
        Optional<BookableRoom> room = known != null && known.room().id() == confirmed.roomId() ? Optional.of(known)
            : rooms.room(confirmed.roomId());
        confirmed(bookerId, confirmed, reduction, room.orElse(null), known == room.orElse(null) ? hours : null, null);
        return confirmed;
    }

    /**
     * What follows a confirmation: the audit entry when staff confirmed for someone, and the mail with the fee and the
     * payment deadline (not when the room can no longer be booked online: {@code room} null).
     */
    private void confirmed(long bookerId, Booking confirmed, ReductionCategory reduction, BookableRoom room,
                           CounterHours hours, AccountSummary mailTo) {
        if (confirmed.proxyStaffId() != null || CurrentActor.actingFor().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("reservation.booking.proxy-confirm", bookerId, "booking:" + confirmed.id(),
                AuditDetail.of("reservation.booking.audit.fee", confirmed.fee())));
        }
        if (room != null) {
            mail.confirmed(confirmed, room, payments.deadline(room.rules(), confirmed.facilityId(), confirmed.createdAt(),
                confirmed.date(), confirmed.start(), hours), reduction, mailTo);
        }
    }

    /** What booking the slot now would commit the person to ({@link TermsBefore}). */
    public TermsBefore termsBefore(BookableRoom room, LocalDate date, Slot slot) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(MachiClock.ZONE).toLocalDate();
        return new TermsBefore(room.rules(), payments.deadline(room.rules(), room.facility().id(), now, date, slot.start()),
            MoneyTerms.graceUntil(room.rules(), now), MoneyTerms.schedule(room.rules(), date, today),
            MoneyTerms.lateFrom(room.rules(), date));
    }
}
