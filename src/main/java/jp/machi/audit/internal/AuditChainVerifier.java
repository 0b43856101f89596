package jp.machi.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.machi.audit.AuditChainChecked;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.DemoMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Walks the whole chain in number order, one entry at a time, and reports every fault it finds, at the entry where
 * it is: a missing number (an entry removed), a prev_hash that does not match the entry before (an entry removed
 * or renumbered), an entry whose content no longer gives its hash (changed), an entry whose hash was re-computed
 * after a change (its seal, keyed outside the database, no longer matches), an entry that agrees no longer with a
 * checkpoint or a published anchor, a checkpoint that Machi did not make (forged seal), and a log that is shorter
 * than a checkpoint, an anchor, or the highest number this instance has appended (its tail was cut).
 *
 * <p>A successful check leaves a sealed checkpoint in the database and, after commit, appends it to the anchor file
 * outside the database and publishes {@link AuditChainChecked} (mailed to the auditors).
 */
@Service
public class AuditChainVerifier {

    private final AuditEntryRepository entries;
    private final AuditLog auditLog;
    private final AuditSeal seal;
    private final AuditHead head;
    private final AuditAnchorFile anchors;
    private final ApplicationEventPublisher events;
    private final List<String> recipients;

    AuditChainVerifier(AuditEntryRepository entries, AuditLog auditLog, AuditSeal seal, AuditHead head,
                       AuditAnchorFile anchors, ApplicationEventPublisher events, DemoMode demo,
                       @Value("${machi.audit.anchor.mail-to:}") List<String> mailTo) {
        this.entries = entries;
        this.auditLog = auditLog;
        this.seal = seal;
        this.head = head;
        this.anchors = anchors;
        this.events = events;
        List<String> to = mailTo.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        this.recipients = to.isEmpty() && demo.enabled() ? List.of("auditor@" + DemoMode.DOMAIN) : to;
    }

    /** An anchor that the auditor typed in (from a mail or a printed page), checked along with the rest. */
    public record GivenAnchor(long entryId, String entryHash) {}

    /** Checks the chain as the signed-in auditor; see {@link #verify(GivenAnchor, boolean)}. */
    @Transactional
    public AuditChainCheck verify() {
        return verify(null, false);
    }

    /**
     * Checks the chain; when it is intact, records a sealed checkpoint and publishes it after commit. Records the
     * check itself (as the signed-in person, or as Machi for a scheduled check).
     */
    @Transactional
    public AuditChainCheck verify(GivenAnchor given, boolean scheduled) {
        Outcome outcome = walk(given);
        AuditChainCheck result = outcome.result();
        AuditEntryRepository.Checkpoint checkpoint = null;
        if (result.ok() && result.lastId() > 0) {
            checkpoint = new AuditEntryRepository.Checkpoint(result.lastId(), result.entriesChecked(),
                outcome.lastHash(), seal.checkpoint(result.lastId(), result.entriesChecked(), outcome.lastHash()));
            entries.insertCheckpoint(checkpoint);
        }
        AuditDetail said = result.ok()
            ? AuditDetail.of("audit.audit.verify.ok", result.entriesChecked(), result.lastId())
            : AuditDetail.of("audit.audit.verify.failed", result.faults().size() + result.moreFaults(),
                result.faults().isEmpty() ? "-" : result.faults().getFirst().fromId(), result.entriesChecked());
        String action = "audit.verify";
        auditLog.record(scheduled ? AuditEvent.system(action, null, "audit:chain", said)
            : AuditActor.event(action, "audit:chain", said));
        AuditEntryRepository.Checkpoint anchored = checkpoint;
        AuditChainChecked event = new AuditChainChecked(result.ok(), result.lastId(), result.entriesChecked(),
            outcome.lastHash(), anchored == null ? null : anchored.seal(), result.ok() ? null : result.summary(),
            result.checkedAt(), recipients);
        if (anchored != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    anchors.append(new AuditAnchorFile.Anchor(anchored.entryId(), anchored.entryCount(),
                        anchored.entryHash(), anchored.seal(), result.checkedAt()));
                }
            });
        }
        if (!recipients.isEmpty()) {
            events.publishEvent(event);
        }
        return result;
    }

    /** Checks without writing anything (no checkpoint, no entry, no anchor). */
    @Transactional(readOnly = true)
    public AuditChainCheck check() {
        return walk(null).result();
    }

    private record Outcome(AuditChainCheck result, String lastHash) {}

    private record Expectation(String hash, String reasonKey) {}

    private Outcome walk(GivenAnchor given) {
        // read before the entries: every number it holds was committed before the entries' snapshot is taken
        long highWater = head.highest();
        Faults faults = new Faults();
        Map<Long, List<Expectation>> expected = new HashMap<>();
        long reached = highWater;

        boolean sealedSeen = false;
        for (AuditEntryRepository.Checkpoint c : entries.checkpoints()) {
            boolean genuine = c.seal() == null
                ? !sealedSeen // made before sealing began; one without a seal after a sealed one is forged
                : AuditSeal.matches(seal.checkpoint(c.entryId(), c.entryCount(), c.entryHash()), c.seal());
            sealedSeen |= c.seal() != null;
            if (!genuine) {
                faults.pending(c.entryId(), AuditChainCheck.FORGED);
                continue;
            }
            expected.computeIfAbsent(c.entryId(), k -> new ArrayList<>())
                .add(new Expectation(c.entryHash(), AuditChainCheck.CHECKPOINT));
            reached = Math.max(reached, c.entryId());
        }
        for (AuditAnchorFile.Anchor a : anchors.all()) {
            if (a.entryId() < 1
                || !AuditSeal.matches(seal.checkpoint(a.entryId(), a.entryCount(), a.entryHash()), a.seal())) {
                faults.pending(Math.max(a.entryId(), 0), AuditChainCheck.FORGED);
                continue;
            }
            expected.computeIfAbsent(a.entryId(), k -> new ArrayList<>())
                .add(new Expectation(a.entryHash(), AuditChainCheck.CHECKPOINT));
            reached = Math.max(reached, a.entryId());
        }
        if (given != null) {
            expected.computeIfAbsent(given.entryId(), k -> new ArrayList<>())
                .add(new Expectation(given.entryHash(), AuditChainCheck.MAILED));
            reached = Math.max(reached, given.entryId());
        }

        Walk walk = new Walk(faults, expected);
        // one statement, so one consistent snapshot even while others append
        entries.forEachInOrder(walk::accept);
        long lastId = walk.expectedId - 1;
        if (lastId < reached) {
            faults.add(lastId + 1, reached, AuditChainCheck.TRUNCATED);
        }
        faults.flushPending();
        boolean ok = faults.isEmpty();
        return new Outcome(new AuditChainCheck(ok, walk.count, faults.list(), faults.more, lastId, Instant.now()),
            walk.prevHash);
    }

    /** Collects faults in entry order, merging consecutive entries with the same fault into one range. */
    private static final class Faults {
        private final List<AuditChainCheck.Fault> list = new ArrayList<>();
        private final List<AuditChainCheck.Fault> pending = new ArrayList<>();
        long more;

        void pending(long id, String reasonKey) {
            pending.add(new AuditChainCheck.Fault(id, id, reasonKey));
        }

        void add(long from, long to, String reasonKey) {
            // checkpoint faults (forged ones) go in their place in entry order
            while (!pending.isEmpty() && pending.getFirst().fromId() <= from) {
                put(pending.removeFirst());
            }
            put(new AuditChainCheck.Fault(from, to, reasonKey));
        }

        void flushPending() {
            while (!pending.isEmpty()) {
                put(pending.removeFirst());
            }
        }

        private void put(AuditChainCheck.Fault f) {
            for (int i = list.size() - 1; i >= Math.max(0, list.size() - 4); i--) {
                AuditChainCheck.Fault last = list.get(i);
                if (last.reasonKey().equals(f.reasonKey()) && last.toId() + 1 == f.fromId()) {
                    list.set(i, new AuditChainCheck.Fault(last.fromId(), f.toId(), f.reasonKey()));
                    return;
                }
                if (last.reasonKey().equals(f.reasonKey()) && last.fromId() <= f.fromId() && f.toId() <= last.toId()) {
                    return;
                }
            }
            if (list.size() >= AuditChainCheck.MAX_FAULTS) {
                more++;
                return;
            }
            list.add(f);
        }

        boolean isEmpty() {
            return list.isEmpty() && more == 0;
        }

        List<AuditChainCheck.Fault> list() {
            return list;
        }
    }

    private final class Walk {
        private final Faults faults;
        private final Map<Long, List<Expectation>> expected;
        long expectedId = 1;
        String prevHash = AuditChain.GENESIS;
        boolean prevFaulty;
        boolean sealedSeen;
        long count;

        Walk(Faults faults, Map<Long, List<Expectation>> expected) {
            this.faults = faults;
            this.expected = expected;
        }

        void accept(AuditEntry e, String entrySeal) {
            if (e.id() > expectedId) {
                faults.add(expectedId, e.id() - 1, AuditChainCheck.MISSING);
                prevFaulty = true;
            }
            boolean faulty = false;
            // a broken link right after a faulty entry is that entry's consequence, not a fault of its own
            if (!prevFaulty && !prevHash.equals(e.prevHash())) {
                faults.add(e.id(), e.id(), AuditChainCheck.LINK);
                faulty = true;
            }
            if (!AuditChain.hash(e).equals(e.hash())) {
                faults.add(e.id(), e.id(), AuditChainCheck.CHANGED);
                faulty = true;
            } else if (entrySeal == null) {
                if (sealedSeen) {
                    faults.add(e.id(), e.id(), AuditChainCheck.UNSEALED);
                    faulty = true;
                }
            } else {
                sealedSeen = true;
                if (!AuditSeal.matches(seal.entry(e.hash()), entrySeal)) {
                    faults.add(e.id(), e.id(), AuditChainCheck.REHASHED);
                    faulty = true;
                }
            }
            List<Expectation> here = expected.get(e.id());
            if (here != null) {
                Set<String> reported = new java.util.HashSet<>();
                for (Expectation x : here) {
                    if (!x.hash().equalsIgnoreCase(e.hash()) && reported.add(x.reasonKey())) {
                        faults.add(e.id(), e.id(), x.reasonKey());
                    }
                }
            }
            prevHash = e.hash();
            prevFaulty = faulty;
            expectedId = e.id() + 1;
            count++;
        }
    }
}
