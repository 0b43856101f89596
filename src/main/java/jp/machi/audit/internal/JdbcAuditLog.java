package jp.machi.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends to the hash chain in PostgreSQL. Joins the caller's transaction: if the caller rolls back, the
 * entry is gone too, and because the entry's number is taken under a transaction-scoped lock rather than from
 * a sequence, a rollback leaves no gap. The lock is held until the caller's transaction ends, so callers
 * should record near the end of short transactions.
 */
@Service
class JdbcAuditLog implements AuditLog {

    static final int MAX_ACTION = 100;
    static final int MAX_LABEL = 254;
    static final int MAX_SUBJECT = 200;
    static final int MAX_DETAIL = 1000;
    static final int MAX_ADDRESS = 64;
    static final int MAX_KEY = 200;
    static final int MAX_ARGS = 4000;
    static final int MAX_ARG = 300;

    private final AuditEntryRepository entries;
    private final AuditSeal seal;
    private final AuditHead head;
    private final AuditDetails details;
    private final Clock clock = Clock.systemUTC();

    JdbcAuditLog(AuditEntryRepository entries, AuditSeal seal, AuditHead head, AuditDetails details) {
        this.entries = entries;
        this.seal = seal;
        this.head = head;
        this.details = details;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        String action = action(event);
        entries.lockForAppend();
        AuditEntryRepository.Tail tail = entries.tail().orElse(null);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        AuditEntry entry = entry(said(event), action, tail == null ? 1 : tail.id() + 1, now,
            tail == null ? AuditChain.GENESIS : tail.hash());
        entries.insert(entry, seal.entry(entry.hash()));
        reached(entry.id());
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<String> actions = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            actions.add(action(Objects.requireNonNull(e, "event")));
        }
        entries.lockForAppend();
        AuditEntryRepository.Tail tail = entries.tail().orElse(null);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        long id = tail == null ? 1 : tail.id() + 1;
        String prev = tail == null ? AuditChain.GENESIS : tail.hash();
        List<AuditEntry> chained = new ArrayList<>(events.size());
        List<String> seals = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            AuditEntry entry = entry(said(events.get(i)), actions.get(i), id++, now, prev);
            chained.add(entry);
            seals.add(seal.entry(entry.hash()));
            prev = entry.hash();
        }
        entries.insertAll(chained, seals);
        reached(chained.getLast().id());
    }

    private static String action(AuditEvent event) {
        String action = clean(event.action(), MAX_ACTION);
        if (action == null) {
            throw new IllegalArgumentException("An audit event needs an action");
        }
        return action;
    }

    /** The event's description as stored: its English text (written from the key when not given), key and arguments. */
    private record Said(AuditEvent event, String detail, String key, String args) {}

    private Said said(AuditEvent event) {
        AuditDetail said = event.said();
        if (said == null) {
            return new Said(event, event.detail(), null, null);
        }
        List<Object> args = new ArrayList<>(said.args().size());
        for (Object a : said.args()) {
            args.add(a instanceof String s ? Objects.requireNonNullElse(clean(s, MAX_ARG), "") : a);
        }
        String json = AuditDetailJson.write(args);
        String key = clean(said.key(), MAX_KEY);
        if (json != null && json.length() > MAX_ARGS) {
            key = null; // too much to keep as arguments: the English text alone tells it
            json = null;
        }
        String english = event.detail() != null ? event.detail() : details.say(said.key(), args, Locale.ENGLISH);
        return new Said(event, english != null ? english : said.key() + " " + args, key, json);
    }

    private static AuditEntry entry(Said said, String action, long id, Instant now, String prevHash) {
        AuditEvent event = said.event();
        return new AuditEntry(id, now, action, event.actorAccountId(), clean(event.actorLabel(), MAX_LABEL),
            event.onBehalfOfId(), event.subjectAccountId(), clean(event.subject(), MAX_SUBJECT),
            clean(said.detail(), MAX_DETAIL), clean(event.remoteAddress(), MAX_ADDRESS), prevHash, null,
            said.key(), said.args()).sealed();
    }

    private void reached(long entryId) {
        // the high-water mark outside the database moves only once the entry is really there
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    head.reached(entryId);
                }
            });
        } else {
            head.reached(entryId);
        }
    }

    /**
     * What is stored and hashed: NUL (which PostgreSQL text cannot hold) becomes U+FFFD, the text is cut to the
     * column's length in code points (never splitting a surrogate pair), and an empty text is stored as null so
     * that an exported CSV (which cannot tell "" from null) re-verifies.
     */
    static String clean(String value, int maxCodePoints) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String s = value.indexOf('\0') >= 0 ? value.replace('\0', '\uFFFD') : value;
        if (s.codePointCount(0, s.length()) > maxCodePoints) {
            s = s.substring(0, s.offsetByCodePoints(0, maxCodePoints));
        }
        return s;
    }
}
