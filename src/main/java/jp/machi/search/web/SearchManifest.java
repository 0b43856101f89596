package jp.machi.search.web;

import jp.machi.shared.manifest.HeaderSearch;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the search module adds to shared pages (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class SearchManifest {

    @Bean
    HeaderSearch siteSearchBox() {
        return new HeaderSearch("/search", "q", "search.box.label", "search.box.submit");
    }

    @Bean
    StaffMenuEntry synonymsEntry() {
        return new StaffMenuEntry(62, "search.staff.synonyms.title", "search.staff.synonyms.text", "/staff/search/synonyms",
            Role.STAFF);
    }
}
