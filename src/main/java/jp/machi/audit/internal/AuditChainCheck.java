package jp.machi.audit.internal;

import java.io.Serializable;
import java.time.Instant;

/**
 * The outcome of walking the chain.
 *
 * @param ok             true when every entry is intact, in sequence, and the chain still reaches its checkpoint
 * @param entriesChecked how many entries were read before the check ended
 * @param firstBadId     the number of the first entry that is altered or missing, or null when ok
 * @param reasonKey      message key of the reason (it takes the entry number as {0}), or null when ok
 * @param lastId         the last intact entry's number (0 when the log is empty)
 * @param checkedAt      when the check ran
 */
public record AuditChainCheck(boolean ok, long entriesChecked, Long firstBadId, String reasonKey, long lastId,
                              Instant checkedAt) implements Serializable {

    public static final String MISSING = "audit.verify.reason.missing";
    public static final String LINK = "audit.verify.reason.link";
    public static final String CHANGED = "audit.verify.reason.changed";
    public static final String TRUNCATED = "audit.verify.reason.truncated";
    public static final String CHECKPOINT = "audit.verify.reason.checkpoint";
}
