package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.machi.shared.db.EmbeddedPostgresServer;
import jp.machi.support.MachiProcess;
import jp.machi.support.TestMailbox;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The status mail survives a crash between the commit and its listener. The status change becomes a personal notice
 * of the notification module (its listener on {@code ReportStatusChanged}). Machi runs in a child process on its own
 * database; while the test holds a lock on the personal notices' table the listener cannot write the notice, and the
 * process is killed with SIGKILL. The event publication registry still holds the unfinished publication; at the next
 * start it runs the listener again and the reporter gets the mail — once.
 */
class StatusMailCrashTest {

    @Test
    void theStatusMailGoesOutAfterARestartOnce() throws Exception {
        TestMailbox.start();
        EmbeddedPostgres pg = EmbeddedPostgresServer.start(Path.of("target", "crash-test-pg"), true, 0);
        String jdbcUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        Map<String, String> env = Map.of("MACHI_DB_URL", jdbcUrl, "MACHI_DB_USER", "postgres", "MACHI_DB_PASSWORD", "",
            "MACHI_DEMO", "true", "MACHI_SMTP_HOST", TestMailbox.HOST, "MACHI_SMTP_PORT", Integer.toString(TestMailbox.PORT),
            "MACHI_MAIL_RETRY_DELAY", "1s", "LOGGING_LEVEL_ROOT", "WARN", "LOGGING_LEVEL_JP_MACHI", "INFO");
        String reporter = "crash." + System.nanoTime() + "@example.jp";
        long report;
        try (MachiProcess first = new MachiProcess("status-mail-crash-1", env)) {
            first.start(Duration.ofMinutes(3));
            report = sendReport(first, reporter);
            WebSession admin = new WebSession(first.port());
            signInAsAdmin(admin);
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                db.setAutoCommit(false);
                try (Statement lock = db.createStatement()) {
                    // the listener's insert of the personal notice waits behind this lock
                    lock.execute("lock table notification_personal in exclusive mode");
                }
                HttpResponse<String> changed = admin.post("/staff/reports/" + report, "/staff/reports/" + report + "/status",
                    Map.of("status", "IN_PROGRESS", "text", "確認しています"));
                assertThat(changed.statusCode()).as("status change answered").isEqualTo(302);
                awaitWaitingOutboxInsert(jdbcUrl, first);
                first.kill();
                db.rollback();
            }
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                 Statement s = db.createStatement()) {
                assertThat(count(s, "select count(*) from notification_personal where email = '" + reporter + "'"))
                    .as("no notice was written before the kill").isZero();
                assertThat(count(s, "select count(*) from notification_delivery where email = '" + reporter + "'"))
                    .as("no mail was queued before the kill").isZero();
                assertThat(count(s, "select count(*) from event_publication where completion_date is null "
                    + "and event_type like '%ReportStatusChanged'")).as("the unfinished publication is kept").isEqualTo(1);
            }
        }
        assertThat(TestMailbox.mailsTo(reporter)).isEmpty();

        try (MachiProcess second = new MachiProcess("status-mail-crash-2", env)) {
            second.start(Duration.ofMinutes(3));
            var mails = TestMailbox.awaitMailsTo(reporter, 1, Duration.ofSeconds(60));
            assertThat(TestMailbox.text(mails.getFirst())).contains("/reports/" + report);
            // once: a further wait brings no second copy, and the publication is done
            TestMailbox.assertNoMailTo(reporter + ".second", Duration.ofSeconds(1));
            Thread.sleep(3000);
            assertThat(TestMailbox.mailsTo(reporter)).hasSize(1);
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                 Statement s = db.createStatement()) {
                assertThat(count(s, "select count(*) from event_publication where completion_date is null "
                    + "and event_type like '%ReportStatusChanged'")).isZero();
                assertThat(count(s, "select count(*) from notification_personal where email = '" + reporter + "'"))
                    .as("one personal notice").isEqualTo(1);
            }
        }
    }

    /** Waits until the child's listener is blocked on the table lock (so the kill falls between commit and notice). */
    private static void awaitWaitingOutboxInsert(String jdbcUrl, MachiProcess child) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = db.createStatement()) {
            for (int i = 0; i < 240; i++) {
                if (count(s, "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                        + "and query ilike '%insert into notification_personal%'") > 0) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the status listener never tried to write the mail; see " + child.log());
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void signInAsAdmin(WebSession web) throws Exception {
        assertThat(web.signIn("admin@demo.machi.example", "machi-demo-2026")).contains("/login/2fa");
        Matcher code = Pattern.compile("class=\"code-box\">(\\d{6})<").matcher(web.get("/login/2fa").body());
        assertThat(code.find()).as("the demo shows the current code").isTrue();
        HttpResponse<String> r = web.post("/login/2fa", "/login/2fa", Map.of("code", code.group(1)));
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("/login");
    }

    private static long sendReport(MachiProcess machi, String email) throws Exception {
        Map<String, String> form = Map.of("serviceCode", "graffiti", "description", "橋の下に落書き（再起動の試験）",
            "lat", "35.7356", "lon", "139.6516", "email", email);
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(machi.url("/api/v1/reports")))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        assertThat(id.find()).isTrue();
        return Long.parseLong(id.group(1));
    }
}
