package jp.machi.inquiry.web;

import java.util.List;
import jp.machi.inquiry.internal.Inquiry;
import jp.machi.inquiry.internal.InquiryRepository;
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

/** What the inquiry module adds to shared pages (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class InquiryManifest {

    @Bean
    ServiceLink faqServiceLink() {
        return new ServiceLink(5, "inquiry.service.faq.title", "inquiry.service.faq.description", "/faq");
    }

    @Bean
    ServiceLink inquiryServiceLink() {
        return new ServiceLink(6, "inquiry.service.desk.title", "inquiry.service.desk.description", "/inquiries/new");
    }

    @Bean
    ServiceLink childServiceLink() {
        return new ServiceLink(60, "inquiry.service.children.title", "inquiry.service.children.description", "/children");
    }

    @Bean
    NavLink faqNavLink() {
        return new NavLink(5, "inquiry.nav", "/faq", Audience.EVERYONE);
    }

    @Bean
    StaffMenuEntry inquiryQueueEntry() {
        return new StaffMenuEntry(25, "inquiry.staff.queue.title", "inquiry.staff.queue.text", "/staff/inquiries", Role.STAFF);
    }

    @Bean
    StaffMenuEntry inquiryProxyEntry() {
        return new StaffMenuEntry(26, "inquiry.staff.proxy.title", "inquiry.staff.proxy.text", "/staff/inquiries/new", Role.STAFF);
    }

    @Bean
    StaffMenuEntry faqEditEntry() {
        return new StaffMenuEntry(27, "inquiry.staff.faq.title", "inquiry.staff.faq.text", "/staff/faq", Role.STAFF);
    }

    @Bean
    StaffMenuEntry faqStatsEntry() {
        return new StaffMenuEntry(28, "inquiry.staff.stats.title", "inquiry.staff.stats.text", "/staff/faq/stats", Role.STAFF);
    }

    @Bean
    StaffMenuEntry childConsultationEntry() {
        return new StaffMenuEntry(29, "inquiry.staff.children.title", "inquiry.staff.children.text", "/staff/children", Role.STAFF);
    }

    /** My Page: the inquiries the person sent, with how many are waiting for the ward. */
    @Bean
    AccountSection myInquiries(InquiryRepository inquiries, MessageSource messages) {
        return AccountSection.forResidents(40, "inquiry.account.title", (accountId, locale) -> {
            List<Inquiry> mine = inquiries.ofResident(accountId);
            long open = mine.stream().filter(i -> i.status() == Inquiry.Status.OPEN).count();
            String status = mine.isEmpty() ? messages.getMessage("inquiry.account.none", null, locale)
                : messages.getMessage("inquiry.account.status", new Object[] {mine.size(), open}, locale);
            return List.of(new AccountLink("inquiry.account.link", "/account/inquiries", status),
                AccountLink.of("inquiry.account.new", "/inquiries/new"));
        });
    }
}
