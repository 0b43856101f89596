package jp.machi.report.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff (system or department admins): issue an Open311 API key to a partner app (shown once) and revoke it. */
@Controller
class Open311ApiKeyController {

    private final Open311ApiKeys keys;

    Open311ApiKeyController(Open311ApiKeys keys) {
        this.keys = keys;
    }

    private static MachiPrincipal admin(HttpServletRequest request) {
        if (!request.isUserInRole("SYSTEM_ADMIN") && !request.isUserInRole("DEPT_ADMIN")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return CurrentActor.principal().filter(MachiPrincipal::isStaff)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    @GetMapping("/staff/reports/api-keys")
    String list(HttpServletRequest request, Model model) {
        admin(request);
        model.addAttribute("keys", keys.all());
        model.addAttribute("errors", Map.of());
        return "report/admin/api-keys";
    }

    @PostMapping("/staff/reports/api-keys")
    String issue(@RequestParam(required = false) String partner, HttpServletRequest request, Model model) {
        MachiPrincipal me = admin(request);
        String p = partner == null ? "" : partner.strip();
        if (p.isEmpty() || p.length() > 200) {
            model.addAttribute("keys", keys.all());
            model.addAttribute("errors", Map.of("partner", p.isEmpty() ? "open311.keys.partner.required"
                : "open311.keys.partner.tooLong"));
            model.addAttribute("partner", p);
            return "report/admin/api-keys";
        }
        // Rendered, not redirected: the key must not travel through a URL or a flash attribute.
        model.addAttribute("issued", keys.issue(p, me.accountId()));
        model.addAttribute("keys", keys.all());
        model.addAttribute("errors", Map.of());
        return "report/admin/api-keys";
    }

    @PostMapping("/staff/reports/api-keys/{id}/revoke")
    String revoke(@PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        MachiPrincipal me = admin(request);
        flash.addFlashAttribute("revoked", keys.revoke(id, me.accountId()));
        return "redirect:/staff/reports/api-keys";
    }
}
