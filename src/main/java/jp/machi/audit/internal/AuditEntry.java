package jp.machi.audit.internal;

import java.time.Instant;

/**
 * One stored entry of the audit log, exactly as it is chained.
 *
 * @param id         the sequence number, gap-free from 1
 * @param occurredAt when, truncated to microseconds (PostgreSQL's precision) before hashing
 * @param detail     the description in English
 * @param prevHash   the hash of entry {@code id - 1}, or 64 zeros for the first entry
 * @param hash       {@link AuditChain#hash(AuditEntry)} of this entry
 * @param detailKey  the description's message key, or null for entries that have only the English text
 * @param detailArgs the message's arguments as a JSON array ({@link AuditDetailJson}), or null
 */
public record AuditEntry(long id, Instant occurredAt, String action, Long actorAccountId, String actorLabel,
                         Long onBehalfOfId, Long subjectAccountId, String subject, String detail,
                         String remoteAddress, String prevHash, String hash, String detailKey, String detailArgs) {

    /** An entry described only in English (as every entry was before descriptions had keys). */
    public AuditEntry(long id, Instant occurredAt, String action, Long actorAccountId, String actorLabel,
                      Long onBehalfOfId, Long subjectAccountId, String subject, String detail, String remoteAddress,
                      String prevHash, String hash) {
        this(id, occurredAt, action, actorAccountId, actorLabel, onBehalfOfId, subjectAccountId, subject, detail,
            remoteAddress, prevHash, hash, null, null);
    }

    /** The same entry with its hash computed. */
    AuditEntry sealed() {
        return new AuditEntry(id, occurredAt, action, actorAccountId, actorLabel, onBehalfOfId, subjectAccountId,
            subject, detail, remoteAddress, prevHash, AuditChain.hash(this), detailKey, detailArgs);
    }
}
