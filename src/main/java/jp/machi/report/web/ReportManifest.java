package jp.machi.report.web;

import jp.machi.shared.manifest.Audience;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What まちレポ adds to shared pages (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class ReportManifest {

    @Bean
    ServiceLink reportServiceLink() {
        return new ServiceLink(20, "report.service.title", "report.service.description", "/reports");
    }

    @Bean
    NavLink reportNavLink() {
        return new NavLink(30, "report.nav", "/reports", Audience.EVERYONE);
    }

    @Bean
    StaffMenuEntry reportQueueEntry() {
        return new StaffMenuEntry(30, "report.staff.title", "report.menu.text", "/staff/reports", Role.STAFF);
    }
}
