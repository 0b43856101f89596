package jp.machi.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The site search over a real HTTP port (Tomcat and every servlet filter in the path, which MockMvc skips): a
 * 10,000-character query in kana or kanji is about 90 KB in the URL, and must reach Machi and get Machi's own answer
 * (problem details naming q, the search page's message in ja and en), never Tomcat's HTML page; emoji and control
 * characters give the same answer as {@link SiteSearchApiTest} gets through MockMvc.
 */
@MachiTest
class SiteSearchHttpTest {

    @LocalServerPort int port;
    @Autowired SiteSearch search;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    static final String KANA = "あいうえおかきくけこ".repeat(1_000);
    static final String KANJI = "練馬区役所住民票写交".repeat(1_000);
    static final String EMOJI = "😀".repeat(10_000);

    HttpResponse<String> get(String path, String q, String lang) throws Exception {
        String uri = "http://127.0.0.1:" + port + path + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
            + (lang == null ? "" : "&lang=" + lang);
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept-Language", lang == null ? "ja" : lang)
            .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html,application/xhtml+xml")
            .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode problemNamingQ(HttpResponse<String> r, String lang) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.headers().firstValue("Content-Language").orElse("")).isEqualTo(lang);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("parameter").asText()).isEqualTo("q");
        assertThat(body.get("detail").asText()).doesNotContain("Exception").doesNotContain("Tomcat");
        return body;
    }

    @Test
    void tenThousandKanaOrKanjiReachMachiAndGetAProblemNamingQ() throws Exception {
        assertThat(URLEncoder.encode(KANJI, StandardCharsets.UTF_8).length()).isEqualTo(90_000);
        for (String q : new String[] {KANA, KANJI}) {
            assertThat(problemNamingQ(get("/api/v1/search", q, "ja"), "ja").get("detail").asText())
                .contains("200文字以内");
            assertThat(problemNamingQ(get("/api/v1/search", q, "en"), "en").get("detail").asText())
                .contains("at most 200 characters");
        }
        // 10,000 emoji are 20,000 UTF-16 characters (120 KB in the URL): longer than any value Machi accepts
        JsonNode emoji = problemNamingQ(get("/api/v1/search", EMOJI, "en"), "en");
        assertThat(emoji.get("detail").asText()).contains("10,000");
        problemNamingQ(get("/api/v1/search", EMOJI, "ja"), "ja");
    }

    @Test
    void theSearchPageAnswersTenThousandCharactersWithItsOwnMessageInJapaneseAndEnglish() throws Exception {
        for (String q : new String[] {KANA, KANJI, "😀".repeat(2_000)}) {
            HttpResponse<String> ja = get("/search", q, null);
            assertThat(ja.statusCode()).isEqualTo(400);
            assertThat(ja.headers().firstValue("Content-Type").orElse("")).as(ja.body()).startsWith("text/html");
            assertThat(ja.body()).contains("検索する言葉は200文字以内にしてください。").doesNotContain("Apache Tomcat");
            HttpResponse<String> en = get("/search", q, "en");
            assertThat(en.statusCode()).isEqualTo(400);
            assertThat(en.body()).contains("The words to search for must be at most 200 characters.")
                .doesNotContain("Apache Tomcat");
        }
        // longer than any value Machi accepts: the site's own 400 page, not Tomcat's
        for (String lang : new String[] {"ja", "en"}) {
            HttpResponse<String> r = get("/search", EMOJI, lang);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(r.body()).contains("lang=\"" + lang + "\"").doesNotContain("Apache Tomcat");
        }
    }

    @Test
    void emojiAndControlCharactersGiveTheSameAnswerAsThroughMockMvc() throws Exception {
        search.refresh();
        for (String lang : new String[] {"ja", "en"}) {
            HttpResponse<String> r = get("/api/v1/search", "ごみ\u0007\u0000収集", lang);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json.readTree(r.body()).get("query").asText()).isEqualTo("ごみ収集");
            HttpResponse<String> words = get("/api/v1/search", "ごみ\t収集\r\n", lang);
            assertThat(json.readTree(words.body()).get("query").asText()).isEqualTo("ごみ 収集");
            HttpResponse<String> emoji = get("/api/v1/search", "😀粗大ごみ😀", lang);
            assertThat(emoji.statusCode()).isEqualTo(200);
            assertThat(json.readTree(emoji.body()).get("total").asLong()).isPositive();
            problemNamingQ(get("/api/v1/search", "\u0000\u0001\u0007", lang), lang);

            HttpResponse<String> page = get("/search", "粗大ごみ\u0000\u0007", lang);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<mark>");
        }
        // nothing but control characters: the page's own form (as for an empty box), not an error
        HttpResponse<String> blank = get("/search", "\u0000\u0001\u0007", null);
        assertThat(blank.statusCode()).isEqualTo(200);
    }
}
