package jp.machi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import jp.machi.audit.internal.AuditChainCheck;
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

    /** Records three entries and returns their numbers. */
    List<Long> threeEntries() {
        String m = "verify-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            auditLog.record(new AuditEvent("resident.read", 7L, "staff@demo.machi.example", null, 42L,
                "account:42", m + " #" + i, "192.0.2.1"));
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
                auditLog.record(new AuditEvent("auth.login.success", null, "someone", null, null, null, "x" + i, null));
            }
        });

        assertThat(result.ok()).isFalse();
        assertThat(result.reasonKey()).isEqualTo(AuditChainCheck.CHECKPOINT);
        assertThat(result.firstBadId()).isEqualTo(checkpointed);
    }
}
