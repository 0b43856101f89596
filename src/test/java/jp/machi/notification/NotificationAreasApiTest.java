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

/**
 * GET /api/v1/notification/areas names the 町 in the request's language; the code stays the Japanese name. The
 * topics follow the same language rule.
 */
@MachiTest
class NotificationAreasApiTest {

    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    JsonNode areas(String query, String acceptLanguage) throws Exception {
        return get("/api/v1/notification/areas" + query, acceptLanguage);
    }

    JsonNode get(String pathAndQuery, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(new NotificationApi(port).uri(pathAndQuery))
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

    @Test
    void topicsFollowTheSameLanguageRule() throws Exception {
        JsonNode ja = get("/api/v1/notification/topics", null);
        JsonNode accept = get("/api/v1/notification/topics", "en-GB,en;q=0.9");
        JsonNode lang = get("/api/v1/notification/topics?lang=en", "ja");
        assertThat(accept).hasSameSizeAs(ja).isNotEmpty();
        for (int i = 0; i < ja.size(); i++) {
            assertThat(accept.get(i).get("code")).isEqualTo(ja.get(i).get("code"));
            assertThat(accept.get(i).get("name")).isEqualTo(lang.get(i).get("name"));
        }
        // the demo's 防災気象 topic reads in Japanese by default and in English when the caller prefers English
        assertThat(ja).anySatisfy(t -> assertThat(t.get("name").asString()).contains("防災"));
        assertThat(accept).noneSatisfy(t -> assertThat(t.get("name").asString()).contains("防災"));
    }
}
