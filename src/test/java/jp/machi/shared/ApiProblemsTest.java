package jp.machi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every JSON API error is RFC 9457 problem details naming the parameter, in the request's language, never a 500. */
@MachiTest
class ApiProblemsTest {

    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    static void problem(HttpResponse<String> r, int status, String parameter) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"status\":" + status).contains("\"title\":").contains("\"detail\":")
            .contains("\"code\":");
        if (parameter != null) {
            assertThat(r.body()).contains("\"parameter\":\"" + parameter + "\"");
        }
    }

    @Test
    void aBadParameterIsNamedInJapaneseOrEnglish() throws Exception {
        HttpResponse<String> ja = send(request("/api/v1/holidays?year=abc"));
        problem(ja, 400, "year");
        assertThat(ja.headers().firstValue("Content-Language")).hasValue("ja");
        HttpResponse<String> en = send(request("/api/v1/holidays?year=abc").header("Accept-Language", "en-GB,en;q=0.9"));
        problem(en, 400, "year");
        assertThat(en.body()).contains("four digits");
        problem(send(request("/api/v1/facilities?bbox=1,2,x,4")), 400, "bbox");
        problem(send(request("/api/v1/facilities.csv")), 400, "dataset");
        problem(send(request("/api/v1/facilities/no-such-facility")), 404, "id");
    }

    @Test
    void anUnknownContentTypeOrAnUnreadableBodyIsA4xxProblem() throws Exception {
        HttpResponse<String> any = send(request("/api/v1/reports").header("Content-Type", "*/*")
            .POST(HttpRequest.BodyPublishers.ofString("{\"serviceCode\":\"road\"}")));
        assertThat(any.statusCode()).as(any.body()).isBetween(400, 499);
        assertThat(any.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> method = send(request("/api/v1/holidays").DELETE());
        problem(method, 405, null);
        assertThat(method.headers().firstValue("Allow").orElse("")).contains("GET");
        problem(send(request("/api/v1/no-such-thing")), 404, null);
    }
}
