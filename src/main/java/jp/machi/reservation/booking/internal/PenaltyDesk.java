package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.time.LocalDate;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.money.Penalties;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Component;

/**
 * Gives a booker the penalty points of a late cancellation or a no-show, in the transaction that recorded it: the
 * money part computes points and suspension under the booking's rule and logs them, the booker's registration keeps the
 * result, a suspension is audited and the booker is mailed.
 */
@Component
class PenaltyDesk {

    private final Penalties penalties;
    private final BookerRepository bookers;
    private final RoomRules rules;
    private final BookingMail mail;
    private final AuditLog audit;
    private final Clock clock;

    PenaltyDesk(Penalties penalties, BookerRepository bookers, RoomRules rules, BookingMail mail, AuditLog audit, Clock clock) {
        this.penalties = penalties;
        this.bookers = bookers;
        this.rules = rules;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code reason}: {@code late-cancel} or {@code no-show}; {@code by} the staff member, null for the booker. */
    void penalize(Booking b, String reason, int points, Long by) {
        Rule rule = rules.rule(b.roomId(), b.facilityId()).orElse(null);
        Booker booker = bookers.lock(b.bookerAccountId()).orElse(null);
        if (rule == null || booker == null) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(MachiClock.ZONE));
        Penalties.Outcome outcome = penalties.add(b.bookerAccountId(), b.id(), reason, points, booker.penaltyPoints(),
            booker.suspendedUntil(), rule, today, by, clock.instant());
        bookers.setPenalties(b.bookerAccountId(), outcome.points(), outcome.suspendedUntil());
        if (outcome.newSuspension() != null) {
            audit.record(AuditEvent.system("reservation.booker.suspended", b.bookerAccountId(), "booker:" + b.bookerAccountId(),
                AuditDetail.of("reservation.booking.audit.suspended", outcome.suspendedUntil(),
                    AuditDetail.word("reservation.booking.audit.penalty." + reason), b.id())));
        }
        mail.penalty(b, reason, points, outcome);
    }
}
