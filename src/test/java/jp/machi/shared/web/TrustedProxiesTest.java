package jp.machi.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16, item 3: the per-address sign-in throttle and the audit log took the client's address from
 * X-Forwarded-For sent by any private address (20 failures from one forged address, then the right password from
 * another), and X-Forwarded-Host from such an address became the host of redirects. Only the proxies in
 * MACHI_TRUSTED_PROXIES count (none by default), and redirects are relative.
 */
@MachiTest
class TrustedProxiesTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aForgedForwardedForFromTheNetworkIsNotTheClientsAddress() throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/login").body());
        assertThat(csrf.find()).isTrue();
        String who = "forged-" + UUID.randomUUID() + "@example.jp";
        String form = "email=" + URLEncoder.encode(who, StandardCharsets.UTF_8) + "&password=wrong-password-here&_csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
            .header("X-Forwarded-For", "203.0.113.77").header("X-Forwarded-Proto", "https")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(302);
        String recorded = jdbc.sql("select remote_address from audit_entry where action = 'identity.login.failure' "
            + "and actor_label = ? order by id desc limit 1").param(who).query(String.class).single();
        assertThat(recorded).isNotEqualTo("203.0.113.77").isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        // nor does X-Forwarded-Proto make the plain request secure
        assertThat(failed.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("Secure"));
    }

    @Test
    void noHeaderSendsARedirectToAnotherHost() throws Exception {
        HttpResponse<String> r = get("/account", "X-Forwarded-Host", "evil.example", "X-Forwarded-For", "10.1.2.3",
            "X-Forwarded-Proto", "https");
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).doesNotContain("evil.example").doesNotContain("https:").startsWith("/login");
    }

    @Test
    void onlyTheConfiguredAddressesAreTrusted() {
        assertThat(TrustedProxies.pattern("")).isEqualTo(TrustedProxies.NOBODY);
        assertThat("10.0.0.5").doesNotMatch(TrustedProxies.pattern(null));
        String p = TrustedProxies.pattern("10.0.0.5, ::1");
        assertThat("10.0.0.5").matches(p);
        assertThat("0:0:0:0:0:0:0:1").matches(p);
        assertThat("10.0.0.50").doesNotMatch(p);
        assertThat("192.168.1.1").doesNotMatch(p);
        assertThatThrownBy(() -> TrustedProxies.pattern("proxy.example")).isInstanceOf(IllegalArgumentException.class);
    }
}
