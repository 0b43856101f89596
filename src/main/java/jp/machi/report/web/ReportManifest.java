package jp.machi.report.web;

import java.util.List;
import jp.machi.report.internal.ReportService;
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

    /** My Page: the reports the person sent (how many are still open) and the way to send one. */
    @Bean
    AccountSection reportAccountSection(ReportService reports, MessageSource messages) {
        return AccountSection.forResidents(40, "report.account.section", (accountId, locale) -> {
            long[] counts = reports.sentCounts(accountId);
            String status = counts[0] == 0 ? messages.getMessage("report.account.none", null, locale)
                : messages.getMessage("report.account.status", new Object[] {counts[0], counts[1]}, locale);
            return List.of(new AccountLink("report.account.mine", "/account/reports", status),
                AccountLink.of("report.account.new", "/reports/new"));
        });
    }

    @Bean
    StaffMenuEntry reportQueueEntry() {
        return new StaffMenuEntry(30, "report.staff.title", "report.menu.text", "/staff/reports", Role.STAFF);
    }
}
