package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import jp.machi.support.MultipartBody;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The resident's form as a browser without JavaScript uses it, over real HTTP with a real multipart body:
 * form → check your answers → send, with a JPEG; and a 50-MB upload to the form and to Open311.
 */
@MachiTest
class ReportNoScriptHttpTest {

    record Staff(long accountId, String displayName, String email, String preferredLanguage, boolean isStaff)
        implements MachiPrincipal {}

    static final Pattern FORM_ACTION = Pattern.compile("<form class=\"form\" action=\"([^\"]+)\" method=\"post\" enctype=\"multipart/form-data\"");
    static final Pattern CSRF_INPUT = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired WebApplicationContext context;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path.replace("&amp;", "&"));
    }

    long reports() {
        return jdbc.sql("select count(*) from report").query(Long.class).single();
    }

    HttpResponse<String> fetch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", "ja").GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The form's action and its CSRF token, which is a hidden field of the multipart form, never in the URL. */
    String[] form(String path) throws Exception {
        HttpResponse<String> form = fetch(path);
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher m = FORM_ACTION.matcher(form.body());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).as("no CSRF token in the action URL (logs, history)").doesNotContain("_csrf");
        Matcher csrf = CSRF_INPUT.matcher(form.body().substring(m.start()));
        assertThat(csrf.find()).as("the multipart form carries its CSRF token in a hidden field").isTrue();
        return new String[] {m.group(1), csrf.group(1)};
    }

    @Test
    void aResidentWithoutJavaScriptSendsAReportWithAPhotoAndStaffSeeItInTheQueue() throws Exception {
        String description = "歩道の段差（スクリプトなし " + UUID.randomUUID() + "）";
        byte[] jpeg = ReportPhotoProcessorTest.image("jpeg", 800, 600);
        String[] form = form("/reports/new/road");
        String action = form[0];

        HttpResponse<String> sent = http.send(new MultipartBody().field("_csrf", form[1]).field("description", description)
                .field("lat", "35.7356").field("lon", "139.6516").field("district", "").field("address", "")
                .field("email", "noscript@example.com").field("showName", "no")
                .file("photo", "step.jpg", "image/jpeg", jpeg)
                .file("photo", "", "application/octet-stream", new byte[0])
                .post(uri(action)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/reports/new/check");

        HttpResponse<String> check = fetch("/reports/new/check");
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains(description);
        Matcher csrf = CSRF_INPUT.matcher(check.body());
        assertThat(csrf.find()).as("the send form has its CSRF field").isTrue();

        HttpResponse<String> done = http.send(HttpRequest.newBuilder(uri("/reports/new/check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        String location = done.headers().firstValue("Location").orElseThrow();
        Matcher idm = Pattern.compile("/reports/(\\d+)$").matcher(location);
        assertThat(idm.find()).as(location).isTrue();
        long id = Long.parseLong(idm.group(1));

        assertThat(jdbc.sql("select description from report where id = ?").param(id).query(String.class).single())
            .isEqualTo(description);
        assertThat(jdbc.sql("select count(*) from report_photo where report_id = ?").param(id).query(Long.class).single())
            .as("one photo: the empty file input is ignored").isEqualTo(1);
        HttpResponse<String> page = fetch("/reports/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(description);

        long admin = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        var staff = authentication(UsernamePasswordAuthenticationToken.authenticated(
            new Staff(admin, "admin", "admin@demo.machi.example", "ja", true), null,
            List.of(new SimpleGrantedAuthority("ROLE_STAFF"), new SimpleGrantedAuthority("ROLE_DEPT_ADMIN"),
                new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"))));
        var mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        String queue = mvc.perform(get("/staff/reports").with(staff)).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
        assertThat(queue).contains("/staff/reports/" + id + "\"");
    }

    @Test
    void aFiftyMegabyteUploadToTheFormIsAClear413PageAndNothingIsStored() throws Exception {
        long before = reports();
        String[] form = form("/reports/new/road");
        String action = form[0];
        HttpResponse<String> r = http.send(new MultipartBody().field("_csrf", form[1]).field("description", "大きすぎる写真")
                .field("lat", "35.7356").field("lon", "139.6516").field("email", "big@example.com")
                .file("photo", "big.jpg", "image/jpeg", new byte[50 * 1024 * 1024])
                .post(uri(action)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("<h1>送信できませんでした</h1>").contains("送信したファイルが大きすぎます");
        assertThat(reports()).isEqualTo(before);
        assertThat(fetch("/reports/new/check").statusCode()).as("no draft was kept").isEqualTo(302);
    }

    @Test
    void aFiftyMegabyteUploadToOpen311IsAnOpen311Error() throws Exception {
        long before = reports();
        HttpResponse<String> r = http.send(new MultipartBody().field("api_key", "demo-open311-key")
                .field("service_code", "road").field("lat", "35.7356").field("long", "139.6516")
                .field("description", "大きすぎる写真")
                .file("media", "big.jpg", "image/jpeg", new byte[50 * 1024 * 1024])
                .post(uri("/open311/v2/requests.json")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.body()).startsWith("[{\"code\":400,\"description\":\"media: ");
        HttpResponse<String> xml = http.send(new MultipartBody().field("api_key", "demo-open311-key")
                .field("service_code", "road").file("media", "big.jpg", "image/jpeg", new byte[50 * 1024 * 1024])
                .post(uri("/open311/v2/requests.xml")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.body()).contains("<errors><error><code>400</code><description>media: ");
        assertThat(reports()).isEqualTo(before);
    }
}
