package jp.machi.audit.web;

import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log on the staff home of auditors (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class AuditManifest {

    @Bean
    StaffMenuEntry auditLogEntry() {
        return new StaffMenuEntry(950, "audit.menu", "audit.menu.text", "/audit", Role.AUDITOR);
    }
}
