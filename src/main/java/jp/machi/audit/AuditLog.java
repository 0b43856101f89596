package jp.machi.audit;

/** The port every module uses to put something on the audit record. */
public interface AuditLog {

    /**
     * Appends the event to the hash chain. Runs in the caller's transaction when there is one, so a rolled
     * back action leaves no entry and a recorded action cannot lose its entry.
     */
    void record(AuditEvent event);

    /**
     * Appends the events in their order, as {@link #record} one after another would, in the caller's transaction. A job
     * that acts on many rows records them in one go: the log is locked and its tail read once, and the entries are
     * written in one statement.
     */
    default void recordAll(java.util.List<AuditEvent> events) {
        events.forEach(this::record);
    }
}
