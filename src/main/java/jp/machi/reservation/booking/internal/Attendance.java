package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff record at the facility whether the booker came: check-in, or a no-show with its penalty points. */
@Service
public class Attendance {

    private final BookingRepository repository;
    private final RoomRules rules;
    private final PenaltyDesk penalties;
    private final AuditLog audit;
    private final Clock clock;

    Attendance(BookingRepository repository, RoomRules rules, PenaltyDesk penalties, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.penalties = penalties;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether staff may record a check-in now (confirmed, not checked in, the day of use has come). */
    public boolean canCheckIn(Booking b) {
        return b.status() == Booking.Status.CONFIRMED && b.checkedInAt() == null
            && !b.date().isAfter(LocalDate.now(clock.withZone(MachiClock.ZONE)));
    }

    /** Whether staff may record a no-show now (confirmed, not checked in, the slot has started). */
    public boolean canMarkNoShow(Booking b) {
        return b.status() == Booking.Status.CONFIRMED && b.checkedInAt() == null
            && !LocalDateTime.now(clock.withZone(MachiClock.ZONE)).isBefore(LocalDateTime.of(b.date(), b.start()));
    }

    /** Staff record that the booker came (on the day of use, or later to correct the record). */
    @Transactional
    public void checkIn(long staffId, long bookingId) {
        Booking b = repository.find(bookingId).orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        if (b.status() != Booking.Status.CONFIRMED) {
            throw new Refused(BookingRefusal.NOT_ACTIVE);
        }
        if (b.date().isAfter(LocalDate.now(clock.withZone(MachiClock.ZONE)))) {
            throw new Refused(BookingRefusal.NOT_YET);
        }
        if (!repository.checkIn(bookingId, staffId, clock.instant())) {
            throw new Refused(BookingRefusal.ALREADY_CHECKED_IN);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.check-in", b.bookerAccountId(), "booking:" + bookingId,
            AuditDetail.of("reservation.booking.audit.when", b.date(), b.start(), b.end())));
    }

    /** Staff record that nobody came (once the slot has started): points, perhaps a suspension, and a mail. */
    @Transactional
    public void noShow(long staffId, long bookingId) {
        Booking b = repository.find(bookingId).orElseThrow(() -> new Refused(BookingRefusal.NOT_FOUND));
        if (b.status() != Booking.Status.CONFIRMED) {
            throw new Refused(BookingRefusal.NOT_ACTIVE);
        }
        if (LocalDateTime.now(clock.withZone(MachiClock.ZONE)).isBefore(LocalDateTime.of(b.date(), b.start()))) {
            throw new Refused(BookingRefusal.NOT_YET);
        }
        if (!repository.markNoShow(bookingId, staffId, clock.instant())) {
            throw new Refused(BookingRefusal.ALREADY_CHECKED_IN);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.no-show", b.bookerAccountId(), "booking:" + bookingId,
            AuditDetail.of("reservation.booking.audit.when", b.date(), b.start(), b.end())));
        int points = rules.rule(b.roomId(), b.facilityId()).map(Rule::noShowPoints).orElse(0);
        penalties.penalize(repository.find(bookingId).orElseThrow(), "no-show", points, staffId);
    }
}
