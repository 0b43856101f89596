package jp.machi.report.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.machi.report.internal.Open311ApiKeys;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.Forms;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff (system or department admins): issue an Open311 API key to a partner app (shown once) and revoke it. */
@Controller
class StaffOpen311KeyController {

    record PartnerForm(
        @NotBlank(message = "{open311.keys.partner.required}") @Size(max = 200, message = "{open311.keys.partner.tooLong}")
        String partner) {}

    private final Open311ApiKeys keys;

    StaffOpen311KeyController(Open311ApiKeys keys) {
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
        model.addAttribute("form", new PartnerForm(""));
        model.addAttribute("keys", keys.all());
        return "report/staff/api-keys";
    }

    @PostMapping("/staff/reports/api-keys")
    String issue(@Valid @ModelAttribute("form") PartnerForm form, BindingResult errors, HttpServletRequest request,
                 Model model, jakarta.servlet.http.HttpServletResponse response) {
        MachiPrincipal me = admin(request);
        Forms.requireReadable(errors);
        model.addAttribute("keys", keys.all());
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "report/staff/api-keys";
        }
        // Rendered, not redirected: the key must not travel through a URL or a flash attribute.
        model.addAttribute("issued", keys.issue(form.partner().strip(), me.accountId()));
        model.addAttribute("keys", keys.all());
        model.addAttribute("form", new PartnerForm(""));
        return "report/staff/api-keys";
    }

    @PostMapping("/staff/reports/api-keys/{id}/revoke")
    String revoke(@PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        MachiPrincipal me = admin(request);
        flash.addFlashAttribute("revoked", keys.revoke(id, me.accountId()));
        return "redirect:/staff/reports/api-keys";
    }
}
