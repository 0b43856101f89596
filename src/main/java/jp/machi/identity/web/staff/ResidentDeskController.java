package jp.machi.identity.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.internal.Account;
import jp.machi.identity.internal.AccountService;
import jp.machi.identity.internal.PersonalDataService;
import jp.machi.identity.web.PersonalDataDownload;
import jp.machi.shared.security.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The counter desk: staff find a resident (every search and view is on the audit record) and can act for
 * them (代理入力) — a resident who does not use ICT gets the same service by phone or at a counter.
 */
@Controller
class ResidentDeskController {

    private final AccountService accounts;
    private final AuditLog audit;
    private final PersonalDataService personalData;

    ResidentDeskController(AccountService accounts, AuditLog audit, PersonalDataService personalData) {
        this.accounts = accounts;
        this.audit = audit;
        this.personalData = personalData;
    }

    /** The reference of the written request (開示請求) the export answers, recorded in the audit log. */
    record DisclosureForm(
        @NotBlank(message = "{desk.disclosure.reference.required}")
        @Size(max = 100, message = "{desk.disclosure.reference.size}") String reference) {}

    @GetMapping("/staff/residents")
    String search(@RequestParam(required = false) String q, Model model) {
        String query = q == null ? "" : q.strip();
        model.addAttribute("q", query);
        if (query.length() > 100) {
            model.addAttribute("queryError", "desk.search.tooLong");
            model.addAttribute("results", List.of());
            return "identity/staff/residents";
        }
        if (query.length() >= 2) {
            List<Account> results = accounts.searchResidents(query, 50);
            audit.record(AuditEvent.byCurrentActor("identity.resident.search", null, "residents",
                "query \"" + query + "\", " + results.size() + " found"));
            model.addAttribute("results", results);
        } else {
            model.addAttribute("results", List.of());
            if (!query.isEmpty()) {
                model.addAttribute("queryError", "desk.search.tooShort");
            }
        }
        return "identity/staff/residents";
    }

    @GetMapping("/staff/residents/{id}")
    String show(@PathVariable long id, Model model) {
        Account a = resident(id);
        audit.record(AuditEvent.byCurrentActor("identity.resident.read", id, "account:" + id, "resident record viewed"));
        model.addAttribute("resident", a);
        model.addAttribute("disclosure", new DisclosureForm(""));
        return "identity/staff/resident";
    }

    /**
     * 自己情報の開示: staff produce everything Machi holds about the resident, for a written request whose reference
     * is recorded with the export in the audit log. The file is the same as the resident's own download.
     */
    @PostMapping("/staff/residents/{id}/data")
    Object disclose(@PathVariable long id, @Valid @ModelAttribute("disclosure") DisclosureForm form,
                    BindingResult errors, Model model, HttpServletResponse response) {
        Account a = resident(id);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("resident", a);
            return "identity/staff/resident";
        }
        PersonalDataService.Export export = personalData.export(id);
        audit.record(AuditEvent.byCurrentActor("identity.personal-data.disclose", id, "account:" + id,
            "personal data exported for the written request " + form.reference().strip()));
        return PersonalDataDownload.attachment(export);
    }

    @PostMapping("/staff/residents/{id}/proxy")
    String startProxy(@PathVariable long id, HttpSession session) {
        Account a = resident(id);
        session.setAttribute(CurrentActor.PROXY_SESSION_KEY, new CurrentActor.ProxySubject(a.id(), a.displayName()));
        audit.record(AuditEvent.byCurrentActor("identity.proxy.start", id, "account:" + id,
            "staff started acting for the resident"));
        return "redirect:/account";
    }

    @PostMapping("/staff/proxy/end")
    String endProxy(HttpSession session) {
        CurrentActor.actingFor().ifPresent(p -> audit.record(AuditEvent.byCurrentActor("identity.proxy.end",
            p.accountId(), "account:" + p.accountId(), "staff stopped acting for the resident")));
        session.removeAttribute(CurrentActor.PROXY_SESSION_KEY);
        return "redirect:/staff/residents";
    }

    private Account resident(long id) {
        return accounts.account(id).filter(a -> !a.isStaff() && !a.isDeleted())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
