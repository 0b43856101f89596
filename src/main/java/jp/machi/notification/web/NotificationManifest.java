package jp.machi.notification.web;

import java.util.List;
import jp.machi.notification.internal.Inbox;
import jp.machi.shared.manifest.AccountLink;
import jp.machi.shared.manifest.AccountSection;
import jp.machi.shared.manifest.Audience;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the notification module adds to shared pages (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class NotificationManifest {

    @Bean
    ServiceLink notificationServiceLink() {
        return new ServiceLink(30, "notification.service.title", "notification.service.description", "/notices");
    }

    @Bean
    NavLink notificationNavLink() {
        return new NavLink(40, "notification.nav", "/notices", Audience.EVERYONE);
    }

    @Bean
    StaffMenuEntry notificationStaffEntry() {
        return new StaffMenuEntry(40, "notification.staff.menu", "notification.staff.menu.text", "/staff/notifications", Role.STAFF);
    }

    @Bean
    StaffMenuEntry notificationDashboardEntry() {
        return new StaffMenuEntry(41, "notification.dashboard.title", "notification.dashboard.menu.text",
            "/staff/notifications/dashboard", Role.STAFF);
    }

    @Bean
    StaffMenuEntry notificationAdminEntry() {
        return new StaffMenuEntry(42, "notification.senders.title", "notification.senders.menu.text", "/admin/notifications/senders",
            Role.DEPT_ADMIN);
    }

    /** My Page: the inbox (with the number unread), the settings, "about me". */
    @Bean
    AccountSection notificationAccountSection(Inbox inbox, MessageSource messages) {
        return AccountSection.forResidents(30, "notification.account.section", (accountId, locale) -> {
            long unread = inbox.unread(accountId);
            return List.of(
                new AccountLink("notification.inbox.title", "/account/notifications",
                    unread == 0 ? null : messages.getMessage("notification.inbox.unreadCount", new Object[] {unread}, locale)),
                AccountLink.of("notification.settings.title", "/account/notifications/settings"),
                AccountLink.of("notification.profile.title", "/account/notifications/profile"));
        });
    }
}
