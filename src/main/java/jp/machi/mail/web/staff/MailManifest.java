package jp.machi.mail.web.staff;

import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox on the staff home (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class MailManifest {

    @Bean
    StaffMenuEntry outboxEntry() {
        return new StaffMenuEntry(800, "mail.menu.outbox", "mail.menu.outbox.text", "/staff/outbox", Role.SYSTEM_ADMIN);
    }
}
