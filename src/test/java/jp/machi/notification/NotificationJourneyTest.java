package jp.machi.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.identity.internal.ApiTokenService;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The "done when", over real HTTP and real SMTP (GreenMail): a resident subscribes to 防災気象 for their
 * district without an account (double opt-in: the link opens a page, only its button confirms), staff send an
 * emergency notice with a token and it arrives within seconds with the RFC 8058 headers, one click unsubscribes
 * without cookies, and the notice is on the public page, in the API and in the Atom feed.
 */
@MachiTest
class NotificationJourneyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiTokenService tokens;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    private String status(String email) {
        return jdbc.sql("select status from notification_subscription where email = ? and list_id is null").param(email)
            .query(String.class).optional().orElse("NONE");
    }

    @Test
    void aResidentSubscribesGetsAnEmergencyNoticeWithinSecondsAndUnsubscribesWithOneClick() throws Exception {
        NotificationApi api = new NotificationApi(port);
        String email = "bosai." + System.nanoTime() + "@example.jp";
        HttpResponse<String> accepted = api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": ["bosai"], "areas": ["豊玉北"], "language": "ja"}""".formatted(NotificationApi.q(email)), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        // the confirmation mail; opening its link (what a link scanner does) confirms nothing
        MimeMessage confirmation = TestMailbox.awaitMailTo(email);
        assertThat(confirmation.getSubject()).contains("登録の確認");
        String link = TestMailbox.firstLink(TestMailbox.text(confirmation));
        WebSession browser = new WebSession(port);
        HttpResponse<String> page = browser.get(api.local(link));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("防災気象", "豊玉北", "登録する");
        assertThat(status(email)).isEqualTo("PENDING");
        HttpResponse<String> confirmed = browser.post(api.local(link), api.local(link), Map.of());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("登録しました");
        assertThat(status(email)).isEqualTo("ACTIVE");

        // staff on duty send an emergency notice for 豊玉北 with their token
        String token = NotificationApi.staffToken(tokens, jdbc);
        String title = "避難指示（試験 " + System.nanoTime() + "）";
        long sentAt = System.nanoTime();
        HttpResponse<String> created = api.post("/api/v1/notices", """
            {"title": %s, "body": "豊玉北の一部に避難指示が出ました。", "topic": "bosai", "areas": ["豊玉北"],
             "priority": "emergency", "language": "ja"}""".formatted(NotificationApi.q(title)), token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = NotificationApi.json(created).get("id").asLong();
        assertThat(NotificationApi.json(created).get("status").asString()).isEqualTo("sending");

        List<MimeMessage> mails = TestMailbox.awaitMailsTo(email, 2, Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - sentAt) / 1e9;
        MimeMessage notice = mails.stream().filter(m -> subject(m).contains(title)).findFirst().orElseThrow();
        assertThat(seconds).as("from send to the mailbox").isLessThan(10);
        assertThat(subject(notice)).startsWith("【緊急・防災気象】");
        String text = TestMailbox.text(notice);
        assertThat(text).contains("豊玉北の一部に避難指示が出ました。", "/notices/" + id, "配信を止める", "登録内容の変更");
        String listUnsubscribe = notice.getHeader("List-Unsubscribe", null);
        assertThat(listUnsubscribe).matches("<http://localhost/api/v1/notification/unsubscribe/[^>]+>");
        assertThat(notice.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(notice.getMessageID()).matches("<\\d+\\.n" + id + "\\.machi@demo\\.machi\\.example>");

        // the notice is public: its page, the API with its delivery counts, the Atom feed of the topic and area
        assertThat(api.get("/notices/" + id, null).body()).contains(title);
        HttpResponse<String> one = api.get("/api/v1/notices/" + id, null);
        assertThat(NotificationApi.json(one).get("recipients").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(NotificationApi.json(one).path("delivery").has("sent")).isTrue();
        assertThat(api.get("/api/v1/notices?topic=bosai&area=" + java.net.URLEncoder.encode("豊玉北", "UTF-8"), null).body()).contains(title);
        HttpResponse<String> feed = api.get("/notices.atom?topic=bosai&area=" + java.net.URLEncoder.encode("豊玉北", "UTF-8"), null);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        assertThat(feed.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"", title, "/notices/" + id);

        // one click, as a mail client does it: no cookie, no CSRF token, no page
        String url = listUnsubscribe.substring(1, listUnsubscribe.length() - 1);
        assertThat(api.oneClick(url).statusCode()).isEqualTo(200);
        assertThat(status(email)).isEqualTo("NONE");
        assertThat(api.oneClick(url).statusCode()).as("idempotent").isEqualTo(200);
        // a GET on the one-click address never unsubscribes: it leads to the page with the button
        assertThat(api.get(api.local(url), null).statusCode()).isEqualTo(303);

        HttpResponse<String> again = api.post("/api/v1/notices", """
            {"title": "二度目の緊急（試験）", "body": "届かないはずです。", "topic": "bosai", "areas": ["豊玉北"],
             "priority": "emergency", "language": "ja"}""", token);
        assertThat(again.statusCode()).isEqualTo(201);
        Thread.sleep(5000);
        assertThat(TestMailbox.mailsTo(email)).as("nothing after unsubscribing").hasSize(2);
    }

    @Test
    void theUnsubscribePageAsksBeforeItUnsubscribes() throws Exception {
        NotificationApi api = new NotificationApi(port);
        String email = "page." + System.nanoTime() + "@example.jp";
        api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": ["bosai", "gomi"], "language": "en"}""".formatted(NotificationApi.q(email)), null);
        String link = TestMailbox.firstLink(TestMailbox.text(TestMailbox.awaitMailTo(email)));
        WebSession browser = new WebSession(port);
        browser.post(api.local(link), api.local(link), Map.of());
        long id = jdbc.sql("select id from notification_subscription where email = ?").param(email).query(Long.class).single();
        // the page behind the text link of a mail: GET shows, POST (with the page's CSRF token) unsubscribes one topic
        String token = tokenFor(id, "u-gomi");
        HttpResponse<String> page = browser.get("/notifications/unsubscribe/" + token + "?lang=en");
        assertThat(page.body()).contains("Stop the mail about", "Waste and recycling");
        assertThat(jdbc.sql("select count(*) from notification_subscription_topic where subscription_id = ?").param(id)
            .query(Long.class).single()).isEqualTo(2);
        HttpResponse<String> done = browser.post("/notifications/unsubscribe/" + token, "/notifications/unsubscribe/" + token, Map.of());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select topic_code from notification_subscription_topic where subscription_id = ?").param(id)
            .query(String.class).list()).containsExactly("bosai");
        // a made-up token is refused
        assertThat(browser.get("/notifications/unsubscribe/" + id + ".u-bosai.AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
    }

    @Autowired
    jp.machi.notification.internal.LinkTokens linkTokens;

    private String tokenFor(long id, String purpose) {
        return linkTokens.token(id, purpose);
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Pattern UNSUBSCRIBE = Pattern.compile("<([^>]+)>");

    static String oneClickUrl(MimeMessage m) {
        Matcher matcher = UNSUBSCRIBE.matcher(header(m, "List-Unsubscribe"));
        return matcher.find() ? matcher.group(1) : null;
    }
}
