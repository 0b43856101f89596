package jp.machi.audit.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of walking the chain: every fault found, in entry order.
 *
 * @param ok             true when every entry is intact, in sequence, sealed, and agrees with every checkpoint and
 *                       published anchor, and no entry the log is known to have reached has disappeared
 * @param entriesChecked how many entries were read
 * @param faults         what was found, oldest entry first (consecutive entries with the same fault as one range);
 *                       at most {@link #MAX_FAULTS}
 * @param moreFaults     how many further faults were found but not listed
 * @param lastId         the last entry's number (0 when the log is empty)
 * @param checkedAt      when the check ran
 */
public record AuditChainCheck(boolean ok, long entriesChecked, List<Fault> faults, long moreFaults, long lastId,
                              Instant checkedAt) implements Serializable {

    public static final int MAX_FAULTS = 100;

    public static final String MISSING = "audit.verify.reason.missing";
    public static final String LINK = "audit.verify.reason.link";
    public static final String CHANGED = "audit.verify.reason.changed";
    public static final String REHASHED = "audit.verify.reason.rehashed";
    public static final String UNSEALED = "audit.verify.reason.unsealed";
    public static final String TRUNCATED = "audit.verify.reason.truncated";
    public static final String CHECKPOINT = "audit.verify.reason.checkpoint";
    public static final String FORGED = "audit.verify.reason.forged";
    public static final String MAILED = "audit.verify.reason.mailed";

    /**
     * One fault over the entries {@code fromId} to {@code toId} (the same number for one entry).
     *
     * @param reasonKey the message key; {@link #messageKey()} adds {@code .range} for more than one entry
     */
    public record Fault(long fromId, long toId, String reasonKey) implements Serializable {

        public String messageKey() {
            return fromId == toId ? reasonKey : reasonKey + ".range";
        }
    }

    public AuditChainCheck {
        faults = List.copyOf(faults);
    }

    /** The first fault's entry number, or null when ok. */
    public Long firstBadId() {
        return faults.isEmpty() ? null : faults.getFirst().fromId();
    }

    /** The first fault's reason, or null when ok. */
    public String reasonKey() {
        return faults.isEmpty() ? null : faults.getFirst().reasonKey();
    }

    /** The fault of {@code reasonKey} that covers entry {@code id}, if any (for tests and the page). */
    public boolean has(String reasonKey, long id) {
        return faults.stream().anyMatch(f -> f.reasonKey().equals(reasonKey) && f.fromId() <= id && id <= f.toId());
    }

    /** Short text for the audit entry of the check. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (Fault f : faults) {
            if (s.length() > 600) {
                s.append(" …");
                break;
            }
            s.append(s.isEmpty() ? "" : ", ").append(f.reasonKey().substring(f.reasonKey().lastIndexOf('.') + 1))
                .append('@').append(f.fromId()).append(f.fromId() == f.toId() ? "" : "-" + f.toId());
        }
        return s.toString();
    }
}
