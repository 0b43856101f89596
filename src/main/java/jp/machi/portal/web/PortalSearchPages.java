package jp.machi.portal.web;

import jp.machi.search.SearchPages;
import jp.machi.search.SearchPages.Page;
import jp.machi.search.SearchSource;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The portal's own pages in the site search (see jp.machi.search.SearchSource). */
@Configuration(proxyBeanMethods = false)
class PortalSearchPages {

    @Bean
    SearchSource portalPages(MessageSource messages) {
        return SearchPages.of("portal.pages", messages,
            new Page("/about", "about.title", "about.p1", "about.license", "about.demo", "about.data.departments",
                "about.data.gsi"),
            new Page("/accessibility", "accessibility.title", "accessibility.p1", "accessibility.target",
                "accessibility.how1", "accessibility.how2", "accessibility.how3", "accessibility.how4",
                "accessibility.how5", "accessibility.contact"),
            new Page("/privacy", "privacy.title", "privacy.p1", "privacy.collect", "privacy.staff", "privacy.delete",
                "privacy.cookies"));
    }
}
