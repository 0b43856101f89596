package jp.machi.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.machi.mail.internal.MailSettings;
import jp.machi.mail.internal.MailTemplates;
import jp.machi.mail.internal.Outbox;
import jp.machi.mail.internal.OutboxDelivery;
import jp.machi.mail.internal.OutboxMail;
import jp.machi.mail.internal.OutboxMailer;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import jp.machi.ward.WardProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Mail through the port, over real SMTP to GreenMail, and what the outbox keeps. */
@MachiTest
class MailDeliveryTest {

    @Autowired Mailer mailer;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    @Autowired OutboxDelivery delivery;
    @Autowired MailTemplates templates;
    @Autowired MailSettings settings;
    @Autowired WardProfile ward;
    @Autowired jp.machi.shared.DemoMode demo;

    @BeforeAll
    static void smtpServer() {
        TestMailbox.start();
    }

    static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    static Map<String, Object> message(String subject, String text, String link) {
        Map<String, Object> model = new HashMap<>();
        model.put("subject", subject);
        model.put("text", text);
        if (link != null) {
            model.put("link", link);
        }
        return model;
    }

    void sendCommitted(Mailer via, String to, Locale locale, Map<String, Object> model) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> via.send(to, "mail/message", locale, model));
    }

    long rowsTo(String recipient) {
        return jdbc.sql("select count(*) from mail_outbox where recipient = :r").param("r", recipient).query(Long.class).single();
    }

    OutboxMail rowTo(String recipient) {
        long id = jdbc.sql("select id from mail_outbox where recipient = :r").param("r", recipient).query(Long.class).single();
        return outbox.find(id).orElseThrow();
    }

    OutboxMail awaitRow(String recipient, java.util.function.Predicate<OutboxMail> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        OutboxMail row = rowTo(recipient);
        while (!condition.test(row) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            row = rowTo(recipient);
        }
        return row;
    }

    @Test
    void aCommittedMailArrivesOverSmtpInJapanese() throws Exception {
        String to = address("taro");
        sendCommitted(mailer, to, Locale.JAPANESE,
            message("メールアドレスの確認", "次のリンクを開いて、登録を完了してください。", "http://localhost/register/verify?token=abc"));

        MimeMessage mail = TestMailbox.awaitMailTo(to);
        assertThat(mail.getSubject()).isEqualTo("【練馬区】メールアドレスの確認");
        assertThat(mail.getHeader("Subject")[0]).as("encoded on the wire").startsWith("=?UTF-8?");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(settings.from());
        assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getHeader("Content-Language")).containsExactly("ja");
        assertThat(TestMailbox.text(mail))
            .contains("次のリンクを開いて、登録を完了してください。")
            .contains("http://localhost/register/verify?token=abc")
            .contains("練馬区 デジタル区役所")
            .contains("返信はできません");

        OutboxMail row = awaitRow(to, r -> r.status() == OutboxMail.Status.SENT);
        assertThat(row.status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.sentAt()).isNotNull();
        assertThat(row.language()).isEqualTo("ja");
        assertThat(row.body()).isEqualTo(TestMailbox.text(mail).replace("\r\n", "\n"))
            .startsWith("次のリンクを開いて、登録を完了してください。\n\nhttp://localhost/register/verify?token=abc\n\nこのメールは")
            .endsWith("--\n練馬区 デジタル区役所\nhttp://localhost/\n");
    }

    @Test
    void anEnglishRecipientGetsTheEnglishTemplate() throws Exception {
        String to = address("anna");
        sendCommitted(mailer, to, Locale.ENGLISH, message("Confirm your e-mail address", "Open the link below.", null));

        MimeMessage mail = TestMailbox.awaitMailTo(to);
        assertThat(mail.getSubject()).isEqualTo("Nerima City: Confirm your e-mail address");
        assertThat(mail.getHeader("Content-Language")).containsExactly("en");
        assertThat(TestMailbox.text(mail)).contains("Open the link below.").contains("Nerima City Digital Ward Office")
            .doesNotContain("練馬区");
    }

    @Test
    void anyOtherLanguageGetsJapanese() {
        String to = address("pierre");
        sendCommitted(mailer, to, Locale.FRENCH, message("確認", "本文", null));
        MimeMessage mail = TestMailbox.awaitMailTo(to);
        assertThat(TestMailbox.text(mail)).contains("練馬区 デジタル区役所");
        assertThat(rowTo(to).language()).isEqualTo("ja");
    }

    @Test
    void aRolledBackTransactionSendsNothingAndLeavesNoRow() {
        String to = address("rollback");
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            mailer.send(to, "mail/message", Locale.JAPANESE, message("件名", "本文", null));
            assertThat(rowsTo(to)).as("written in the caller's transaction").isEqualTo(1);
            s.setRollbackOnly();
        });
        String failing = address("exception");
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            mailer.send(failing, "mail/message", Locale.JAPANESE, message("件名", "本文", null));
            throw new IllegalStateException("the action fails after queueing its mail");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(rowsTo(to)).isZero();
        assertThat(rowsTo(failing)).isZero();
        TestMailbox.assertNoMailTo(to, Duration.ofSeconds(2));
        TestMailbox.assertNoMailTo(failing, Duration.ZERO);
    }

    @Test
    void aBadAddressIsRefusedAndNothingIsStored() {
        for (String bad : new String[] {"", "   ", "not-an-address", "a@", "@example.com", "a b@example.com",
            "Alice <alice@example.com>", "a@example.com, b@example.com", "a@example.com\r\nBcc: evil@example.com",
            "a@example.com\nBcc: evil@example.com"}) {
            assertThatThrownBy(() -> sendCommitted(mailer, bad, Locale.JAPANESE, message("件名", "本文", null)))
                .as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThat(rowsTo(bad)).isZero();
        }
        assertThatThrownBy(() -> mailer.send(null, "mail/message", Locale.JAPANESE, Map.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineBreakInTheSubjectIsRefusedAndNothingIsStored() {
        for (String subject : new String[] {"Hello\r\nBcc: evil@example.com", "Hello\nBcc: evil@example.com",
            "Hello\rBcc: evil@example.com", "Hello\n\nA new body"}) {
            String to = address("inject");
            assertThatThrownBy(() -> sendCommitted(mailer, to, Locale.ENGLISH, message(subject, "body", null)))
                .as(subject).isInstanceOf(IllegalArgumentException.class);
            assertThat(rowsTo(to)).isZero();
        }
    }

    @Test
    void anUnknownTemplateIsRefused() {
        String to = address("template");
        assertThatThrownBy(() -> mailer.send(to, "mail/no-such-template", Locale.JAPANESE, Map.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-template");
        assertThatThrownBy(() -> mailer.send(to, "../layout/page", Locale.JAPANESE, Map.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(rowsTo(to)).isZero();
    }

    /** An SMTP client for a port where nothing listens: the server is down. */
    static JavaMailSenderImpl smtpDown() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        return sender;
    }

    @Test
    void whenSmtpIsDownTheMailStaysQueuedAndIsDeliveredOnRetry() throws Exception {
        OutboxDelivery down = new OutboxDelivery(outbox, smtpDown(), settings);
        try {
            Mailer mailerWithSmtpDown = new OutboxMailer(templates, outbox, down, settings, ward, demo);
            String to = address("retry");
            Instant before = Instant.now();
            sendCommitted(mailerWithSmtpDown, to, Locale.JAPANESE, message("再送のテスト", "本文", null));

            OutboxMail failed = awaitRow(to, r -> r.attempts() == 1 && r.lastError() != null);
            Instant after = Instant.now();
            assertThat(failed.status()).isEqualTo(OutboxMail.Status.QUEUED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).contains("Connect");
            assertThat(failed.nextAttemptAt()).as("first retry after a minute")
                .isBetween(before.plus(Duration.ofMinutes(1)), after.plus(Duration.ofMinutes(1)));
            TestMailbox.assertNoMailTo(to, Duration.ofMillis(500));

            // the retry job, once the mail is due, with the SMTP server reachable again
            delivery.retryDue(Instant.now().plus(Duration.ofMinutes(2)));

            MimeMessage mail = TestMailbox.awaitMailTo(to);
            assertThat(mail.getSubject()).isEqualTo("【練馬区】再送のテスト");
            OutboxMail sent = rowTo(to);
            assertThat(sent.status()).isEqualTo(OutboxMail.Status.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(sent.lastError()).isNull();
        } finally {
            down.destroy();
        }
    }

    @Test
    void afterEightFailedAttemptsTheMailIsFailed() throws Exception {
        OutboxDelivery down = new OutboxDelivery(outbox, smtpDown(), settings);
        try {
            String to = address("failed");
            long id = outbox.insert(to, "ja", "mail/message", "件名", "本文\n", OutboxMail.Status.QUEUED);
            Instant now = Instant.now();
            assertThat(down.deliver(id, now)).isFalse();
            assertThat(rowTo(to).attempts()).isEqualTo(1);
            assertThat(down.deliver(id, now.plusSeconds(30))).as("not due before its backoff").isFalse();
            assertThat(rowTo(to).attempts()).isEqualTo(1);
            for (int attempt = 2; attempt <= OutboxDelivery.MAX_ATTEMPTS; attempt++) {
                now = now.plus(Duration.ofHours(3));
                down.deliver(id, now);
                assertThat(rowTo(to).attempts()).isEqualTo(attempt);
            }
            OutboxMail failed = rowTo(to);
            assertThat(failed.status()).isEqualTo(OutboxMail.Status.FAILED);
            assertThat(failed.nextAttemptAt()).isNull();
            assertThat(failed.lastError()).isNotBlank();
            assertThat(down.deliver(id, now.plus(Duration.ofDays(1)))).isFalse();
            assertThat(rowTo(to).attempts()).isEqualTo(OutboxDelivery.MAX_ATTEMPTS);
        } finally {
            down.destroy();
        }
    }

    @Test
    void backoffDoublesFromOneMinuteUpToTwoHours() {
        assertThat(OutboxDelivery.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxDelivery.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(OutboxDelivery.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(OutboxDelivery.backoff(7)).isEqualTo(Duration.ofMinutes(64));
        assertThat(OutboxDelivery.backoff(8)).isEqualTo(Duration.ofHours(2));
        assertThat(OutboxDelivery.backoff(100)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void withoutSmtpTheMailIsKeptInTheOutboxAndNotSent() throws Exception {
        MailSettings noSmtp = new MailSettings(settings.from(), settings.baseUrl(), MailSettings.smtpConfigured("  "),
            settings.retention());
        assertThat(noSmtp.smtpConfigured()).isFalse();
        OutboxDelivery none = new OutboxDelivery(outbox, null, noSmtp);
        try {
            Mailer demoMailer = new OutboxMailer(templates, outbox, none, noSmtp, ward, demo);
            String to = address("demo");
            sendCommitted(demoMailer, to, Locale.JAPANESE, message("デモ", "リンク: http://localhost/x", null));

            OutboxMail kept = rowTo(to);
            assertThat(kept.status()).isEqualTo(OutboxMail.Status.KEPT);
            assertThat(kept.subject()).isEqualTo("【練馬区】デモ");
            assertThat(kept.body()).contains("リンク: http://localhost/x");
            // the retry job only looks at QUEUED mail
            delivery.retryDue(Instant.now().plus(Duration.ofDays(1)));
            TestMailbox.assertNoMailTo(to, Duration.ofSeconds(1));
            assertThat(rowTo(to).status()).isEqualTo(OutboxMail.Status.KEPT);
        } finally {
            none.destroy();
        }
    }

    @Test
    void theRetentionJobDeletesMailOlderThanThirtyDays() {
        String old = address("old");
        String recent = address("recent");
        outbox.insert(old, "ja", "mail/message", "古い", "本文\n", OutboxMail.Status.KEPT);
        outbox.insert(recent, "ja", "mail/message", "新しい", "本文\n", OutboxMail.Status.KEPT);
        jdbc.sql("update mail_outbox set created_at = now() - interval '31 days' where recipient = :r").param("r", old).update();

        delivery.deleteOld();

        assertThat(rowsTo(old)).isZero();
        assertThat(rowsTo(recent)).isEqualTo(1);
    }
}
