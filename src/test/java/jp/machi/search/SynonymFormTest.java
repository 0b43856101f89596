package jp.machi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import jp.machi.search.internal.SynonymStore;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * The synonyms form tells staff which stored lines the search leaves out and why (in ja and en), and refuses to save
 * a line the search could not use, naming the word at fault.
 */
@MachiTest
class SynonymFormTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired SynonymStore store;
    MockMvc mvc;
    RequestPostProcessor staff;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        staff = StaffLogin.staff(jdbc);
    }

    @Test
    void aStoredLineTheSearchCannotUseIsNamedWithItsReason() throws Exception {
        // a line written before the form checked it (by SQL, an import or an older version): 「の」 is only a particle
        long bad = store.insert(List.of("の", "区民館の受付"), 0);
        long twoLess = store.insert(List.of("一語だけの行"), 0);
        try {
            String ja = StaffLogin.body(mvc.perform(get("/staff/search/synonyms").with(staff)
                .header("Accept-Language", "ja")).andExpect(status().isOk()));
            assertThat(ja).contains("検索に使われていない行があります")
                .contains("href=\"#terms-" + bad + "\"").contains("「の, 区民館の受付」：「の」は検索に使える言葉になりません")
                .contains("href=\"#terms-" + twoLess + "\"").contains("同じ意味の言葉を2語以上")
                .contains("id=\"terms-" + bad + "-unused\"").contains("aria-describedby=\"terms-" + bad + "-unused\"")
                .doesNotContain("search.synonyms.");
            String en = StaffLogin.body(mvc.perform(get("/staff/search/synonyms").param("lang", "en").with(staff)
                .header("Accept-Language", "en")).andExpect(status().isOk()));
            assertThat(en).contains("Some lines are not used by the search")
                .contains("&quot;の, 区民館の受付&quot;: &quot;の&quot; gives no searchable word") // as Thymeleaf escapes it
                .contains("Not used by the search: ");

            // saving another line: the page it returns to still names the unused ones
            String terms = "保健所" + System.nanoTime() % 10_000 + ", 保健センター";
            var flash = mvc.perform(post("/staff/search/synonyms").param("terms", terms).with(staff).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
            String after = StaffLogin.body(mvc.perform(get("/staff/search/synonyms").with(staff).flashAttrs(flash)
                .header("Accept-Language", "ja")).andExpect(status().isOk()));
            assertThat(after).contains("保存しました").doesNotContain("検索に使われていません：" + terms)
                .contains("href=\"#terms-" + bad + "\"");
            long saved = store.all().stream().filter(s -> s.joined().equals(terms)).findFirst().orElseThrow().id();
            store.delete(saved);

            // correcting the unused line through the form makes it used
            mvc.perform(post("/staff/search/synonyms/" + bad).param("terms", "受付, 窓口").with(staff).with(csrf()))
                .andExpect(status().is3xxRedirection());
            assertThat(SynonymStore.leftOut(store.all())).extracting(l -> l.line().id()).doesNotContain(bad)
                .contains(twoLess);
        } finally {
            store.delete(bad);
            store.delete(twoLess);
        }
    }

    @Test
    void aLineTheSearchCouldNotUseIsRefusedOnSaveNamingTheWord() throws Exception {
        String page = StaffLogin.body(mvc.perform(post("/staff/search/synonyms").param("terms", "粗大ごみ, は")
            .with(staff).with(csrf()).header("Accept-Language", "ja")).andExpect(status().isBadRequest()));
        assertThat(page).contains("「は」は検索に使える言葉になりません").contains("error-summary");
        assertThat(store.all()).noneMatch(s -> s.words().contains("は"));
    }
}
