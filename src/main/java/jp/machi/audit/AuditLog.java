package jp.machi.audit;

/** The port every module uses to put something on the audit record. */
public interface AuditLog {

    /**
     * Appends the event to the hash chain. Runs in the caller's transaction when there is one, so a rolled
     * back action leaves no entry and a recorded action cannot lose its entry.
     */
    void record(AuditEvent event);
}
