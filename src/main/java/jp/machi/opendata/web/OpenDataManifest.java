package jp.machi.opendata.web;

import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the open data module adds to shared pages: a service on the home page and the staff entry (catalog editing
 * and uploads). No header link: the header stays short on a phone, and the home page leads here. No CSP source: the
 * map uses the facility map's tiles, whose host the facility module already declares.
 */
@Configuration(proxyBeanMethods = false)
class OpenDataManifest {

    @Bean
    ServiceLink openDataLink() {
        return new ServiceLink(80, "opendata.service.title", "opendata.service.description", "/opendata");
    }

    @Bean
    StaffMenuEntry openDataStaffEntry() {
        return new StaffMenuEntry(70, "opendata.staff.menu", "opendata.staff.menu.text", "/staff/opendata", Role.STAFF);
    }
}
