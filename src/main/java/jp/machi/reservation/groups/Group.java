package jp.machi.reservation.groups;

import java.time.Instant;
import java.time.LocalDate;

/** A group (団体) registered to book as one: a representative and members, approved by staff for a period. */
public record Group(long id, String name, String nameKana, String activity, long representativeId, Status status,
                    Instant submittedAt, Instant renewalRequestedAt, Instant decidedAt, Long decidedBy,
                    String decisionNote, LocalDate validUntil) {

    public enum Status {
        PENDING, APPROVED, REJECTED, WITHDRAWN
    }

    /** Approved and not expired on {@code day}: the representative may book for the group. */
    public boolean validOn(LocalDate day) {
        return status == Status.APPROVED && validUntil != null && !validUntil.isBefore(day);
    }

    /** pending, approved, expired, rejected or withdrawn (for {@code reservation.group.state.<state>}). */
    public String state(LocalDate today) {
        if (status == Status.APPROVED && !validOn(today)) {
            return "expired";
        }
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean renewalRequested() {
        return renewalRequestedAt != null;
    }
}
