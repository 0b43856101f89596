package jp.machi.mail.internal;

import java.time.Instant;

/** One row of the outbox. */
public record OutboxMail(long id, Instant createdAt, String recipient, String language, String template,
                         String subject, String body, Status status, int attempts, String lastError,
                         Instant sentAt, Instant nextAttemptAt) {

    /** Where a mail is. */
    public enum Status {
        /** Waiting for (another) delivery attempt. */
        QUEUED,
        /** Accepted by the SMTP server. */
        SENT,
        /** Given up after the last attempt. */
        FAILED,
        /** No SMTP server configured (the demo): kept here, never sent. */
        KEPT
    }
}
