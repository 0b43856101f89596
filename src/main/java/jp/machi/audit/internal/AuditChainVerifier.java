package jp.machi.audit.internal;

import java.time.Instant;
import jp.machi.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the whole chain in number order, one entry at a time, and reports the first broken link:
 * a missing number (an entry removed), a prev_hash that does not match the entry before (an entry removed or
 * altered and re-hashed), or an entry whose content no longer gives its hash (an entry altered). A chain
 * cannot show on its own that its newest entries were cut off, so every successful check leaves a checkpoint
 * (last number, its hash, the count) and the next check compares against the latest one.
 */
@Service
public class AuditChainVerifier {

    private final AuditEntryRepository entries;
    private final AuditLog auditLog;

    AuditChainVerifier(AuditEntryRepository entries, AuditLog auditLog) {
        this.entries = entries;
        this.auditLog = auditLog;
    }

    /** Checks the chain, records a checkpoint when it is intact, and records the check itself. */
    @Transactional
    public AuditChainCheck verify() {
        Outcome outcome = walk();
        AuditChainCheck result = outcome.result();
        if (result.ok() && result.lastId() > 0) {
            entries.insertCheckpoint(
                new AuditEntryRepository.Checkpoint(result.lastId(), result.entriesChecked(), outcome.lastHash()));
        }
        String detail = result.ok()
            ? "ok; entries=" + result.entriesChecked() + "; last=" + result.lastId()
            : "FAILED; reason=" + result.reasonKey() + "; first_bad=" + result.firstBadId()
                + "; entries=" + result.entriesChecked();
        auditLog.record(AuditActor.event("audit.verify", "audit:chain", detail));
        return result;
    }

    /** Checks without writing anything (no checkpoint, no entry). */
    @Transactional(readOnly = true)
    public AuditChainCheck check() {
        return walk().result();
    }

    private record Outcome(AuditChainCheck result, String lastHash) {}

    private Outcome walk() {
        AuditEntryRepository.Checkpoint checkpoint = entries.latestCheckpoint().orElse(null);
        Walk walk = new Walk(checkpoint);
        try {
            // one statement, so one consistent snapshot even while others append
            entries.forEachInOrder(walk::accept);
        } catch (Broken broken) {
            return walk.failed(broken.id, broken.reasonKey);
        }
        long lastId = walk.expectedId - 1;
        if (checkpoint != null) {
            if (lastId < checkpoint.entryId() || walk.count < checkpoint.entryCount()) {
                return walk.failed(lastId + 1, AuditChainCheck.TRUNCATED);
            }
            if (!checkpoint.entryHash().equals(walk.hashAtCheckpoint)) {
                return walk.failed(checkpoint.entryId(), AuditChainCheck.CHECKPOINT);
            }
        }
        return new Outcome(new AuditChainCheck(true, walk.count, null, null, lastId, Instant.now()), walk.prevHash);
    }

    private static final class Walk {
        private final AuditEntryRepository.Checkpoint checkpoint;
        long expectedId = 1;
        String prevHash = AuditChain.GENESIS;
        long count;
        String hashAtCheckpoint;

        Walk(AuditEntryRepository.Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
        }

        Outcome failed(long id, String reasonKey) {
            return new Outcome(new AuditChainCheck(false, count, id, reasonKey, expectedId - 1, Instant.now()), null);
        }

        void accept(AuditEntry e) {
            if (e.id() != expectedId) {
                throw new Broken(expectedId, AuditChainCheck.MISSING);
            }
            if (!prevHash.equals(e.prevHash())) {
                throw new Broken(e.id(), AuditChainCheck.LINK);
            }
            if (!AuditChain.hash(e).equals(e.hash())) {
                throw new Broken(e.id(), AuditChainCheck.CHANGED);
            }
            if (checkpoint != null && e.id() == checkpoint.entryId()) {
                hashAtCheckpoint = e.hash();
            }
            prevHash = e.hash();
            expectedId++;
            count++;
        }
    }

    private static final class Broken extends RuntimeException {
        final long id;
        final String reasonKey;

        Broken(long id, String reasonKey) {
            super(reasonKey + " at " + id, null, false, false);
            this.id = id;
            this.reasonKey = reasonKey;
        }
    }
}
