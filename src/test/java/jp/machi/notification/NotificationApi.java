package jp.machi.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jp.machi.identity.internal.ApiTokenService;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: the notification API over real HTTP, and a staff token for the demo staff member. */
final class NotificationApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static String staffToken;

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    NotificationApi(int port) {
        this.port = port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A link from a mail (made with the test profile's base URL, without the port) on this server. */
    String local(String link) {
        return link.replaceFirst("^http://localhost(:\\d+)?", "");
    }

    HttpResponse<String> post(String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .header("Accept", "application/json").header("Accept-Language", "ja")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** What a mail client does for RFC 8058: a POST with only List-Unsubscribe=One-Click, no cookies. */
    HttpResponse<String> oneClick(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(local(url))).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> oneClickRaw(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    /** A personal API token of staff@demo.machi.example (a sender on duty in the demo), made once per JVM. */
    static synchronized String staffToken(ApiTokenService tokens, JdbcClient jdbc) {
        if (staffToken == null) {
            long id = jdbc.sql("select id from account where email = 'staff@demo.machi.example'").query(Long.class).single();
            staffToken = tokens.create(id, "notification tests", java.util.List.of("notices:send"), java.time.Duration.ofDays(1));
        }
        return staffToken;
    }

    static String q(String s) {
        return JSON.writeValueAsString(s);
    }
}
