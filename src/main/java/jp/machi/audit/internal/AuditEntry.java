package jp.machi.audit.internal;

import java.time.Instant;

/**
 * One stored entry of the audit log, exactly as it is chained.
 *
 * @param id         the sequence number, gap-free from 1
 * @param occurredAt when, truncated to microseconds (PostgreSQL's precision) before hashing
 * @param prevHash   the hash of entry {@code id - 1}, or 64 zeros for the first entry
 * @param hash       {@link AuditChain#hash(AuditEntry)} of this entry
 */
public record AuditEntry(long id, Instant occurredAt, String action, Long actorAccountId, String actorLabel,
                         Long onBehalfOfId, Long subjectAccountId, String subject, String detail,
                         String remoteAddress, String prevHash, String hash) {

    /** The same entry with its hash computed. */
    AuditEntry sealed() {
        return new AuditEntry(id, occurredAt, action, actorAccountId, actorLabel, onBehalfOfId, subjectAccountId,
            subject, detail, remoteAddress, prevHash, AuditChain.hash(this));
    }
}
