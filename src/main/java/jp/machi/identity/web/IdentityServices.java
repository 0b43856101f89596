package jp.machi.identity.web;

import jp.machi.shared.web.ServiceLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What identity offers on the home page. */
@Configuration(proxyBeanMethods = false)
class IdentityServices {

    @Bean
    ServiceLink myPageService() {
        return new ServiceLink(900, "identity.service.title", "identity.service.text", "/account");
    }
}
