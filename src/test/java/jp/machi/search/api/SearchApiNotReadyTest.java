package jp.machi.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.machi.search.internal.SearchIndex;
import jp.machi.search.internal.SynonymStore;
import jp.machi.shared.web.ApiProblems;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** GET /api/v1/search before the index is first built: a 503 problem with Retry-After, not "0 results". */
@MachiTest
class SearchApiNotReadyTest {

    @Autowired SynonymStore synonyms;
    @Autowired ApiProblems problems;

    @Test
    void answers503NotReadyWithRetryAfterInTheRequestsLanguage() throws Exception {
        try (SearchIndex notBuilt = new SearchIndex(List.of(), synonyms)) {
            var mvc = MockMvcBuilders.standaloneSetup(new SearchApiController(notBuilt))
                .setControllerAdvice(problems).build();
            var ja = mvc.perform(get("/api/v1/search").param("q", "粗大ごみ")).andReturn().getResponse();
            assertThat(ja.getStatus()).isEqualTo(503);
            assertThat(ja.getHeader("Retry-After")).isEqualTo("3");
            assertThat(ja.getContentType()).startsWith("application/problem+json");
            JsonNode body = new ObjectMapper().readTree(ja.getContentAsString(StandardCharsets.UTF_8));
            assertThat(body.get("status").asInt()).isEqualTo(503);
            assertThat(body.get("code").asText()).isEqualTo("not-ready");
            assertThat(body.get("detail").asText()).contains("検索の準備をしています");

            var en = mvc.perform(get("/api/v1/search").param("q", "rubbish").param("lang", "en")
                .header("Accept-Language", "en")).andReturn().getResponse();
            assertThat(en.getStatus()).isEqualTo(503);
            assertThat(en.getContentAsString(StandardCharsets.UTF_8)).contains("The search is getting ready");

            // a bad parameter is still the client's mistake, ready or not
            assertThat(mvc.perform(get("/api/v1/search").param("q", "x").param("lang", "fr")).andReturn()
                .getResponse().getStatus()).isEqualTo(400);
        }
    }
}
