package jp.machi.reservation.web;

import java.util.ArrayList;
import java.util.List;
import jp.machi.reservation.internal.AccountStatus;
import jp.machi.shared.manifest.AccountLink;
import jp.machi.shared.manifest.AccountSection;
import jp.machi.shared.manifest.Audience;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import jp.machi.shared.time.Wareki;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What reservation adds to shared pages (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class ReservationManifest {

    @Bean
    ServiceLink reservationServiceLink() {
        return new ServiceLink(15, "reservation.service.title", "reservation.service.description", "/reservations");
    }

    @Bean
    NavLink reservationNavLink() {
        return new NavLink(20, "reservation.nav", "/reservations", Audience.EVERYONE);
    }

    /**
     * My Page: the person's bookings (with the day of the next one), lottery applications (how many wait for a draw)
     * and group (its name and state), from one query ({@link AccountStatus}).
     */
    @Bean
    AccountSection reservationAccountSection(AccountStatus statuses, MessageSource messages) {
        return AccountSection.forResidents(20, "reservation.account.section", (accountId, locale) -> {
            AccountStatus.Status s = statuses.of(accountId);
            List<AccountLink> links = new ArrayList<>();
            links.add(new AccountLink("reservation.mine.title", "/account/bookings", s.nextBooking() == null
                ? messages.getMessage("reservation.account.noUpcoming", null, locale)
                : messages.getMessage("reservation.account.next", new Object[] {Wareki.format(s.nextBooking(), locale)},
                    locale)));
            links.add(new AccountLink("reservation.lottery.mine.title", "/account/lottery", s.applications() == 0 ? null
                : messages.getMessage("reservation.account.applications", new Object[] {s.applications()}, locale)));
            links.add(new AccountLink("reservation.group.mine.title", "/account/group", s.group() == null ? null
                : messages.getMessage("reservation.account.group", new Object[] {s.group(),
                    messages.getMessage("reservation.group.state." + s.groupState(), null, locale)}, locale)));
            return links;
        });
    }

    @Bean
    StaffMenuEntry reservationStaffEntry() {
        return new StaffMenuEntry(25, "staff.home.reservations", "staff.home.reservations.text", "/staff/reservations",
            Role.STAFF);
    }
}
