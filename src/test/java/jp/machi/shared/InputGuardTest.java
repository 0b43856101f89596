package jp.machi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.machi.support.MachiTest;
import jp.machi.support.MultipartBody;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Over real HTTP (the servlet filters run): NUL and other control characters in any parameter never reach
 * PostgreSQL (they answered 500 before), dates at the edge of LocalDate are a 400, and a stored description has no
 * control characters left.
 */
@MachiTest
class InputGuardTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aNulInQueryParametersIsNoServerError() throws Exception {
        String nul = enc("練馬\u0000\u0001");
        for (String path : new String[] {"/reports?category=" + nul, "/reports?from=" + nul, "/facilities?q=" + nul,
            "/api/v1/facilities?q=" + nul, "/api/v1/reports?category=" + nul, "/holidays?year=" + nul,
            "/api/v1/holidays?year=" + nul, "/open311/v2/requests.json?service_code=" + nul}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path + " " + r.body()).isLessThan(500);
        }
    }

    @Test
    void datesAtTheEdgeOfLocalDateAreA400() throws Exception {
        for (String d : new String[] {"+999999999-12-31", "-999999999-01-01"}) {
            HttpResponse<String> api = get("/api/v1/reports?to=" + enc(d));
            assertThat(api.statusCode()).isEqualTo(400);
            assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(api.body()).contains("\"parameter\":\"to\"");
            assertThat(get("/api/v1/reports?from=" + enc(d)).statusCode()).isEqualTo(400);
            assertThat(get("/reports?to=" + enc(d)).statusCode()).isLessThan(500);
        }
    }

    @Test
    void aReportDescriptionIsStoredWithoutControlCharacters() throws Exception {
        String mark = UUID.randomUUID().toString();
        HttpResponse<String> r = http.send(new MultipartBody().field("serviceCode", "road").field("lat", "35.7356")
                .field("lon", "139.6516").field("email", "nul-" + mark + "@example.com")
                .field("description", "段差\u0000があります\u0007\r\n二行目\u001b " + mark)
                .field("address", "豊玉北\u0000六丁目")
                .post(URI.create("http://127.0.0.1:" + port + "/api/v1/reports")).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var stored = jdbc.sql("select description, address from report where description like ?").param("%" + mark)
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        assertThat(stored[0]).isEqualTo("段差があります\n二行目 " + mark);
        assertThat(stored[1]).isEqualTo("豊玉北六丁目");
    }

    @Test
    void aValueLongerThanAnyFieldIsA400ProblemNamingIt() throws Exception {
        long before = jdbc.sql("select count(*) from report").query(Long.class).single();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("serviceCode=road&lat=35.7356&lon=139.6516&email=long%40example.com"
                    + "&address=" + enc("あ".repeat(10_001)))).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"parameter\":\"address\"").contains("10,000");
        assertThat(jdbc.sql("select count(*) from report").query(Long.class).single()).isEqualTo(before);
    }
}
