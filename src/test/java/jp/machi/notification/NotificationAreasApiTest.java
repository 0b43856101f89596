package jp.machi.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/notification/areas names the 町 in the request's language; the code stays the Japanese name. */
@MachiTest
class NotificationAreasApiTest {

    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    JsonNode areas(String query, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(new NotificationApi(port).uri("/api/v1/notification/areas" + query))
            .header("Accept", "application/json");
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return NotificationApi.JSON.readTree(r.body());
    }

    static JsonNode area(JsonNode list, String code) {
        for (JsonNode a : list) {
            if (a.get("code").asString().equals(code)) {
                return a;
            }
        }
        throw new AssertionError("no area " + code);
    }

    @Test
    void namesInJapaneseByDefaultAndRomanisedInEnglish() throws Exception {
        JsonNode ja = areas("", null);
        assertThat(area(ja, "豊玉北").get("name").asString()).isEqualTo("豊玉北");
        JsonNode en = areas("?lang=en", null);
        assertThat(area(en, "豊玉北").get("name").asString()).isEqualTo("Toyotamakita");
        JsonNode accept = areas("", "en-GB,en;q=0.9");
        assertThat(area(accept, "豊玉北").get("name").asString()).isEqualTo("Toyotamakita");
        assertThat(area(areas("?lang=ja", "en"), "豊玉北").get("name").asString()).isEqualTo("豊玉北"); // lang wins
        // the same areas in the same order, with the same codes, in either language
        List<String> codesJa = new ArrayList<>();
        List<String> codesEn = new ArrayList<>();
        ja.forEach(a -> codesJa.add(a.get("code").asString()));
        en.forEach(a -> codesEn.add(a.get("code").asString()));
        assertThat(codesEn).isEqualTo(codesJa).hasSizeGreaterThan(10);
        // every English name is in Latin letters or, where the ward gives no romanisation, as written
        assertThat(en).allSatisfy(a -> assertThat(a.get("name").asString()).isNotBlank());
        assertThat(en).anySatisfy(a -> assertThat(a.get("name").asString()).matches("[A-Za-z][A-Za-z -]*"));
    }
}
