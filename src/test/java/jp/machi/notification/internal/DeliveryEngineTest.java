package jp.machi.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.machi.notification.SmtpSink;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivery that holds, on the real database and real SMTP servers: a worker that died mid-batch (its claim lapsed,
 * some of its messages already accepted) leaves nobody out — the batch goes again with the same Message-IDs; a
 * permanent refusal (550) bounces and suppresses the address, a temporary one (450) is retried after a back-off;
 * a carrier's recipients-per-session limit opens new SMTP sessions; a worker keeps its connection from batch to batch up
 * to the lane's limit, and a kept connection the server closed meanwhile costs nobody a delay.
 */
@MachiTest
class DeliveryEngineTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryStore store;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    MessageFactory messages;

    @Autowired
    SmtpConnector smtp;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    /** A released notice of the demo's 区政・イベント topic with deliveries to the given addresses, not yet due. */
    private long notice(List<String> emails) {
        long staff = jdbc.sql("select id from account where email = 'staff@demo.machi.example'").query(Long.class).single();
        long id = jdbc.sql("""
                insert into notification_notice (topic_code, priority, status, title_ja, body_ja, created_by, released_at, recipients)
                values ('kusei', 'EMERGENCY', 'SENDING', '配信試験', '配信の試験です。', ?, now(), ?) returning id""")
            .params(staff, emails.size()).query(Long.class).single();
        for (String e : emails) {
            jdbc.sql("""
                    insert into notification_delivery (notice_id, subscription_id, topic_code, lane, email, language, status, next_attempt_at)
                    values (?, 0, 'kusei', 0, ?, 'ja', 'QUEUED', now() + interval '1 day')""").params(id, e).update();
        }
        return id;
    }

    private List<DeliveryStore.Claimed> claimAll(long notice) {
        return jdbc.sql("""
                update notification_delivery set status = 'SENDING', attempts = attempts + 1, lease_until = now() + interval '1 minute'
                where notice_id = ? returning id, notice_id, subscription_id, topic_code, email, language, attempts""")
            .param(notice)
            .query((rs, n) -> new DeliveryStore.Claimed(rs.getLong(1), rs.getLong(2), null, rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7)))
            .list().stream().sorted(java.util.Comparator.comparingLong(DeliveryStore.Claimed::id)).toList();
    }

    private Map<String, String> statuses(long notice) {
        return jdbc.sql("select email, status from notification_delivery where notice_id = ?").param(notice)
            .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aWorkerThatDiedMidBatchLeavesNobodyOutAndOnlyItsInFlightMessagesGoTwiceWithTheSameMessageId() throws Exception {
        long run = System.nanoTime();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            emails.add("crash" + i + "." + run + "@example.jp");
        }
        long notice = notice(emails);
        // a worker claimed the first 20, had 5 of them accepted by the SMTP server, and was killed before recording it
        List<DeliveryStore.Claimed> claimed = claimAll(notice).subList(0, 20);
        jdbc.sql("update notification_delivery set status = 'QUEUED', attempts = 0, lease_until = null where notice_id = ? and id > ?")
            .params(notice, claimed.getLast().id()).update();
        List<String> inFlight = new ArrayList<>();
        try (Transport t = smtp.connect()) {
            for (DeliveryStore.Claimed d : claimed.subList(0, 5)) {
                MimeMessage m = messages.build(smtp.session(), d);
                t.sendMessage(m, m.getAllRecipients());
                inFlight.add(d.email());
            }
        }
        // the claim's lease ran out; the others are due; the sweeper puts the lapsed claim back in the queue
        jdbc.sql("update notification_delivery set lease_until = now() - interval '1 second' where notice_id = ? and status = 'SENDING'")
            .param(notice).update();
        jdbc.sql("update notification_delivery set next_attempt_at = now() where notice_id = ?").param(notice).update();
        engine.sweep();
        engine.wake(Lanes.EMERGENCY);

        for (String e : emails) {
            TestMailbox.awaitMailsTo(e, inFlight.contains(e) ? 2 : 1, Duration.ofSeconds(60));
        }
        Thread.sleep(1000);
        for (String e : emails) {
            List<MimeMessage> got = TestMailbox.mailsTo(e);
            assertThat(got).as(e).hasSize(inFlight.contains(e) ? 2 : 1);
            if (got.size() == 2) {
                assertThat(got.get(0).getMessageID()).isEqualTo(got.get(1).getMessageID());
            }
        }
        assertThat(statuses(notice).values()).containsOnly("SENT");
    }

    /** Thrown by the status write of a "dead" instance: the process was killed after the SMTP 250, before the write. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("kill -9 between the SMTP server's acceptance and the status write", null, false, false);
        }
    }

    private static boolean killed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Killed) {
                return true;
            }
        }
        return false;
    }

    /**
     * The crash window itself, through the engine's own send path: an instance sends a claimed batch to the real
     * SMTP server (GreenMail) and dies when it is about to write "sent" (its status writes never reach the database,
     * as with kill -9 after the server's 250). Its claim lapses, the sweeper queues the batch again, and the running
     * engine sends it: every recipient gets the notice, the ones the dead instance had already handed over get it a
     * second time with the same Message-ID, and no more than that goes twice.
     */
    @Test
    void aKillBetweenTheServersAcceptanceAndTheStatusWriteResendsWithTheSameMessageIdAndSkipsNobody() throws Exception {
        long run = System.nanoTime();
        List<String> emails = new ArrayList<>();
        // more than one batch (100), so that the bound below is the engine's, not the batch's size
        for (int i = 0; i < 120; i++) {
            emails.add("killed" + i + "." + run + "@example.jp");
        }
        long notice = notice(emails);
        DeliveryStore dying = new DeliveryStore(jdbc) {
            @Override
            public void sent(List<Outcome> outcomes) {
                if (!outcomes.isEmpty()) {
                    throw new Killed();
                }
            }
        };
        DeliveryEngine dead = new DeliveryEngine(dying, messages, smtp, NotificationSettings.defaults());
        List<DeliveryStore.Claimed> claimed = claimAll(notice);
        Throwable crash = null;
        try {
            dead.sendBatch(Lanes.EMERGENCY, claimed);
        } catch (RuntimeException e) {
            crash = e;
        }
        assertThat(crash).as("the dead instance's status write").matches(DeliveryEngineTest::killed);
        // what the server accepted before the "kill", and what the database knows: nothing sent, all still claimed
        List<String> accepted = emails.stream().filter(e -> !TestMailbox.mailsTo(e).isEmpty()).toList();
        // unrecorded at the kill: at most one batch (the "one SMTP session's batch", docs/modules/notification.md)
        assertThat(accepted).isNotEmpty()
            .hasSizeLessThanOrEqualTo(NotificationSettings.defaults().emergency().batch())
            .hasSizeLessThan(emails.size());
        assertThat(statuses(notice).values()).containsOnly("SENDING");
        Map<String, String> firstIds = new java.util.HashMap<>();
        for (String e : accepted) {
            firstIds.put(e, TestMailbox.mailsTo(e).getFirst().getMessageID());
        }

        // the claim's lease runs out; the sweeper queues the batch again and the running engine sends it
        jdbc.sql("""
                update notification_delivery set lease_until = now() - interval '1 second', next_attempt_at = now()
                where notice_id = ? and status = 'SENDING'""").param(notice).update();
        engine.sweep();
        engine.wake(Lanes.EMERGENCY);

        for (String e : emails) {
            TestMailbox.awaitMailsTo(e, accepted.contains(e) ? 2 : 1, Duration.ofSeconds(60));
        }
        awaitStatuses(notice, "SENT", Duration.ofSeconds(30));
        Thread.sleep(500);
        for (String e : emails) {
            List<MimeMessage> got = TestMailbox.mailsTo(e);
            assertThat(got).as(e).hasSize(accepted.contains(e) ? 2 : 1);
            if (accepted.contains(e)) {
                assertThat(got.get(1).getMessageID()).as(e).isEqualTo(firstIds.get(e));
            }
            assertThat(got.getLast().getMessageID()).as(e).isEqualTo(messages.messageId(
                claimed.stream().filter(c -> c.email().equals(e)).findFirst().orElseThrow()));
        }
    }

    /**
     * A worker keeps its SMTP connection from one batch to the next up to the lane's recipients-per-session limit; when
     * the server closed a kept connection between two batches, the next message goes at once over a new one (not after
     * a back-off), and every recipient gets exactly one message.
     */
    @Test
    void aWorkerKeepsItsConnectionAcrossBatchesAndReopensOneTheServerClosed() throws Exception {
        try (SmtpSink sink = new SmtpSink(0)) {
            MailProperties props = new MailProperties();
            props.setHost("127.0.0.1");
            props.setPort(sink.port());
            // batches of 10, at most 25 messages per SMTP session
            NotificationSettings settings = new NotificationSettings(new NotificationSettings.Lane(1, 10, 25, 0, null), null, null,
                List.of(), null, null, null, null);
            DeliveryEngine other = new DeliveryEngine(store, messages, new SmtpConnector(props), settings);
            long run = System.nanoTime();
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                emails.add("kept" + i + "." + run + "@example.jp");
            }
            long notice = notice(emails);
            List<DeliveryStore.Claimed> claimed = claimAll(notice);

            other.sendBatches(Lanes.EMERGENCY, List.of(claimed.subList(0, 10), claimed.subList(10, 20), claimed.subList(20, 30)), () -> { });
            assertThat(sink.count()).isEqualTo(30);
            assertThat(sink.sessions()).as("30 messages, 25 per session, kept across three batches").isEqualTo(2);

            other.sendBatches(Lanes.EMERGENCY, List.of(claimed.subList(30, 40), claimed.subList(40, 50), claimed.subList(50, 60)),
                sink::dropConnections);
            assertThat(sink.count()).isEqualTo(60);
            assertThat(sink.sessions()).as("the server closed the kept connection twice: two new sessions").isEqualTo(2 + 3);
            assertThat(statuses(notice).values()).containsOnly("SENT");
            assertThat(sink.accepted().stream().map(a -> a.recipients().getFirst()).distinct().count()).isEqualTo(60);
        }
    }

    private void awaitStatuses(long notice, String status, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!statuses(notice).values().stream().allMatch(status::equals) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(statuses(notice).values()).containsOnly(status);
    }

    @Test
    void refusalsBounceOrRetryAndACarriersSessionLimitOpensNewSessions() throws Exception {
        try (SmtpSink sink = new SmtpSink(0)) {
            sink.refuseForGood(r -> r.startsWith("gone.")).refuseForNow(r -> r.startsWith("busy."));
            MailProperties props = new MailProperties();
            props.setHost("127.0.0.1");
            props.setPort(sink.port());
            NotificationSettings settings = new NotificationSettings(null, null, null,
                List.of(new NotificationSettings.Carrier(List.of("docomo.ne.jp"), 2, 0)), null, 3, null, null);
            DeliveryEngine other = new DeliveryEngine(store, messages, new SmtpConnector(props), settings);
            long run = System.nanoTime();
            String ok = "ok." + run + "@example.jp";
            String gone = "gone." + run + "@example.jp";
            String busy = "busy." + run + "@example.jp";
            List<String> docomo = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                docomo.add("d" + i + "." + run + "@docomo.ne.jp");
            }
            List<String> all = new ArrayList<>(List.of(ok, gone, busy));
            all.addAll(docomo);
            long notice = notice(all);
            other.sendBatch(Lanes.EMERGENCY, claimAll(notice));

            Map<String, String> s = statuses(notice);
            assertThat(s.get(ok)).isEqualTo("SENT");
            assertThat(s.get(gone)).isEqualTo("BOUNCED");
            assertThat(s.get(busy)).isEqualTo("QUEUED");
            docomo.forEach(d -> assertThat(s.get(d)).isEqualTo("SENT"));
            assertThat(jdbc.sql("select reason from notification_suppression where email = ?").param(gone).query(String.class).single())
                .isEqualTo("BOUNCE");
            var retry = jdbc.sql("""
                    select attempts, error, extract(epoch from next_attempt_at - now()) from notification_delivery
                    where notice_id = ? and email = ?""").params(notice, busy)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getDouble(3)}).single();
            assertThat((int) retry[0]).isEqualTo(1);
            assertThat((String) retry[1]).contains("450");
            assertThat((double) retry[2]).isBetween(5.0, 16.0);
            // 6 accepted; the 5 docomo addresses at most 2 per session: at least 3 sessions
            assertThat(sink.count()).isEqualTo(6);
            assertThat(sink.sessions()).isGreaterThanOrEqualTo(3);
            assertThat(sink.accepted().stream().map(SmtpSink.Accepted::messageId)).allMatch(id -> id.endsWith(".n" + notice + ".machi@demo.machi.example>"));

            // after the last attempt, a delivery refused for now is FAILED
            jdbc.sql("update notification_delivery set attempts = 2, next_attempt_at = now() + interval '1 day' where notice_id = ? and email = ?")
                .params(notice, busy).update();
            var again = jdbc.sql("""
                    update notification_delivery set status = 'SENDING', attempts = attempts + 1 where notice_id = ? and email = ?
                    returning id, notice_id, email, language, attempts""").params(notice, busy)
                .query((rs, n) -> new DeliveryStore.Claimed(rs.getLong(1), rs.getLong(2), null, 0L, "kusei", rs.getString(3),
                    rs.getString(4), rs.getInt(5))).list();
            other.sendBatch(Lanes.EMERGENCY, again);
            assertThat(statuses(notice).get(busy)).isEqualTo("FAILED");

            // a later notice leaves the suppressed address out
            long topicSubscription = jdbc.sql("""
                    insert into notification_subscription (email, language, status, confirmed_at) values (?, 'ja', 'ACTIVE', now())
                    returning id""").param(gone).query(Long.class).single();
            String topic = "sup" + (run % 100000);
            jdbc.sql("insert into notification_topic (code, name_ja, name_en) values (?, '試験', 'Test')").param(topic).update();
            jdbc.sql("insert into notification_subscription_topic (subscription_id, topic_code) values (?, ?)").params(topicSubscription, topic).update();
            long staff = jdbc.sql("select id from account where email = 'staff@demo.machi.example'").query(Long.class).single();
            long later = jdbc.sql("""
                    insert into notification_notice (topic_code, priority, status, title_ja, body_ja, created_by)
                    values (?, 'NORMAL', 'DRAFT', '題', '本文', ?) returning id""").params(topic, staff).query(Long.class).single();
            NoticeRepository repo = new NoticeRepository(jdbc);
            assertThat(repo.release(repo.find(later).orElseThrow(), staff, Lanes.TRANSACTIONAL)).isZero();
            assertThat(repo.find(later).orElseThrow().suppressed()).isEqualTo(1);
        }
    }
}
