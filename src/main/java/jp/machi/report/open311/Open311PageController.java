package jp.machi.report.open311;

import java.util.Locale;
import jp.machi.ward.WardProfile;
import org.springframework.beans.factory.annotation.Value;
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

    Open311PageController(WardProfile ward, @Value("${machi.base-url}") String baseUrl) {
        this.ward = ward;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @GetMapping({"/open311/v2", "/open311/v2/"})
    String page(Model model, Locale locale) {
        model.addAttribute("wardName", ward.name(locale));
        model.addAttribute("jurisdiction", ward.code());
        model.addAttribute("endpoint", baseUrl + "/open311/v2/");
        model.addAttribute("spec", Open311Controller.SPEC);
        model.addAttribute("maxRequests", Open311Controller.MAX_REQUESTS);
        model.addAttribute("windowDays", Open311Controller.WINDOW.toDays());
        return "open311/index";
    }
}
