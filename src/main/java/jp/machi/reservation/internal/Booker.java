package jp.machi.reservation.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person registered to book (利用者登録). {@code evidenceCheckedAt} and {@code evidenceKind} say that staff at a counter
 * saw a document for the declared residency (null: declared only); declaring again clears them.
 */
public record Booker(long accountId, Residency residency, Instant declaredAt, LocalDate suspendedUntil,
                     Instant evidenceCheckedAt, String evidenceKind) {

    /** The kinds of document staff record (message keys reservation.evidence.kind.*); never the document's number. */
    public static final java.util.List<String> EVIDENCE_KINDS = java.util.List.of("my-number-card", "driver-licence",
        "health-insurance", "residence-card", "employee-id", "student-id", "other");

    public boolean suspendedOn(LocalDate day) {
        return suspendedUntil != null && !suspendedUntil.isBefore(day);
    }
}
