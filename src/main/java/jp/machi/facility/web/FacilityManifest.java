package jp.machi.facility.web;

import jp.machi.shared.manifest.Audience;
import jp.machi.shared.manifest.CspSource;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the facility module adds to shared pages (see jp.machi.shared.manifest). */
@Configuration(proxyBeanMethods = false)
class FacilityManifest {

    @Bean
    ServiceLink findFacilityLink() {
        return new ServiceLink(10, "facility.service.title", "facility.service.description", "/facilities");
    }

    @Bean
    NavLink facilityNavLink() {
        return new NavLink(10, "facility.nav", "/facilities", Audience.EVERYONE);
    }

    @Bean
    StaffMenuEntry facilityStaffEntry() {
        return new StaffMenuEntry(20, "staff.home.facilities", "staff.home.facilities.text", "/staff/facilities", Role.STAFF);
    }

    /** The map tiles' host (facility and report maps use the same tiles). */
    @Bean
    CspSource mapTiles(@Value("${machi.facility.tile-url}") String tileUrl) {
        CspSource source = CspSource.originOf("img-src", tileUrl);
        return source != null ? source : new CspSource("img-src", "https://cyberjapandata.gsi.go.jp");
    }
}
