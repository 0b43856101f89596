package jp.machi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jp.machi.identity.internal.AccountRepository;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Identity over real HTTP: bad input, throttling, tokens, headers, deletion. */
@MachiTest
class IdentityHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountRepository accounts;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    /** A browser-like client: cookies kept, redirects not followed. */
    final class Client {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String path) throws Exception {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(path).body());
            assertThat(m.find()).as("csrf token on " + path).isTrue();
            return m.group(1);
        }

        HttpResponse<String> post(String formPath, String path, Map<String, String> fields) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf(formPath));
            return postRaw(path, all);
        }

        HttpResponse<String> postRaw(String path, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void registrationRefusesBadInputWithMessagesAndStoresNothing() throws Exception {
        Client c = new Client();
        String email = "bad." + System.nanoTime() + "@example.jp";
        HttpResponse<String> r = c.post("/register", "/register", Map.of("email", email, "password", "x".repeat(129),
            "displayName", "あ".repeat(101), "nameKana", "abc", "district", "存在しない町", "language", "fr"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("128文字以内").contains("100文字以内").contains("カタカナまたはひらがな")
            .contains("町名は一覧から選んでください").contains("言語は日本語か英語");
        assertThat(accounts.emailTaken(email)).isFalse();
    }

    @Test
    void formsWithoutCsrfTokenAreRefused() throws Exception {
        HttpResponse<String> r = new Client().postRaw("/register", Map.of("email", "x@example.jp"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> r = new Client().get("/");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void passwordResetByMailWorksOnce() throws Exception {
        Client c = new Client();
        HttpResponse<String> r = c.post("/password/forgot", "/password/forgot", Map.of("email", "nobody@example.jp"));
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/password/forgot/sent");

        String email = "reset." + System.nanoTime() + "@example.jp";
        c.post("/register", "/register", Map.of("email", email, "password", "first passphrase 1",
            "displayName", "再設定 太郎", "language", "ja"));
        TestMailbox.awaitMailTo(email);
        c.post("/password/forgot", "/password/forgot", Map.of("email", email));
        var mails = TestMailbox.awaitMailsTo(email, 2, java.time.Duration.ofSeconds(20));
        String link = TestMailbox.firstLink(TestMailbox.text(mails.get(mails.size() - 1)));
        String token = link.substring(link.indexOf("token=") + 6);
        HttpResponse<String> shortPw = c.post("/password/reset?token=" + token, "/password/reset",
            Map.of("token", token, "password", "short"));
        assertThat(shortPw.statusCode()).isEqualTo(422);
        HttpResponse<String> ok = c.post("/password/reset?token=" + token, "/password/reset",
            Map.of("token", token, "password", "second passphrase 2"));
        assertThat(ok.headers().firstValue("Location").orElseThrow()).endsWith("/login?reset");
        assertThat(new Client().get("/password/reset?token=" + token).statusCode()).isEqualTo(400);

        HttpResponse<String> login = new Client().post("/login", "/login", Map.of("email", email, "password", "second passphrase 2"));
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/account");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccount() throws Exception {
        String email = "lock." + System.nanoTime() + "@example.jp";
        Client c = new Client();
        c.post("/register", "/register", Map.of("email", email, "password", "the right passphrase",
            "displayName", "施錠 花子", "language", "ja"));
        jdbc.sql("update account set email_verified_at = now() where email = ?").param(email).update();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = c.post("/login", "/login", Map.of("email", email, "password", "wrong " + i));
            assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        }
        HttpResponse<String> locked = c.post("/login", "/login", Map.of("email", email, "password", "the right passphrase"));
        assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
        assertThat(c.get("/login?locked").body()).contains("一時的にログインできません");
    }

    @Test
    void bearerTokensActAsThePerson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
            .header("Authorization", "Bearer demo-resident-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"email\":\"resident@demo.machi.example\"").contains("RESIDENT");

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
            .header("Authorization", "Bearer not-a-token-at-all").header("Accept-Language", "en").build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("invalid_token").contains("unknown, revoked");

        HttpResponse<String> staffOnly = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
            .header("Authorization", "Bearer demo-resident-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(staffOnly.statusCode()).isEqualTo(403);
    }

    @Test
    void residentCreatesUsesAndRevokesAToken() throws Exception {
        Client c = new Client();
        HttpResponse<String> login = c.post("/login", "/login", Map.of("email", "resident@demo.machi.example",
            "password", "machi-demo-2026"));
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/account");
        HttpResponse<String> empty = c.post("/account/tokens", "/account/tokens", Map.of("name", " ", "scopes", "resident"));
        assertThat(empty.statusCode()).isEqualTo(422);
        HttpResponse<String> noSuchScope = c.post("/account/tokens", "/account/tokens", Map.of("name", "my script",
            "scopes", "metrics:read"));
        assertThat(noSuchScope.statusCode()).isEqualTo(422);
        assertThat(noSuchScope.body()).contains("選んだ内容には、あなたの権限では作れないものがあります。");
        // with no scope chosen a resident's token acts as the resident
        c.post("/account/tokens", "/account/tokens", Map.of("name", "my script"));
        Matcher m = Pattern.compile("id=\"new-token\">(machi_[^<]+)<").matcher(c.get("/account/tokens").body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        HttpClient http = HttpClient.newHttpClient();
        var req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
            .header("Authorization", "Bearer " + token).build();
        assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        long id = jdbc.sql("select id from api_token where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
            .param(token).query(Long.class).single();
        // Another person's token id: 404, nothing revoked
        Client other = new Client();
        String email = "other." + System.nanoTime() + "@example.jp";
        other.post("/register", "/register", Map.of("email", email, "password", "other passphrase 1",
            "displayName", "他人", "language", "ja"));
        jdbc.sql("update account set email_verified_at = now() where email = ?").param(email).update();
        other.post("/login", "/login", Map.of("email", email, "password", "other passphrase 1"));
        assertThat(other.post("/account/tokens", "/account/tokens/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(404);
        assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        c.post("/account/tokens", "/account/tokens/" + id + "/revoke", Map.of());
        assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void apiWritesIgnoreTheBrowserSession() throws Exception {
        Client c = new Client();
        c.post("/login", "/login", Map.of("email", "resident@demo.machi.example", "password", "machi-demo-2026"));
        assertThat(c.get("/account").statusCode()).isEqualTo(200);
        // A cross-site form could make the browser POST with its cookie: the API treats it as nobody.
        HttpResponse<String> write = c.postRaw("/api/v1/me", Map.of());
        assertThat(write.statusCode()).isIn(401, 405);
        // ... and the session itself is untouched.
        assertThat(c.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void deletingAnAccountErasesThePersonalData() throws Exception {
        String email = "gone." + System.nanoTime() + "@example.jp";
        Client c = new Client();
        c.post("/register", "/register", Map.of("email", email, "password", "delete me please",
            "displayName", "削除 次郎", "nameKana", "サクジョ ジロウ", "district", "練馬", "language", "ja"));
        jdbc.sql("update account set email_verified_at = now() where email = ?").param(email).update();
        long id = jdbc.sql("select id from account where email = ?").param(email).query(Long.class).single();
        c.post("/login", "/login", Map.of("email", email, "password", "delete me please"));
        HttpResponse<String> unconfirmed = c.post("/account/delete", "/account/delete", Map.of("password", "delete me please"));
        assertThat(unconfirmed.statusCode()).isEqualTo(422);
        HttpResponse<String> crafted = c.post("/account/delete", "/account/delete", Map.of("password", "x", "confirm", "maybe"));
        assertThat(crafted.statusCode()).isEqualTo(400);
        HttpResponse<String> wrong = c.post("/account/delete", "/account/delete", Map.of("password", "wrong one", "confirm", "true"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        // a report sent as this resident through the report module's own form (not an insert into its table)
        HttpResponse<String> draft = c.post("/reports/new/road", "/reports/new/road", Map.of("description", "erasure test",
            "lat", "35.7356", "lon", "139.6516", "showName", "yes"));
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(302);
        assertThat(c.post("/reports/new/check", "/reports/new/check", Map.of()).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from report where reporter_account_id = ?").param(id).query(Long.class).single())
            .isEqualTo(1);
        HttpResponse<String> done = c.post("/account/delete", "/account/delete", Map.of("password", "delete me please", "confirm", "true"));
        assertThat(jdbc.sql("select count(*) from report where reporter_email = ? or reporter_account_id = ?").params(email, id)
            .query(Long.class).single()).isZero();
        assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/goodbye");

        // the account is gone, not kept under a placeholder: only the audit log keeps its number
        assertThat(jdbc.sql("select count(*) from account where id = ? or lower(email) = lower(?)").params(id, email)
            .query(Long.class).single()).isZero();
        HttpResponse<String> login = new Client().post("/login", "/login", Map.of("email", email, "password", "delete me please"));
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    }
}
