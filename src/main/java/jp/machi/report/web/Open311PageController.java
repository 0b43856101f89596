package jp.machi.report.web;

import java.util.Locale;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The human page at the endpoint root, as GeoReport v2 asks: what the endpoint is, its jurisdiction_id, and
 * where the machine-readable discovery and service list are. Plain HTML, no script needed.
 */
@Controller
class Open311PageController {

    private final WardProfile ward;
    private final String baseUrl;

    Open311PageController(WardProfile ward, jp.machi.shared.web.SiteUrl site) {
        this.ward = ward;
        this.baseUrl = site.base();
    }

    @GetMapping({"/open311/v2", "/open311/v2/"})
    String page(Model model, Locale locale) {
        model.addAttribute("wardName", ward.name(locale));
        model.addAttribute("jurisdiction", ward.code());
        model.addAttribute("endpoint", baseUrl + "/open311/v2/");
        model.addAttribute("spec", jp.machi.report.internal.Open311Adapter.SPEC);
        model.addAttribute("maxRequests", jp.machi.report.internal.Open311Adapter.MAX_REQUESTS);
        model.addAttribute("windowDays", jp.machi.report.internal.Open311Adapter.WINDOW.toDays());
        return "report/open311";
    }
}
