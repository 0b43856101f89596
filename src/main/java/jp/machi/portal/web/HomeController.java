package jp.machi.portal.web;

import java.util.Comparator;
import java.util.List;
import jp.machi.shared.manifest.ServiceLink;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page lists every service that a module offers, and the static pages of the footer. */
@Controller
class HomeController {

    private final List<ServiceLink> services;

    HomeController(List<ServiceLink> services) {
        this.services = services.stream().sorted(Comparator.comparingInt(ServiceLink::order)).toList();
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("services", services);
        return "portal/home";
    }

    @GetMapping("/accessibility")
    String accessibility() {
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
