package jp.machi.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Late bounces: delivery status notifications (RFC 3464) that a relay sends after it accepted a message are read from
 * an IMAP mailbox (GreenMail's IMAP server) and matched to their delivery by the returned Message-ID or the VERP
 * address; a permanent failure marks the recipient BOUNCED and suppresses the address, a relay giving up for a
 * temporary reason marks it FAILED, a delay or a report whose recipient is not the delivery's changes nothing, other
 * mail is left in the mailbox for a person, and a DSN is read once.
 */
@MachiTest
class BounceReaderTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryStore store;

    @Autowired
    MessageFactory messages;

    @Autowired
    BounceSettings configured;

    /** A sent notice's delivery to {@code email}; returns its id. */
    private long sentDelivery(String email) {
        long staff = jdbc.sql("select id from account where email = 'staff@demo.machi.example'").query(Long.class).single();
        long notice = jdbc.sql("""
                insert into notification_notice (topic_code, priority, status, title_ja, body_ja, created_by, released_at, recipients)
                values ('kusei', 'NORMAL', 'SENT', '不達試験', '不達の試験です。', ?, now(), 1) returning id""")
            .param(staff).query(Long.class).single();
        return jdbc.sql("""
                insert into notification_delivery (notice_id, subscription_id, topic_code, lane, email, language, status, attempts, sent_at)
                values (?, 0, 'kusei', 1, ?, 'ja', 'SENT', 1, now()) returning id""").params(notice, email).query(Long.class).single();
    }

    private String messageIdOf(long delivery) {
        var d = store.find(delivery).orElseThrow();
        return messages.messageId(new DeliveryStore.Claimed(d.id(), Long.parseLong(d.origin().substring(1)), null, 0L, "kusei",
            d.email(), "ja", 1));
    }

    private String status(long delivery) {
        return store.find(delivery).orElseThrow().status();
    }

    private boolean suppressed(String email) {
        return store.suppressed(email);
    }

    /** A DSN as a relay (Postfix-like) writes it; {@code returned} is the Message-ID in the returned headers, or null. */
    private static String dsn(String to, String recipient, String action, String status, String returned) {
        String headers = returned == null ? "" : """
            --BOUNDARY
            Content-Type: text/rfc822-headers

            From: no-reply@demo.machi.example
            To: %s
            Subject: =?UTF-8?B?5LiN6YGU6Kmm6aiT?=
            Message-ID: %s

            """.formatted(recipient, returned);
        return """
            From: MAILER-DAEMON@relay.example.jp (Mail Delivery System)
            To: %s
            Subject: Undelivered Mail Returned to Sender
            Date: Mon, 7 Dec 2026 10:00:00 +0900
            Message-ID: <%d.dsn@relay.example.jp>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="BOUNDARY"

            --BOUNDARY
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host relay.example.jp.
            I'm sorry to have to inform you that your message could not be delivered.

            --BOUNDARY
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.example.jp
            Arrival-Date: Mon, 7 Dec 2026 09:59:58 +0900

            Final-Recipient: rfc822; %s
            Original-Recipient: rfc822;%s
            Action: %s
            Status: %s
            Diagnostic-Code: smtp; %s <%s>: test answer

            %s--BOUNDARY--
            """.formatted(to, System.nanoTime(), recipient, recipient, action, status,
            status.startsWith("5") ? "550 " + status : "451 " + status, recipient, headers).replace("\n", "\r\n");
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void theReaderIsOffByDefault() {
        assertThat(configured.enabled()).isFalse();
        assertThat(configured.active()).isFalse();
        assertThat(configured.protocol()).isEqualTo("imaps");
        assertThat(configured.interval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void lateBouncesFromTheImapMailboxBounceOrFailTheirDeliveryAndSuppressTheAddressOnce() throws Exception {
        long run = System.nanoTime();
        String gone = "gone." + run + "@example.jp";
        String full = "full." + run + "@example.jp";
        String late = "late." + run + "@example.jp";
        String expired = "expired." + run + "@example.jp";
        String forged = "forged." + run + "@example.jp";
        long byMessageId = sentDelivery(gone);
        long byVerp = sentDelivery(full);
        long delayed = sentDelivery(late);
        long temporary = sentDelivery(expired);
        long notHis = sentDelivery(forged);

        GreenMail imap = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        try {
            String password = "pw-" + run;
            GreenMailUser box = imap.setUser("bounce@bounce.example.jp", "bounce", password);
            box.deliver(parse(dsn("bounce@bounce.example.jp", gone, "failed", "5.1.1", messageIdOf(byMessageId))));
            box.deliver(parse(dsn("bounce+" + byVerp + "@bounce.example.jp", full, "failed", "5.2.2", null)));
            box.deliver(parse(dsn("bounce@bounce.example.jp", late, "delayed", "4.4.1", messageIdOf(delayed))));
            box.deliver(parse(dsn("bounce@bounce.example.jp", expired, "failed", "4.4.7", messageIdOf(temporary))));
            // a report naming another address than the delivery's (forged, or about another message): nothing happens
            box.deliver(parse(dsn("bounce@bounce.example.jp", "someone-else." + run + "@example.jp", "failed", "5.1.1",
                messageIdOf(notHis))));
            box.deliver(parse("""
                From: resident@example.jp
                To: bounce@bounce.example.jp
                Subject: How do I stop the mail?
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                Please stop.
                """.replace("\n", "\r\n")));

            BounceReader reader = new BounceReader(new BounceSettings(true, "127.0.0.1", imap.getImap().getPort(), "imap", "bounce",
                password, null, null, null), store);
            BounceReader.Result result = reader.read();

            assertThat(result.read()).isEqualTo(5);
            assertThat(result.bounced()).isEqualTo(2);
            assertThat(result.failed()).isEqualTo(1);
            assertThat(status(byMessageId)).isEqualTo("BOUNCED");
            assertThat(status(byVerp)).isEqualTo("BOUNCED");
            assertThat(suppressed(gone)).isTrue();
            assertThat(suppressed(full)).isTrue();
            assertThat(jdbc.sql("select reason from notification_suppression where email = ?").param(gone).query(String.class).single())
                .isEqualTo("BOUNCE");
            assertThat(jdbc.sql("select error from notification_delivery where id = ?").param(byMessageId).query(String.class).single())
                .contains("5.1.1");
            assertThat(status(delayed)).isEqualTo("SENT");
            assertThat(suppressed(late)).isFalse();
            assertThat(status(temporary)).isEqualTo("FAILED");
            assertThat(suppressed(expired)).isFalse();
            assertThat(status(notHis)).isEqualTo("SENT");
            assertThat(suppressed(forged)).isFalse();

            // the DSNs are gone from the mailbox; the resident's mail is left, marked read; a second reading does nothing
            Session session = Session.getInstance(new Properties());
            try (Store s = session.getStore("imap")) {
                s.connect("127.0.0.1", imap.getImap().getPort(), "bounce", password);
                Folder inbox = s.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] left = inbox.getMessages();
                assertThat(left).hasSize(1);
                assertThat(left[0].getSubject()).isEqualTo("How do I stop the mail?");
                assertThat(left[0].isSet(Flags.Flag.SEEN)).isTrue();
                inbox.close(false);
            }
            assertThat(reader.read()).isEqualTo(new BounceReader.Result(0, 0, 0, 0));
        } finally {
            imap.stop();
        }
    }

    @Test
    void aDsnIsParsedFromItsDeliveryStatusPart() throws Exception {
        BounceReader.Dsn dsn = BounceReader.parse(parse(dsn("bounce+42@bounce.example.jp", "a@example.jp", "failed", "5.1.1",
            "<42.n7.machi@demo.machi.example>")));
        assertThat(dsn.deliveryId()).isEqualTo(42L);
        assertThat(dsn.noticeOrPersonal()).isEqualTo("n7");
        assertThat(dsn.reports()).containsExactly(new BounceReader.Report("a@example.jp", "failed", "5.1.1",
            "smtp; 550 5.1.1 <a@example.jp>: test answer"));
        assertThat(BounceReader.parse(parse("From: a@example.jp\r\nSubject: x\r\n\r\nhello\r\n"))).isNull();
    }
}
