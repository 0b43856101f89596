package jp.machi.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import jp.machi.identity.internal.ApiTokenService;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The bad inputs the issue lists, through the API: each is a 4xx RFC 9457 problem naming the parameter, nothing is
 * stored, and no answer tells whether an address is subscribed.
 */
@MachiTest
class NotificationBadInputTest {

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

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private void assertProblem(HttpResponse<String> r, int status, String parameter) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = NotificationApi.json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("parameter").asString()).isEqualTo(parameter);
        assertThat(p.get("detail").asString()).isNotBlank();
    }

    @Test
    void badSubscriptionsAreRefusedWithProblemDetailsAndNothingStored() throws Exception {
        NotificationApi api = new NotificationApi(port);
        long before = count("notification_subscription");
        String email = "bad." + System.nanoTime() + "@example.jp";
        assertProblem(api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": ["no-such-topic"]}""".formatted(NotificationApi.q(email)), null), 400, "topics");
        assertProblem(api.post("/api/v1/subscriptions", """
            {"email": "not an address", "topics": ["bosai"]}""", null), 400, "email");
        assertProblem(api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": ["bosai", "bosai"]}""".formatted(NotificationApi.q(email)), null), 400, "topics");
        assertProblem(api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": ["bosai"], "areas": ["どこでもない町"]}""".formatted(NotificationApi.q(email)), null), 400, "areas");
        assertProblem(api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": ["bosai"], "near": {"lat": 35.0, "lon": 135.0, "radiusMeters": 1000}}""".formatted(NotificationApi.q(email)), null),
            400, "near");
        assertProblem(api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": "bosai"}""".formatted(NotificationApi.q(email)), null), 400, "topics");
        assertProblem(api.post("/api/v1/subscriptions", "{not json", null), 400, "body");
        assertProblem(api.post("/api/v1/subscriptions", """
            {"email": %s, "topics": ["bosai"], "language": "fr"}""".formatted(NotificationApi.q(email)), null), 400, "language");
        // the message is in the caller's language
        HttpResponse<String> english = api.post("/api/v1/subscriptions?lang=en", """
            {"email": "nope", "topics": ["bosai"]}""", null);
        assertThat(NotificationApi.json(english).get("detail").asString()).contains("e-mail address");
        assertThat(count("notification_subscription")).isEqualTo(before);
        assertThat(TestMailbox.mailsTo(email)).isEmpty();
    }

    @Test
    void aDuplicateSubscriptionAnswersExactlyLikeANewOneAndOnlyTheOwnerLearnsOfIt() throws Exception {
        NotificationApi api = new NotificationApi(port);
        String email = "dup." + System.nanoTime() + "@example.jp";
        String body = """
            {"email": %s, "topics": ["kusei"], "language": "ja"}""".formatted(NotificationApi.q(email));
        HttpResponse<String> first = api.post("/api/v1/subscriptions", body, null);
        String link = TestMailbox.firstLink(TestMailbox.text(TestMailbox.awaitMailTo(email)));
        new jp.machi.support.WebSession(port).post(api.local(link), api.local(link), java.util.Map.of());
        long rows = count("notification_subscription");
        // a second request right away: same answer, nothing stored, no second mail (one mail per address per 10 minutes)
        HttpResponse<String> second = api.post("/api/v1/subscriptions", body, null);
        assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(count("notification_subscription")).isEqualTo(rows);
        Thread.sleep(2000);
        assertThat(TestMailbox.mailsTo(email)).hasSize(1);
        // after the interval, the owner (not the caller) is told: a mail with the preference page, nothing changed
        jdbc.sql("update notification_subscription set mailed_at = now() - interval '1 hour' where email = ?").param(email).update();
        HttpResponse<String> third = api.post("/api/v1/subscriptions", body, null);
        assertThat(third.body()).isEqualTo(first.body());
        var mails = TestMailbox.awaitMailsTo(email, 2, java.time.Duration.ofSeconds(20));
        assertThat(NotificationJourneyTest.subject(mails.get(1))).contains("すでに登録されています");
        assertThat(TestMailbox.text(mails.get(1))).contains("/notifications/manage/");
        assertThat(count("notification_subscription")).isEqualTo(rows);
    }

    @Test
    void badNoticesAreRefusedAndNothingIsStored() throws Exception {
        NotificationApi api = new NotificationApi(port);
        String token = NotificationApi.staffToken(tokens, jdbc);
        long notices = count("notification_notice");
        long deliveries = count("notification_delivery");
        assertProblem(api.post("/api/v1/notices", """
            {"title": %s, "body": "本文", "topic": "bosai", "areas": ["豊玉北"], "priority": "normal"}""".formatted(NotificationApi.q("長".repeat(10_000))), token),
            400, "title");
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "nothing", "areas": [], "priority": "normal"}""", token), 400, "topic");
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "bosai", "areas": ["火星"], "priority": "normal"}""", token), 400, "areas");
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "bosai", "areas": ["豊玉北"], "priority": "urgent"}""", token), 400, "priority");
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "bosai", "areas": ["豊玉北"], "priority": "normal", "expiresAt": "yesterday"}""", token),
            400, "expiresAt");
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "bosai", "areas": ["豊玉北"], "priority": "emergency", "scheduledAt": "2099-01-01T09:00:00+09:00"}""", token),
            400, "scheduledAt");
        // no token, a resident's token, a staff member who is not a sender
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "bosai", "priority": "normal"}""", null), 401, "Authorization");
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "bosai", "priority": "normal"}""", "demo-resident-token"), 403, "Authorization");
        long auditor = jdbc.sql("select id from account where email = 'auditor@demo.machi.example'").query(Long.class).single();
        String auditorToken = tokens.create(auditor, "not a sender", java.util.List.of("notices:send"), java.time.Duration.ofDays(1));
        assertProblem(api.post("/api/v1/notices", """
            {"title": "題", "body": "本文", "topic": "bosai", "areas": ["豊玉北"], "priority": "emergency"}""", auditorToken), 403, "Authorization");
        assertThat(count("notification_notice")).isEqualTo(notices);
        assertThat(count("notification_delivery")).isEqualTo(deliveries);
        // a notice that does not exist, or is not public, is a 404 problem
        assertProblem(api.get("/api/v1/notices/999999999", null), 404, "id");
        assertProblem(api.get("/api/v1/notices/abc", null), 404, "id");
        assertProblem(api.get("/api/v1/notices?topic=nothing", null), 400, "topic");
        assertProblem(api.get("/notices.atom?area=%E7%81%AB%E6%98%9F", null), 400, "area");
    }

    @Test
    void anotherPersonsSubscriptionIsNotFoundLikeOneThatDoesNotExist() throws Exception {
        NotificationApi api = new NotificationApi(port);
        long other = jdbc.sql("select min(id) from notification_subscription where account_id is null").query(Long.class).single();
        long rows = count("notification_subscription");
        HttpResponse<String> theirs = api.get("/api/v1/subscriptions/" + other, "demo-resident-token");
        HttpResponse<String> none = api.get("/api/v1/subscriptions/999999999", "demo-resident-token");
        assertProblem(theirs, 404, "id");
        assertThat(NotificationApi.json(theirs).get("detail").asString()).isEqualTo(NotificationApi.json(none).get("detail").asString());
        assertProblem(api.delete("/api/v1/subscriptions/" + other, "demo-resident-token"), 404, "id");
        assertThat(count("notification_subscription")).isEqualTo(rows);
        assertProblem(api.get("/api/v1/subscriptions", null), 401, "Authorization");
        // the resident's own subscription (the demo's 防災気象 for 豊玉北) is theirs to read
        HttpResponse<String> mine = api.get("/api/v1/subscriptions", "demo-resident-token");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("bosai", "豊玉北");
        // a forged one-click token changes nothing
        assertProblem(api.oneClickRaw("/api/v1/notification/unsubscribe/" + other + ".u-bosai.AAAAAAAAAAAAAAAAAAAAAA"), 404, "token");
        assertThat(count("notification_subscription")).isEqualTo(rows);
    }
}
