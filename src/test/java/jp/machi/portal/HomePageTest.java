package jp.machi.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@MachiTest
class HomePageTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return get(path, "text/html");
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void homePageNamesTheWardInJapaneseByDefault() throws Exception {
        HttpResponse<String> res = get("/");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("練馬区").contains("lang=\"ja\"").contains("デモンストレーション");
    }

    @Test
    void homePageInEnglish() throws Exception {
        HttpResponse<String> res = get("/?lang=en");
        assertThat(res.body()).contains("Nerima City").contains("lang=\"en\"");
    }

    @Test
    void unknownPageIsAnAccessible404WithAReference() throws Exception {
        HttpResponse<String> res = get("/no-such-page");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).contains("ページが見つかりません").contains("お問い合わせ番号");
    }

    @Test
    void healthIsUpWithoutLogin() throws Exception {
        HttpResponse<String> res = get("/actuator/health", "application/json");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
