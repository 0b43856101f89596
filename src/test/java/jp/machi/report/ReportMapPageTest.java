package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The map on /reports is an enhancement: a named region, external script only, the API carrying the list's filters. */
@MachiTest
class ReportMapPageTest {

    @Autowired WebApplicationContext context;

    @Test
    void listPageHasANamedMapRegionAndPassesItsFiltersToTheApi() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        String page = mvc.perform(get("/reports").param("status", "RESOLVED").param("from", "2026-01-01"))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"report-map\"").contains("role=\"region\"")
            .contains("aria-label=\"公開中のレポートの地図\"")
            .contains("/js/report-map.js").contains("/webjars/leaflet/dist/leaflet.js")
            .contains("/api/v1/reports?status=RESOLVED&amp;from=2026-01-01")
            .contains("https://maps.gsi.go.jp/development/ichiran.html")
            .doesNotContain("style=\"").doesNotContain("<script>");
    }
}
