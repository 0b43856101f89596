package jp.machi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.machi.audit.internal.AuditChain;
import jp.machi.audit.internal.AuditChainVerifier;
import jp.machi.audit.internal.AuditEntry;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@MachiTest
class AuditLogTest {

    @Autowired AuditLog auditLog;
    @Autowired AuditChainVerifier verifier;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    static String marker() {
        return "test-" + UUID.randomUUID();
    }

    static AuditEvent event(String action, String detail) {
        return new AuditEvent(action, 7L, "staff@demo.machi.example", 42L, 42L, "account:42", detail, "192.0.2.1", null);
    }

    List<AuditEntry> entriesWith(String marker) {
        return jdbc.sql("select * from audit_entry where detail like ? order by id").param("%" + marker + "%")
            .query((rs, n) -> new AuditEntry(rs.getLong("id"),
                rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("action"),
                rs.getObject("actor_account_id", Long.class), rs.getString("actor_label"),
                rs.getObject("on_behalf_of_id", Long.class), rs.getObject("subject_account_id", Long.class),
                rs.getString("subject"), rs.getString("detail"), rs.getString("remote_address"),
                rs.getString("prev_hash"), rs.getString("hash"), rs.getString("detail_key"), rs.getString("detail_args")))
            .list();
    }

    @Test
    void aKeyedDescriptionIsChainedInVersionTwoOverItsKeyAndArgumentsWithItsEnglishText() {
        String m = marker();
        auditLog.record(new AuditEvent("identity.resident.search", 7L, "staff@demo.machi.example", null, null, "residents",
            AuditDetail.of("identity.audit.resident.search", m, 2), "192.0.2.1"));
        AuditEntry e = entriesWith(m).getFirst();
        assertThat(e.detail()).isEqualTo("Searched for \"" + m + "\", 2 found");
        assertThat(e.detailKey()).isEqualTo("identity.audit.resident.search");
        assertThat(e.detailArgs()).isEqualTo("[\"" + m + "\",2]");
        assertThat(jp.machi.audit.internal.AuditChain.hash(e)).isEqualTo(e.hash());
        // the key and the arguments are covered: another argument is another hash
        AuditEntry changed = new AuditEntry(e.id(), e.occurredAt(), e.action(), e.actorAccountId(), e.actorLabel(),
            e.onBehalfOfId(), e.subjectAccountId(), e.subject(), e.detail(), e.remoteAddress(), e.prevHash(), e.hash(),
            e.detailKey(), "[\"" + m + "\",3]");
        assertThat(jp.machi.audit.internal.AuditChain.hash(changed)).isNotEqualTo(e.hash());
        AuditEntry unkeyed = new AuditEntry(e.id(), e.occurredAt(), e.action(), e.actorAccountId(), e.actorLabel(),
            e.onBehalfOfId(), e.subjectAccountId(), e.subject(), e.detail(), e.remoteAddress(), e.prevHash(), e.hash());
        assertThat(jp.machi.audit.internal.AuditChain.hash(unkeyed)).isNotEqualTo(e.hash());
    }

    String hashOf(long id) {
        return jdbc.sql("select hash from audit_entry where id = ?").param(id).query(String.class).single();
    }

    @Test
    void recordingAppendsEntriesThatLinkToTheEntryBefore() {
        String m = marker();
        auditLog.record(event("resident.read", "first " + m));
        auditLog.record(event("resident.update", "second " + m));

        List<AuditEntry> entries = entriesWith(m);
        assertThat(entries).hasSize(2);
        AuditEntry first = entries.get(0);
        AuditEntry second = entries.get(1);
        assertThat(second.id()).isEqualTo(first.id() + 1);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(first.prevHash()).isEqualTo(first.id() == 1 ? AuditChain.GENESIS : hashOf(first.id() - 1));
        // what was read back from the database hashes to what was stored: the time survived the round trip
        assertThat(AuditChain.hash(first)).isEqualTo(first.hash());
        assertThat(AuditChain.hash(second)).isEqualTo(second.hash());
        assertThat(first.actorLabel()).isEqualTo("staff@demo.machi.example");
        assertThat(first.onBehalfOfId()).isEqualTo(42L);
        assertThat(first.remoteAddress()).isEqualTo("192.0.2.1");
    }

    @Test
    void manyEventsRecordedAtOnceAreChainedSealedAndVerifiableLikeSingleOnes() {
        String m = marker();
        auditLog.record(event("resident.read", "before " + m));
        tx.executeWithoutResult(s -> auditLog.recordAll(List.of(event("resident.read", "batch 1 " + m),
            new AuditEvent("reservation.booking.unpaid-cancel", null, "system", null, null, "booking:1", "batch 2 " + m, null, null),
            event("x".repeat(300), "batch 3 " + m + "\0"))));
        auditLog.record(event("resident.read", "after " + m));

        List<AuditEntry> entries = entriesWith(m);
        assertThat(entries).extracting(AuditEntry::detail).containsExactly("before " + m, "batch 1 " + m, "batch 2 " + m,
            "batch 3 " + m + "\uFFFD", "after " + m);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).id()).isEqualTo(entries.get(i - 1).id() + 1);
            assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).hash());
        }
        for (AuditEntry e : entries) {
            assertThat(AuditChain.hash(e)).as("entry %d re-hashes", e.id()).isEqualTo(e.hash());
        }
        assertThat(entries.get(2).actorAccountId()).isNull();
        assertThat(entries.get(3).action()).hasSize(100);
        long sealed = jdbc.sql("select count(*) from audit_entry where detail like ? and seal is not null")
            .param("%" + m + "%").query(Long.class).single();
        assertThat(sealed).isEqualTo(5);
        assertThat(verifier.check().ok()).as("the whole chain verifies, seals included").isTrue();
    }

    @Test
    void overLongAndOddTextIsCutAndStoredRatherThanRefused() {
        String m = marker();
        String longDetail = m + " " + "あ".repeat(2000);
        auditLog.record(new AuditEvent("x".repeat(300), null, "", null, null, "s".repeat(500),
            longDetail + "\0", "a".repeat(100), null));
        AuditEntry e = entriesWith(m).getFirst();
        assertThat(e.detail()).hasSize(1000).startsWith(m);
        assertThat(e.action()).hasSize(100);
        assertThat(e.subject()).hasSize(200);
        assertThat(e.remoteAddress()).hasSize(64);
        assertThat(e.actorLabel()).as("empty text is stored as absent").isNull();
        assertThat(AuditChain.hash(e)).isEqualTo(e.hash());
    }

    @Test
    void eightThreadsRecordingAtOnceMakeOneUnbrokenChain() throws Exception {
        String m = marker();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                jobs.add(() -> {
                    for (int i = 0; i < each; i++) {
                        auditLog.record(event("resident.read", m + " thread " + thread + " #" + i));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        List<AuditEntry> entries = entriesWith(m);
        assertThat(entries).hasSize(threads * each);
        for (AuditEntry e : entries) {
            assertThat(e.prevHash()).as("entry %d links to entry %d", e.id(), e.id() - 1).isEqualTo(hashOf(e.id() - 1));
        }
        assertThat(verifier.check().ok()).isTrue();
    }

    @Test
    void anEntryRecordedInATransactionThatRollsBackLeavesNoEntryAndNoGap() {
        String m = marker();
        tx.executeWithoutResult(status -> {
            auditLog.record(event("resident.update", "rolled back " + m));
            status.setRollbackOnly();
        });
        assertThat(entriesWith(m)).isEmpty();

        auditLog.record(event("resident.update", "kept " + m));
        assertThat(entriesWith(m)).hasSize(1);
        assertThat(verifier.check().ok()).as("no gap where the rolled back entry would have been").isTrue();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveEntries() {
        String m = marker();
        auditLog.record(event("resident.read", m));
        long id = entriesWith(m).getFirst().id();

        assertThatThrownBy(() -> jdbc.sql("update audit_entry set detail = 'changed' where id = ?").param(id).update())
            .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where id = ?").param(id).update())
            .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly(); // should the trigger ever be missing, nothing is lost
            assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        });
        // checkpoints: truncate is refused whether or not one was written yet in this JVM (a row trigger on an
        // empty table never fires, so "delete" alone would prove nothing when this test runs first)
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            assertThatThrownBy(() -> jdbc.sql("truncate audit_checkpoint").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        });
        if (jdbc.sql("select count(*) from audit_checkpoint").query(Long.class).single() > 0) {
            assertThatThrownBy(() -> jdbc.sql("delete from audit_checkpoint").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        }
        assertThat(entriesWith(m)).hasSize(1);
    }
}
