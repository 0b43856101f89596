package jp.machi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import jp.machi.audit.internal.AuditAnchorFile;
import jp.machi.audit.internal.AuditChain;
import jp.machi.audit.internal.AuditChainCheck;
import jp.machi.audit.internal.AuditEntry;
import jp.machi.support.TestMailbox;
import jp.machi.audit.internal.AuditChainVerifier;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tampering is done as the database superuser with triggers skipped (session_replication_role = replica),
 * inside a transaction that is rolled back afterwards, so the shared database keeps an intact chain.
 */
@MachiTest
class AuditChainVerifierTest {

    @Autowired AuditLog auditLog;
    @Autowired AuditChainVerifier verifier;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired AuditAnchorFile anchorFile;

    @org.junit.jupiter.api.BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    /** Records three entries and returns their numbers. */
    List<Long> threeEntries() {
        String m = "verify-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            auditLog.record(new AuditEvent("resident.read", 7L, "staff@demo.machi.example", null, 42L,
                "account:42", m + " #" + i, "192.0.2.1", null));
        }
        return jdbc.sql("select id from audit_entry where detail like ? order by id").param(m + "%")
            .query(Long.class).list();
    }

    /** Tampers with triggers off, runs the check in the same transaction, and rolls everything back. */
    AuditChainCheck tamperedThenVerified(Consumer<JdbcClient> tampering) {
        return tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("set local session_replication_role = replica").update();
            tampering.accept(jdbc);
            jdbc.sql("set local session_replication_role = origin").update();
            return verifier.verify();
        });
    }

    long lastId() {
        return jdbc.sql("select max(id) from audit_entry").query(Long.class).single();
    }

    @Test
    void anIntactChainPassesLeavesACheckpointAndTheCheckIsRecorded() {
        threeEntries();
        long before = lastId();

        AuditChainCheck result = verifier.verify();

        assertThat(result.ok()).isTrue();
        assertThat(result.firstBadId()).isNull();
        assertThat(result.lastId()).isGreaterThanOrEqualTo(before);
        assertThat(result.entriesChecked()).isEqualTo(result.lastId());
        assertThat(jdbc.sql("select entry_id from audit_checkpoint order by id desc limit 1").query(Long.class).single())
            .isEqualTo(result.lastId());
        assertThat(jdbc.sql("select action from audit_entry where id = ?").param(result.lastId() + 1)
            .query(String.class).single()).isEqualTo("audit.verify");
    }

    @Test
    void aChangedEntryIsReportedByNumber() {
        List<Long> ids = threeEntries();
        long changed = ids.get(1);

        AuditChainCheck result = tamperedThenVerified(db ->
            db.sql("update audit_entry set detail = 'nothing to see here' where id = ?").param(changed).update());

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadId()).isEqualTo(changed);
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.CHANGED);
        assertThat(verifier.check().ok()).as("the tampering was rolled back").isTrue();
    }

    @Test
    void aReplacedHashIsReported() {
        List<Long> ids = threeEntries();
        long changed = ids.get(0);

        AuditChainCheck result = tamperedThenVerified(db ->
            db.sql("update audit_entry set hash = repeat('a', 64) where id = ?").param(changed).update());

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadId()).isEqualTo(changed);
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.CHANGED);
    }

    @Test
    void aRemovedEntryInTheMiddleIsReportedByNumber() {
        List<Long> ids = threeEntries();
        long removed = ids.get(1);

        AuditChainCheck result = tamperedThenVerified(db ->
            db.sql("delete from audit_entry where id = ?").param(removed).update());

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadId()).isEqualTo(removed);
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.MISSING);
    }

    @Test
    void aRemovedAndRenumberedEntryBreaksTheLink() {
        List<Long> ids = threeEntries();

        AuditChainCheck result = tamperedThenVerified(db -> {
            db.sql("delete from audit_entry where id = ?").param(ids.get(1)).update();
            db.sql("update audit_entry set id = ? where id = ?").params(ids.get(1), ids.get(2)).update();
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadId()).isEqualTo(ids.get(1));
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.LINK);
    }

    @Test
    void aTailCutOffAfterACheckpointIsReported() {
        threeEntries();
        AuditChainCheck anchored = verifier.verify();
        assertThat(anchored.ok()).isTrue();
        long checkpointed = anchored.lastId();

        AuditChainCheck result = tamperedThenVerified(db ->
            db.sql("delete from audit_entry where id >= ?").param(checkpointed - 1).update());

        assertThat(result.ok()).isFalse();
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.TRUNCATED);
        assertThat(result.firstBadId()).isEqualTo(checkpointed - 1);
    }

    @Test
    void aTailReplacedAfterACheckpointIsReported() {
        threeEntries();
        AuditChainCheck anchored = verifier.verify();
        long checkpointed = anchored.lastId();

        AuditChainCheck result = tamperedThenVerified(db -> {
            db.sql("delete from audit_entry where id >= ?").param(checkpointed).update();
            // new, perfectly chained entries take the removed numbers
            for (int i = 0; i < 3; i++) {
                auditLog.record(new AuditEvent("auth.login.success", null, "someone", null, null, null, "x" + i, null, null));
            }
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.CHECKPOINT);
        assertThat(result.firstBadId()).isEqualTo(checkpointed);
    }

    /** Every entry from {@code from} to the end, re-hashed and re-chained as an attacker with the format would do it. */
    static void rechainFrom(JdbcClient db, long from) {
        String prev = db.sql("select hash from audit_entry where id = ?").param(from - 1).query(String.class).single();
        List<AuditEntry> tail = db.sql("select * from audit_entry where id >= ? order by id").param(from)
            .query((rs, n) -> new AuditEntry(rs.getLong("id"),
                rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("action"),
                rs.getObject("actor_account_id", Long.class), rs.getString("actor_label"),
                rs.getObject("on_behalf_of_id", Long.class), rs.getObject("subject_account_id", Long.class),
                rs.getString("subject"), rs.getString("detail"), rs.getString("remote_address"),
                rs.getString("prev_hash"), rs.getString("hash"), rs.getString("detail_key"), rs.getString("detail_args"))).list();
        // hashes are unique: move the old ones out of the way first
        db.sql("update audit_entry set hash = md5(hash) || md5(hash || 'x'), prev_hash = md5(prev_hash) || md5('y' || prev_hash)"
            + " where id >= ?").param(from).update();
        for (AuditEntry e : tail) {
            AuditEntry rechained = new AuditEntry(e.id(), e.occurredAt(), e.action(), e.actorAccountId(),
                e.actorLabel(), e.onBehalfOfId(), e.subjectAccountId(), e.subject(), e.detail(), e.remoteAddress(),
                prev, null, e.detailKey(), e.detailArgs());
            String hash = AuditChain.hash(rechained);
            db.sql("update audit_entry set prev_hash = ?, hash = ? where id = ?").params(prev, hash, e.id()).update();
            prev = hash;
        }
    }

    @Test
    void anEditThatWasReHashedAndReChainedIsFoundWhereItHappenedNotAtTheNextCheckpoint() {
        List<Long> ids = threeEntries();
        long edited = ids.get(0);
        threeEntries();
        AuditChainCheck anchored = verifier.verify();
        assertThat(anchored.ok()).isTrue();

        AuditChainCheck result = tamperedThenVerified(db -> {
            db.sql("update audit_entry set detail = 'nothing to see here' where id = ?").param(edited).update();
            rechainFrom(db, edited);
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadId()).as("the first fault is the edited entry").isEqualTo(edited);
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.REHASHED);
        assertThat(result.faults().getFirst().toId()).as("every re-chained entry after it").isEqualTo(result.lastId());
        assertThat(result.has(AuditChainCheck.CHECKPOINT, anchored.lastId())).isTrue();
    }

    @Test
    void aForgedCheckpointInsertedForARewrittenChainDoesNotMakeItVerify() {
        List<Long> ids = threeEntries();
        AuditChainCheck anchored = verifier.verify();
        assertThat(anchored.ok()).isTrue();
        long rewritten = ids.get(1);

        AuditChainCheck result = tamperedThenVerified(db -> {
            db.sql("update audit_entry set detail = 'rewritten' where id = ?").param(rewritten).update();
            rechainFrom(db, rewritten);
            // the checkpoint an attacker would insert: exactly what the rewritten chain ends with
            long last = db.sql("select max(id) from audit_entry").query(Long.class).single();
            String hash = db.sql("select hash from audit_entry where id = ?").param(last).query(String.class).single();
            db.sql("insert into audit_checkpoint (entry_id, entry_count, entry_hash, seal) values (?, ?, ?, ?)")
                .params(last, last, hash, "c".repeat(64)).update();
            db.sql("insert into audit_checkpoint (entry_id, entry_count, entry_hash) values (?, ?, ?)")
                .params(last, last, hash).update();
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.has(AuditChainCheck.REHASHED, rewritten)).isTrue();
        assertThat(result.has(AuditChainCheck.CHECKPOINT, anchored.lastId())).isTrue();
        assertThat(result.faults()).anyMatch(f -> f.reasonKey().equals(AuditChainCheck.FORGED));
    }

    @Test
    void aForgedCheckpointAloneIsReported() {
        threeEntries();
        long last = lastId();
        AuditChainCheck result = tamperedThenVerified(db -> {
            String hash = db.sql("select hash from audit_entry where id = ?").param(last).query(String.class).single();
            db.sql("insert into audit_checkpoint (entry_id, entry_count, entry_hash, seal) values (?, ?, ?, ?)")
                .params(last, last, hash, "d".repeat(64)).update();
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.has(AuditChainCheck.FORGED, last)).isTrue();
    }

    @Test
    void entriesDeletedFromTheEndAfterTheLastCheckpointAreReported() {
        AuditChainCheck anchored = verifier.verify();
        assertThat(anchored.ok()).isTrue();
        List<Long> after = threeEntries();

        AuditChainCheck result = tamperedThenVerified(db ->
            db.sql("delete from audit_entry where id >= ?").param(after.get(1)).update());

        assertThat(result.ok()).isFalse();
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.TRUNCATED);
        assertThat(result.firstBadId()).isEqualTo(after.get(1));
        assertThat(result.faults().getFirst().toId()).isGreaterThanOrEqualTo(after.get(2));
    }

    @Test
    void everyFaultIsReportedInOneRun() {
        List<Long> first = threeEntries();
        List<Long> second = threeEntries();
        List<Long> third = threeEntries();

        AuditChainCheck result = tamperedThenVerified(db -> {
            db.sql("update audit_entry set detail = 'changed' where id = ?").param(first.get(1)).update();
            db.sql("delete from audit_entry where id = ?").param(second.get(1)).update();
            db.sql("update audit_entry set actor_label = 'someone else' where id = ?").param(third.get(0)).update();
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.has(AuditChainCheck.CHANGED, first.get(1))).isTrue();
        assertThat(result.has(AuditChainCheck.MISSING, second.get(1))).isTrue();
        assertThat(result.has(AuditChainCheck.CHANGED, third.get(0))).isTrue();
        assertThat(result.faults()).hasSize(3);
        assertThat(result.entriesChecked()).isEqualTo(result.lastId() - 1);
    }

    @Test
    void aPassedCheckIsAnchoredInTheFileOutsideTheDatabaseAndMailedToTheAuditors() throws Exception {
        threeEntries();
        AuditChainCheck result = verifier.verify();
        assertThat(result.ok()).isTrue();
        String hash = jdbc.sql("select hash from audit_entry where id = ?").param(result.lastId()).query(String.class)
            .single();

        assertThat(anchorFile.all()).anyMatch(a -> a.entryId() == result.lastId() && a.entryHash().equals(hash));
        var mail = TestMailbox.awaitMailContaining("auditor@demo.machi.example", TestMailbox.DEFAULT_TIMEOUT, hash);
        assertThat(mail.getSubject()).contains("異常なし").contains("Audit log check passed");
    }

    @Test
    void anAnchorInTheFileIsCheckedEvenWhenTheDatabaseCheckpointsAreGone() {
        List<Long> ids = threeEntries();
        AuditChainCheck anchored = verifier.verify();
        assertThat(anchored.ok()).isTrue();

        AuditChainCheck result = tamperedThenVerified(db -> {
            db.sql("delete from audit_checkpoint").update();
            db.sql("update audit_entry set detail = 'rewritten' where id = ?").param(ids.get(2)).update();
            rechainFrom(db, ids.get(2));
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.has(AuditChainCheck.CHECKPOINT, anchored.lastId())).isTrue();
    }
}
