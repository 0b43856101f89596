package jp.machi.reservation.money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.machi.reservation.money.internal.PenaltyRepository;
import jp.machi.reservation.rules.Rule;
import org.springframework.stereotype.Service;

/**
 * Penalty points for late cancellations and no-shows: reaching the rule's threshold suspends the booker for the rule's
 * days and starts the count again. Every penalty is kept in a log ({@code reservation_penalty}); the booker's current
 * points and suspension are the booking core's (on the booker's registration), which passes them in and stores what
 * comes back.
 */
@Service
public class Penalties {

    /**
     * A penalty's outcome.
     *
     * @param points         the booker's points from now on (0 after a suspension)
     * @param suspendedUntil the booker's suspension from now on (null: none)
     * @param newSuspension  the end of the suspension this penalty caused, null when it caused none
     * @param reached        the points reached with this penalty (what the booker is told)
     * @param threshold      the rule's threshold
     */
    public record Outcome(int points, LocalDate suspendedUntil, LocalDate newSuspension, int reached, int threshold) {}

    /** One entry of the log. */
    public record Entry(long bookingId, String reason, int points, LocalDate suspendedUntil, Instant createdAt) {}

    private final PenaltyRepository repository;

    Penalties(PenaltyRepository repository) {
        this.repository = repository;
    }

    /**
     * Gives {@code points} for {@code reason} ({@code late-cancel} or {@code no-show}) on a booking of the booker, who
     * holds {@code currentPoints} and a suspension until {@code currentUntil} (null: none), under the booking's rule;
     * logs it and answers the booker's new state. {@code by} is the staff member, null for the booker or the system.
     */
    public Outcome add(long bookerId, long bookingId, String reason, int points, int currentPoints, LocalDate currentUntil,
                       Rule rule, LocalDate today, Long by, Instant now) {
        int total = currentPoints + points;
        LocalDate until = currentUntil;
        LocalDate newSuspension = null;
        if (points > 0 && total >= rule.penaltyThreshold()) {
            newSuspension = today.plusDays(rule.suspensionDays());
            if (until == null || until.isBefore(newSuspension)) {
                until = newSuspension;
            }
            total = 0;
        }
        repository.insert(bookerId, bookingId, reason, points, newSuspension, by, now);
        return new Outcome(total, until, newSuspension, currentPoints + points, rule.penaltyThreshold());
    }

    /** The booker's penalties, newest first. */
    public List<Entry> of(long bookerId) {
        return repository.of(bookerId);
    }
}
