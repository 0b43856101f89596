package jp.machi.support;

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

/**
 * A browser without a browser, over real HTTP: keeps cookies, does not follow redirects, fills the CSRF token of the
 * form it read. For tests that walk a journey through several modules' pages.
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebSession(int port) {
        this.port = port;
    }

    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with a Bearer token (no cookies matter for the API). */
    public HttpResponse<String> getWithToken(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
            .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the form on a page. */
    public String csrf(String formPage) throws Exception {
        Matcher m = CSRF.matcher(get(formPage).body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on " + formPage);
        }
        return m.group(1);
    }

    /** Posts a form as the browser would after reading {@code formPage}. */
    public HttpResponse<String> post(String formPage, String action, Map<String, String> fields) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(formPage));
        return postRaw(action, all);
    }

    public HttpResponse<String> postRaw(String action, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri(action))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with e-mail and password; answers the redirect's target. */
    public String signIn(String email, String password) throws Exception {
        HttpResponse<String> r = post("/login", "/login", Map.of("email", email, "password", password));
        return r.headers().firstValue("Location").orElse("");
    }
}
