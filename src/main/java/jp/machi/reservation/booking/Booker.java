package jp.machi.reservation.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A person registered to book (利用者登録): one row of {@code reservation_booker}. {@code evidenceCheckedAt},
 * {@code evidenceCheckedBy} and {@code evidenceKind} say that a staff member at a counter saw a document for the
 * declared residency (null: declared only); declaring again clears them. {@code penaltyPoints} and
 * {@code suspendedUntil} are the money part's penalties as they stand.
 */
public record Booker(long accountId, Residency residency, Instant declaredAt, LocalDate suspendedUntil,
                     Instant evidenceCheckedAt, Long evidenceCheckedBy, String evidenceKind, int penaltyPoints) {

    /** The kinds of document staff record (message keys reservation.evidence.kind.*); never the document's number. */
    public static final List<String> EVIDENCE_KINDS = List.of("my-number-card", "driver-licence", "health-insurance",
        "residence-card", "employee-id", "student-id", "other");

    public boolean suspendedOn(LocalDate day) {
        return suspendedUntil != null && !suspendedUntil.isBefore(day);
    }
}
