package jp.machi.identity.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.machi.audit.AuditDetail;
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
    private final jp.machi.identity.web.Choices choices;

    ResidentDeskController(AccountService accounts, AuditLog audit, PersonalDataService personalData,
                           jp.machi.identity.web.Choices choices) {
        this.accounts = accounts;
        this.audit = audit;
        this.personalData = personalData;
        this.choices = choices;
    }

    /** A resident registered at the counter: who they are and how to reach them, no e-mail address. */
    record CounterForm(
        @NotBlank(message = "{identity.name.required}") @Size(max = 100, message = "{identity.name.size}") String displayName,
        @NotBlank(message = "{desk.register.kana.required}") @Size(max = 100, message = "{identity.kana.size}")
        @jakarta.validation.constraints.Pattern(regexp = "^[\\p{InKatakana}\\p{InHiragana}ー・　 ]*$", message = "{identity.kana.invalid}")
        String nameKana,
        @Size(max = 100, message = "{identity.district.invalid}") String district,
        @Size(max = 20, message = "{desk.register.phone.invalid}")
        @jakarta.validation.constraints.Pattern(regexp = "^[0-9０-９()（）\\-‐－ ]*$", message = "{desk.register.phone.invalid}")
        String phone,
        @jakarta.validation.constraints.Pattern(regexp = "ja|en", message = "{identity.language.invalid}") String language) {

        static CounterForm empty() {
            return new CounterForm("", "", "", "", "ja");
        }
    }

    /**
     * Registering a resident who has no e-mail address. A caller who is not registered yet, in the middle of a booking
     * (the reservation calendar sent the staff member here with {@code next}), is registered and then acted for on the
     * way to their booking: {@code next} goes through the form to the resident's page.
     */
    @GetMapping("/staff/residents/new")
    String registerForm(@RequestParam(required = false) String next, Model model, java.util.Locale locale) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("form", CounterForm.empty());
        model.addAttribute("districts", choices.districts(locale));
        model.addAttribute("languages", choices.languages());
        return "identity/staff/resident-new";
    }

    @PostMapping("/staff/residents")
    String register(@Valid @ModelAttribute("form") CounterForm form, BindingResult errors,
                    @RequestParam(required = false) String next, Model model,
                    HttpServletResponse response, java.util.Locale locale) {
        String then = safeNext(next);
        if (!choices.validDistrict(form.district())) {
            errors.rejectValue("district", "identity.district.invalid");
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("districts", choices.districts(locale));
            model.addAttribute("languages", choices.languages());
            model.addAttribute("next", then);
            return "identity/staff/resident-new";
        }
        String phone = form.phone() == null ? null : java.text.Normalizer.normalize(form.phone(), java.text.Normalizer.Form.NFKC).strip();
        long id = accounts.registerAtCounter(new jp.machi.identity.internal.AccountService.CounterRegistration(
            form.displayName(), form.nameKana(), form.district(), phone, form.language() == null ? "ja" : form.language()));
        return "redirect:/staff/residents/" + id + "?registered"
            + (then == null ? "" : "&next=" + java.net.URLEncoder.encode(then, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A code the resident can use to take the account over; shown once, to print or write down for them. */
    @PostMapping("/staff/residents/{id}/claim-code")
    String claimCode(@PathVariable long id, Model model) {
        Account a = resident(id);
        if (!a.withoutEmail()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        model.addAttribute("resident", a);
        model.addAttribute("code", accounts.issueClaimCode(id));
        model.addAttribute("days", 30);
        return "identity/staff/claim-code";
    }

    /** The reference of the written request (開示請求) the export answers, recorded in the audit log. */
    record DisclosureForm(
        @NotBlank(message = "{desk.disclosure.reference.required}")
        @Size(max = 100, message = "{desk.disclosure.reference.size}") String reference) {}

    @GetMapping("/staff/residents")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String next, Model model) {
        String query = q == null ? "" : q.strip();
        model.addAttribute("q", query);
        model.addAttribute("next", safeNext(next));
        if (query.length() > 100) {
            model.addAttribute("queryError", "desk.search.tooLong");
            model.addAttribute("results", List.of());
            return "identity/staff/residents";
        }
        if (query.length() >= 2) {
            List<Account> results = accounts.searchResidents(query, 50);
            audit.record(AuditEvent.byCurrentActor("identity.resident.search", null, "residents",
                AuditDetail.of("identity.audit.resident.search", query, results.size())));
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
    String show(@PathVariable long id, @RequestParam(required = false) String next, Model model) {
        Account a = resident(id);
        model.addAttribute("next", safeNext(next));
        audit.record(AuditEvent.byCurrentActor("identity.resident.read", id, "account:" + id,
            AuditDetail.of("identity.audit.resident.read")));
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
            AuditDetail.of("identity.audit.personal-data.disclose", form.reference().strip())));
        return PersonalDataDownload.attachment(export);
    }

    @PostMapping("/staff/residents/{id}/proxy")
    String startProxy(@PathVariable long id, @RequestParam(required = false) String next, HttpSession session) {
        Account a = resident(id);
        session.setAttribute(CurrentActor.PROXY_SESSION_KEY, new CurrentActor.ProxySubject(a.id(), a.displayName()));
        audit.record(AuditEvent.byCurrentActor("identity.proxy.start", id, "account:" + id,
            AuditDetail.of("identity.audit.proxy.start")));
        String then = safeNext(next);
        return then != null ? "redirect:" + then : "redirect:/account?acting";
    }

    /**
     * Where to go once acting for the resident, when a staff page sent the staff member here in the middle of a task
     * (a booking for a caller starts from the reservation calendar): only a resident page of this site
     * ({@code /account/...}, plain characters), anything else is ignored.
     */
    static String safeNext(String next) {
        return pageOf(next, "account");
    }

    /** {@code next} when it is a page of this site under {@code /<area>/} written in plain characters, else null. */
    private static String pageOf(String next, String area) {
        if (next == null || next.length() > 300 || next.contains("//")
            || !next.matches("/" + area + "/[A-Za-z0-9/_-]*(\\?[A-Za-z0-9_=&.%-]*)?")) {
            return null;
        }
        return next;
    }

    /**
     * Stops acting for the resident; back to the resident desk, or to the staff page the task came from when
     * {@code next} names one (after a booking for a caller: the week of the reservation calendar).
     */
    @PostMapping("/staff/proxy/end")
    String endProxy(@RequestParam(required = false) String next, HttpSession session) {
        CurrentActor.actingFor().ifPresent(p -> audit.record(AuditEvent.byCurrentActor("identity.proxy.end",
            p.accountId(), "account:" + p.accountId(),
            AuditDetail.of("identity.audit.proxy.end"))));
        session.removeAttribute(CurrentActor.PROXY_SESSION_KEY);
        String then = safeStaffNext(next);
        return "redirect:" + (then != null ? then : "/staff/residents");
    }

    /** A staff page of this site ({@code /staff/...}, plain characters) to return to, or null. */
    static String safeStaffNext(String next) {
        return pageOf(next, "staff");
    }

    private Account resident(long id) {
        return accounts.account(id).filter(a -> !a.isStaff() && !a.isDeleted())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
