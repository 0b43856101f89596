package jp.machi.search.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.machi.search.SearchObserver;
import jp.machi.search.SearchPages;
import jp.machi.search.SiteSearch;
import jp.machi.search.internal.SearchIndex;
import jp.machi.search.internal.SynonymStore;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The results page before the index is first built (the first seconds after start): it says the search is getting
 * ready, with a 503 and Retry-After, never "nothing found". The index is a real one that has not been built yet.
 */
@MachiTest
class SearchNotReadyTest {

    @Autowired WebApplicationContext context;
    @Autowired MessageSource messages;
    @Autowired SynonymStore synonyms;
    @Autowired ObjectProvider<SearchObserver> observers;
    @Autowired ThymeleafViewResolver views;
    SearchIndex notBuilt;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        notBuilt = new SearchIndex(List.of(SearchPages.of("test.pages", messages,
            new SearchPages.Page("/privacy", "search.title", "search.more"))), synonyms);
        mvc = MockMvcBuilders.standaloneSetup(new SearchController(notBuilt, messages, observers))
            .setControllerAdvice(context.getBean("shellAdvice"))
            .setViewResolvers((name, locale) -> views.resolveViewName(name, locale)) // the application's templates
            .build();
    }

    @AfterEach
    void close() {
        notBuilt.close();
    }

    @Test
    void thePageSaysTheSearchIsGettingReadyInBothLanguages() throws Exception {
        long start = System.nanoTime();
        var ja = mvc.perform(get("/search").param("q", "粗大ごみ").header("Accept-Language", "ja"))
            .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "3")).andReturn();
        // it waited for the first build a little before giving up
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SiteSearch.FIRST_BUILD_WAIT);
        String page = ja.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("検索の準備をしています").contains("もう一度検索する")
            .doesNotContain("見つかりませんでした").doesNotContain("search.notReady");
        String en = mvc.perform(get("/search").param("q", "rubbish").param("type", "faq")
                .header("Accept-Language", "en"))
            .andExpect(status().isServiceUnavailable()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("The search is getting ready").doesNotContain("Nothing was found")
            .doesNotContain("not known"); // a type filter is not refused before the types are known
        // the form alone (nothing asked) needs no index
        mvc.perform(get("/search")).andExpect(status().isOk());
    }

    @Test
    void aSearchWaitingForTheFirstBuildIsAnsweredWhenItIsDone() throws Exception {
        assertThat(notBuilt.ready(Duration.ZERO)).isFalse();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> notBuilt.ready(Duration.ofSeconds(30)));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        notBuilt.refresh();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(notBuilt.ready(Duration.ZERO)).isTrue();
        String page = mvc.perform(get("/search").param("q", "サイト内検索").header("Accept-Language", "ja"))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("href=\"/privacy\"").doesNotContain("検索の準備をしています");
    }
}
