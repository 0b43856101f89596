package jp.machi.facility.web;

import jp.machi.shared.web.ServiceLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The home page's entry for finding a facility. */
@Configuration(proxyBeanMethods = false)
class FacilityServiceLinkConfiguration {

    @Bean
    ServiceLink findFacilityLink() {
        return new ServiceLink(10, "facility.service.title", "facility.service.description", "/facilities");
    }
}
