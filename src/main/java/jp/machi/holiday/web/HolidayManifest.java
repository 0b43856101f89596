package jp.machi.holiday.web;

import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the holiday module adds to shared pages (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class HolidayManifest {

    @Bean
    ServiceLink holidayServiceLink() {
        return new ServiceLink(80, "holiday.service.title", "holiday.service.description", "/holidays");
    }

    @Bean
    StaffMenuEntry holidayTableEntry() {
        return new StaffMenuEntry(910, "holiday.menu", "holiday.menu.text", "/admin/holidays", Role.SYSTEM_ADMIN);
    }
}
