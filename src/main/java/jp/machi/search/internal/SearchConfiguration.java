package jp.machi.search.internal;

import java.util.ArrayList;
import java.util.List;
import jp.machi.search.SearchPages;
import jp.machi.search.SearchSource;
import jp.machi.shared.manifest.ServiceLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/** The index as a bean, built when Machi is ready and brought up to date every few seconds. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(List<SearchSource> sources, List<ServiceLink> services, MessageSource messages,
                            SynonymStore synonyms) {
        List<SearchSource> all = new ArrayList<>(sources);
        all.add(servicePages(services, messages));
        return new SearchIndex(all, synonyms);
    }

    /**
     * The start page of every service on the home page (facility search, room booking, まちレポ, the inquiry desk ...)
     * as a search document, from the modules' {@link ServiceLink}s (title and description): a resident who types
     * 「施設の予約」 finds the booking pages without any module writing a search source for them.
     */
    static SearchSource servicePages(List<ServiceLink> services, MessageSource messages) {
        return SearchPages.of("search.services", messages, services.stream()
            .map(l -> new SearchPages.Page(l.path(), l.titleKey(), l.descriptionKey())).toArray(SearchPages.Page[]::new));
    }

    @Bean
    IndexKeeper searchIndexKeeper(SearchIndex index) {
        return new IndexKeeper(index);
    }

    /** Builds the index at start (after the demo data) and polls the sources' revisions. */
    static class IndexKeeper {
        private static final Logger log = LoggerFactory.getLogger(IndexKeeper.class);
        private final SearchIndex index;
        private volatile boolean ready;

        IndexKeeper(SearchIndex index) {
            this.index = index;
        }

        @EventListener(ApplicationReadyEvent.class)
        void build() {
            long start = System.nanoTime();
            index.refresh();
            ready = true;
            log.info("search index built: {} documents in {} ms", index.size(), (System.nanoTime() - start) / 1_000_000);
        }

        @Scheduled(initialDelayString = "${machi.search.refresh-interval:2s}",
            fixedDelayString = "${machi.search.refresh-interval:2s}")
        void poll() {
            if (ready) {
                index.refresh();
            }
        }
    }
}
