package jp.machi.report.web;

import jp.machi.shared.web.ServiceLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** まちレポ on the home page. */
@Configuration(proxyBeanMethods = false)
class ReportServices {

    @Bean
    ServiceLink reportServiceLink() {
        return new ServiceLink(20, "report.service.title", "report.service.description", "/reports");
    }
}
