package jp.machi.reservation.web;

import jp.machi.shared.manifest.AccountLink;
import jp.machi.shared.manifest.AccountSection;
import jp.machi.shared.manifest.Audience;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
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

    /** My Page: the person's bookings, lottery applications and group. */
    @Bean
    AccountSection reservationAccountSection() {
        return AccountSection.of(20, "reservation.account.section", Audience.RESIDENTS,
            AccountLink.of("reservation.mine.title", "/account/bookings"),
            AccountLink.of("reservation.lottery.mine.title", "/account/lottery"),
            AccountLink.of("reservation.group.mine.title", "/account/group"));
    }

    @Bean
    StaffMenuEntry reservationStaffEntry() {
        return new StaffMenuEntry(25, "staff.home.reservations", "staff.home.reservations.text", "/staff/reservations",
            Role.STAFF);
    }
}
