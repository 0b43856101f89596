package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.identity.internal.Totp;
import jp.machi.report.ReportPhotoProcessorTest;
import jp.machi.support.MachiTest;
import jp.machi.support.MultipartBody;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The staff photo form over real HTTP (Tomcat's multipart limits are not simulated by MockMvc): the demo admin
 * signs in with password and TOTP, uploads a photo without JavaScript, and a 20-MB upload is a clear 413 page in
 * Japanese (not a CSRF 403, not a 500) with nothing stored.
 */
@MachiTest
class FacilityPhotoHttpTest {

    static final Pattern CSRF_INPUT = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern UPLOAD_ACTION = Pattern.compile("<form class=\"form\" action=\"([^\"]+)\" method=\"post\" enctype=\"multipart/form-data\"");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path.replace("&amp;", "&"));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", "ja").GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postForm(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String csrf(String html) {
        Matcher m = CSRF_INPUT.matcher(html);
        assertThat(m.find()).isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void staffUploadWithoutJavaScriptAndATooLargeFileIsA413Page() throws Exception {
        String id = "photo-http-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into facility (id, name_ja, department_code, address) values (?, '写真HTTP会館', 'bosai-keikaku', '東京都練馬区豊玉北6-12-1（テスト）')").param(id).update();

        String email = URLEncoder.encode("admin@demo.machi.example", StandardCharsets.UTF_8);
        HttpResponse<String> login = postForm("/login", "email=" + email + "&password=machi-demo-2026&_csrf=" + csrf(get("/login").body()));
        assertThat(login.statusCode()).isEqualTo(302);
        // the next TOTP step: a step already used by another test in this JVM is refused, the next one is accepted
        String code = Totp.code("MACHIDEMOSTAFFTOTPSECRETKEY234AB", Totp.step(Instant.now()) + 1);
        HttpResponse<String> second = postForm("/login/2fa", "code=" + code + "&_csrf=" + csrf(get("/login/2fa").body()));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location").orElse("")).doesNotContain("/login");

        HttpResponse<String> page = get("/staff/facilities/" + id + "/photos");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher action = UPLOAD_ACTION.matcher(page.body());
        assertThat(action.find()).isTrue();
        assertThat(action.group(1)).as("no CSRF token in the action URL").doesNotContain("_csrf");
        String token = csrf(page.body().substring(action.start()));

        HttpResponse<String> big = http.send(new MultipartBody().field("_csrf", token).field("altJa", "大きい").field("altEn", "Big")
                .file("photo", "big.jpg", "image/jpeg", new byte[20 * 1024 * 1024]).post(uri(action.group(1))).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("送信されたファイルが大きすぎるため");
        assertThat(jdbc.sql("select count(*) from facility_photo where facility_id = ?").param(id).query(Long.class).single()).isZero();

        HttpResponse<String> ok = http.send(new MultipartBody().field("_csrf", token).field("altJa", "外観").field("altEn", "The building")
                .file("photo", "hall.png", "image/png", ReportPhotoProcessorTest.image("png", 640, 480)).post(uri(action.group(1))).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
        assertThat(jdbc.sql("select alt_en from facility_photo where facility_id = ?").param(id).query(String.class).single())
            .isEqualTo("The building");
        assertThat(get("/facilities/" + id).body()).contains("alt=\"外観\"");
    }
}
