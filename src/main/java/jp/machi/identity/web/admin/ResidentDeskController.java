package jp.machi.identity.web.admin;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.internal.Account;
import jp.machi.identity.internal.AccountRepository;
import jp.machi.shared.security.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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

    private final AccountRepository accounts;
    private final AuditLog audit;

    ResidentDeskController(AccountRepository accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/staff/residents")
    String search(@RequestParam(required = false) String q, Model model) {
        String query = q == null ? "" : q.strip();
        model.addAttribute("q", query);
        if (query.length() > 100) {
            model.addAttribute("queryError", "desk.search.tooLong");
            model.addAttribute("results", List.of());
            return "identity/admin/residents";
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
        return "identity/admin/residents";
    }

    @GetMapping("/staff/residents/{id}")
    String show(@PathVariable long id, Model model) {
        Account a = resident(id);
        audit.record(AuditEvent.byCurrentActor("identity.resident.read", id, "account:" + id, "resident record viewed"));
        model.addAttribute("resident", a);
        return "identity/admin/resident";
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
        return accounts.findById(id).filter(a -> !a.isStaff() && !a.isDeleted())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
