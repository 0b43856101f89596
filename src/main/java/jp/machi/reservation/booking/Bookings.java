package jp.machi.reservation.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.reservation.booking.internal.BookingRepository;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.booking.internal.Cancellations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bookings as other parts of reservation use them: reading, booking through every rule, cancelling for the ward, and
 * writing what was decided elsewhere (lottery wins, imported bookings). Every write of a booking goes through here or
 * the core's own pages; the database keeps each unit single whatever the caller.
 */
@Service
public class Bookings {

    private final BookingRepository repository;
    private final BookingService service;
    private final Cancellations cancellations;

    Bookings(BookingRepository repository, BookingService service, Cancellations cancellations) {
        this.repository = repository;
        this.service = service;
        this.cancellations = cancellations;
    }

    /**
     * What booking {@code slot} of {@code room} on {@code date} now would commit the person to (payment deadline,
     * free cancellation, refund steps, penalty points), for the pages that ask before booking.
     */
    public TermsBefore termsBefore(BookableRoom room, LocalDate date, jp.machi.reservation.rules.Slot slot) {
        return service.termsBefore(room, date, slot);
    }

    // ---- reading ----

    public Optional<Booking> booking(long id) {
        return repository.find(id);
    }

    /** The status of a booking ({@code PROVISIONAL}, {@code CONFIRMED} …). */
    public Optional<String> status(long id) {
        return repository.status(id);
    }

    /** The booker's bookings, newest day first, at most 200. */
    public List<Booking> ofBooker(long bookerId) {
        return repository.ofBooker(bookerId);
    }

    /** The active bookings of a facility from {@code from} to {@code to}. */
    public List<Booking> ofFacility(String facilityId, LocalDate from, LocalDate to) {
        return repository.activeForFacility(facilityId, from, to);
    }

    /** The group's bookings, newest day first, at most 200. */
    public List<Booking> ofGroup(long groupId) {
        return repository.ofGroup(groupId);
    }

    /** Active bookings of a group for days of the month of {@code day}. */
    public long ofGroupInMonth(long groupId, LocalDate day) {
        return repository.groupActiveInMonth(groupId, day);
    }

    /** Of the given legacy booking ids, those imported before. */
    public List<String> importedLegacyRefs(Collection<String> refs) {
        return repository.importedLegacyRefs(refs);
    }

    /** Active bookings imported for a legacy booker that nobody claimed yet. */
    public long unclaimedOf(long legacyBookerId) {
        return repository.unclaimedOf(legacyBookerId);
    }

    /** {@code room/date/slot} of every active booking of the rooms after {@code after}. */
    public List<String> activeSlotKeys(Collection<Long> roomIds, LocalDate after) {
        return repository.activeSlotKeys(roomIds, after);
    }

    /**
     * Bookings that were not cancelled (confirmed, held, no-show), by facility, room and month of use, from
     * {@code first} to {@code last}.
     */
    public Map<String, Map<Long, Map<java.time.YearMonth, Long>>> usedByMonth(LocalDate first, LocalDate last) {
        return repository.usedByMonth(first, last);
    }

    /** A token that changes whenever {@link #usedByMonth} for days from {@code first} to {@code last} could change. */
    public String changeToken(LocalDate first, LocalDate last) {
        return repository.changeToken(first, last);
    }

    // ---- writing ----

    /** Books one slot through every rule; see {@link BookingRequest}. */
    @Transactional
    public Booked book(BookingRequest request) {
        return service.book(request);
    }

    /** Staff cancel a booking for the ward: the whole fee is refunded and the booker told the reason. */
    @Transactional
    public Booking cancelByStaff(long staffId, long bookingId, String reason) {
        return cancellations.byStaff(staffId, bookingId, reason);
    }

    /** Writes held bookings (PROVISIONAL until {@code holdUntil}); answers idempotency key → id of those written. */
    @Transactional
    public Map<String, Long> insertHeld(List<NewBooking> bookings, Instant holdUntil, Instant now) {
        return repository.insertMany(bookings, holdUntil, now);
    }

    /** Writes confirmed bookings; answers idempotency key → id of those written (a taken unit is left out). */
    @Transactional
    public Map<String, Long> insertConfirmed(List<NewBooking> bookings, Instant now) {
        return repository.insertMany(bookings, null, now);
    }

    /** The booker confirms a held booking of theirs while the hold lasts; false otherwise. */
    @Transactional
    public boolean confirmHeld(long bookingId, long bookerId, Instant now) {
        return repository.confirmHold(bookingId, bookerId, now);
    }

    /** The imported booker's bookings nobody claimed become the account's; returns how many. */
    @Transactional
    public int claimImported(long legacyBookerId, long accountId) {
        return repository.claimLegacy(legacyBookerId, accountId);
    }
}
