package jp.machi.portal.web;

import java.util.Comparator;
import java.util.List;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page lists every service that a module offers, and the static pages of the footer. */
@Controller
class HomeController {

    private final List<ServiceLink> services;
    private final WardProfile ward;

    HomeController(List<ServiceLink> services, WardProfile ward) {
        this.services = services.stream().sorted(Comparator.comparingInt(ServiceLink::order)).toList();
        this.ward = ward;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("services", services);
        model.addAttribute("contact", ward.contact());
        return "portal/home";
    }

    @GetMapping("/accessibility")
    String accessibility(Model model) {
        model.addAttribute("contact", ward.contact());
        return "portal/accessibility";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "portal/privacy";
    }

    @GetMapping("/about")
    String about() {
        return "portal/about";
    }
}
