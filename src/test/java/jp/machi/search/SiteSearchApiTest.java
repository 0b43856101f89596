package jp.machi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** GET /api/v1/search and the /search page: results, filters, and every kind of bad input (never a 500). */
@MachiTest
class SiteSearchApiTest {

    @Autowired WebApplicationContext context;
    @Autowired SiteSearch search;
    MockMvc mvc;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        search.refresh();
    }

    JsonNode api(String... params) throws Exception {
        var req = get("/api/v1/search");
        for (int i = 0; i < params.length; i += 2) {
            req = req.param(params[i], params[i + 1]);
        }
        return json.readTree(StaffLogin.body(mvc.perform(req).andExpect(status().isOk())));
    }

    JsonNode problem(String expectedParameter, String... params) throws Exception {
        var req = get("/api/v1/search");
        for (int i = 0; i < params.length; i += 2) {
            req = req.param(params[i], params[i + 1]);
        }
        var result = mvc.perform(req).andExpect(status().isBadRequest()).andReturn().getResponse();
        assertThat(result.getContentType()).startsWith("application/problem+json");
        JsonNode body = json.readTree(result.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(body.get("parameter").asText()).isEqualTo(expectedParameter);
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("detail").asText()).doesNotContain("Exception").doesNotContain("lucene");
        return body;
    }

    @Test
    void findsPagesAndFacilitiesInJapaneseAndEnglish() throws Exception {
        JsonNode privacy = api("q", "個人情報");
        assertThat(privacy.get("query").asText()).isEqualTo("個人情報");
        assertThat(privacy.get("total").asLong()).isPositive();
        assertThat(privacy.get("results").findValuesAsText("url")).contains("/privacy");
        JsonNode first = privacy.get("results").get(0);
        assertThat(first.has("type") && first.has("id") && first.has("title") && first.has("snippet")).isTrue();

        JsonNode en = api("q", "accessibility", "lang", "en", "type", "page");
        assertThat(en.get("results").get(0).get("title").asText()).isEqualTo("Accessibility");
        assertThat(en.get("results").findValuesAsText("type")).containsOnly("page");

        JsonNode facilities = api("q", "区民館", "type", "facility", "limit", "3");
        assertThat(facilities.get("results").size()).isBetween(1, 3);
        assertThat(facilities.get("results").findValuesAsText("type")).containsOnly("facility");
        assertThat(facilities.get("results").get(0).get("url").asText()).startsWith("/facilities/");
    }

    @Test
    void badInputIsAProblemNamingTheParameterNeverA500() throws Exception {
        problem("q");
        problem("q", "q", "");
        problem("q", "q", "   \u3000 ");
        problem("q", "q", "\u0000\u0001\u0007");
        problem("q", "q", "あ".repeat(10_000));
        problem("q", "q", "a".repeat(201));
        problem("type", "q", "ごみ", "type", "nonsense");
        problem("limit", "q", "ごみ", "limit", "0");
        problem("limit", "q", "ごみ", "limit", "51");
        problem("limit", "q", "ごみ", "limit", "ten");
        problem("lang", "q", "ごみ", "lang", "fr");
        JsonNode english = problem("q", "q", "", "lang", "en");
        assertThat(english.get("detail").asText()).contains("Enter");
    }

    @Test
    void oddTextGivesSensibleResultsNotErrors() throws Exception {
        for (String q : new String[] {"*", "?", "\"", "AND", "\\", "~", "(", "* ? \" AND \\ ~ (", "title:ごみ",
            "ごみ AND", "\"粗大ごみ", "粗大ごみ~2", "(住民票", "😀", "😀粗大ごみ😀", "ごみ\u0007\u0000収集", "ｺﾞﾐ",
            "gomi ごみ 垃圾 쓰레기", "Москва", "\uD83D", "ﾏｲﾅﾝﾊﾞｰ", "NOT OR", "{!lucene}", "/.*/", "[* TO *]"}) {
            var response = mvc.perform(get("/api/v1/search").param("q", q)).andReturn().getResponse();
            JsonNode r = json.readTree(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
            if (response.getStatus() == 400) {
                // nothing searchable was left (a lone surrogate): the problem names q
                assertThat(r.get("parameter").asText()).as(q).isEqualTo("q");
                continue;
            }
            assertThat(response.getStatus()).as(q).isEqualTo(200);
            assertThat(r.get("total").asLong()).as(q).isNotNegative();
            assertThat(r.get("results").isArray()).as(q).isTrue();
        }
        // control characters are removed as on every request parameter (InputGuard), so this answer is the same as
        // over real HTTP (SiteSearchHttpTest); tabs and line breaks separate words
        assertThat(api("q", "ごみ\u0007\u0000収集").get("query").asText()).isEqualTo("ごみ収集");
        assertThat(api("q", "ごみ\t収集\r\n").get("query").asText()).isEqualTo("ごみ 収集");
    }

    @Test
    void theResultsPageWorksWithoutJavaScriptAndRefusesTooLongQueriesWithA400() throws Exception {
        String page = StaffLogin.body(mvc.perform(get("/search").param("q", "個人情報")).andExpect(status().isOk()));
        assertThat(page).contains("個人情報の取り扱い").contains("<mark>");
        mvc.perform(get("/search")).andExpect(status().isOk());
        String tooLong = StaffLogin.body(mvc.perform(get("/search").param("q", "あ".repeat(10_000)))
            .andExpect(status().isBadRequest()));
        assertThat(tooLong).contains("200文字以内");
        String en = StaffLogin.body(mvc.perform(get("/search").param("q", "privacy").param("lang", "en"))
            .andExpect(status().isOk()));
        assertThat(en).contains("Privacy");
        mvc.perform(get("/search").param("q", "ごみ").param("type", "nonsense")).andExpect(status().isBadRequest());
        mvc.perform(get("/search").param("q", "ごみ").param("page", "x")).andExpect(status().isOk());
        String header = StaffLogin.body(mvc.perform(get("/")).andExpect(status().isOk()));
        assertThat(header).contains("role=\"search\"").contains("action=\"/search\"");
    }
}
