package jp.machi.facility.internal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.ApplicationModuleInitializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, facilities whose search text was written by older rules ({@link SearchText#VERSION}) are indexed again,
 * so a new way of finding names (readings, romaji) reaches the facilities already in the database.
 */
@Component
class SearchIndexRefresh implements ApplicationModuleInitializer {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexRefresh.class);

    private final FacilityRepository repository;
    private final TransactionTemplate tx;

    SearchIndexRefresh(FacilityRepository repository, TransactionTemplate tx) {
        this.repository = repository;
        this.tx = tx;
    }

    @Override
    public void initialize() {
        List<String> stale = repository.staleSearch();
        if (stale.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(s -> stale.forEach(repository::refreshSearch));
        log.info("Search text of {} facilities written again (search rules version {})", stale.size(), SearchText.VERSION);
    }
}
