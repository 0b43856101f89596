package jp.machi.identity.web;

import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What identity adds to the home page and the staff home (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class IdentityManifest {

    @Bean
    ServiceLink myPageService() {
        return new ServiceLink(900, "identity.service.title", "identity.service.text", "/account");
    }

    @Bean
    StaffMenuEntry residentDeskEntry() {
        return new StaffMenuEntry(10, "desk.title", "desk.text", "/staff/residents", Role.STAFF);
    }

    @Bean
    StaffMenuEntry staffAdministrationEntry() {
        return new StaffMenuEntry(900, "staff.list.title", "staff.home.admin.text", "/admin/staff", Role.DEPT_ADMIN);
    }
}
