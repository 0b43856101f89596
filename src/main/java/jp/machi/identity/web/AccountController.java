package jp.machi.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import jp.machi.shared.manifest.AccountLink;
import jp.machi.shared.manifest.AccountSection;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.internal.Account;
import jp.machi.identity.internal.AccountService;
import jp.machi.identity.internal.ApiTokenService;
import jp.machi.identity.internal.PersonalDataService;
import jp.machi.identity.internal.TwoFactorService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My page: profile, password, API tokens, deleting the account. When staff act for a resident (代理入力), the
 * profile pages show and change that resident's profile, recorded as done by the staff member on the
 * resident's behalf; password, tokens and deletion stay with the resident.
 */
@Controller
class AccountController {

    private final AccountService accounts;
    private final AccountService service;
    private final ApiTokenService tokens;
    private final TwoFactorService twoFactor;
    private final Choices choices;
    private final AuditLog audit;
    private final List<AccountSection> sections;
    private final PersonalDataService personalData;
    private final List<jp.machi.shared.manifest.ServiceLink> services;

    AccountController(AccountService accounts, AccountService service, ApiTokenService tokens,
                      TwoFactorService twoFactor, Choices choices, AuditLog audit, List<AccountSection> sections,
                      PersonalDataService personalData, List<jp.machi.shared.manifest.ServiceLink> services) {
        this.personalData = personalData;
        this.services = services.stream().sorted(Comparator.comparingInt(jp.machi.shared.manifest.ServiceLink::order)).toList();
        this.sections = sections.stream().sorted(Comparator.comparingInt(AccountSection::order)).toList();
        this.accounts = accounts;
        this.service = service;
        this.tokens = tokens;
        this.twoFactor = twoFactor;
        this.choices = choices;
        this.audit = audit;
    }

    /** A My Page section with this person's links. */
    record SectionView(String titleKey, List<AccountLink> links) {}

    /** The account the page is about: the signed-in person, or the resident a staff member acts for. */
    private Account target() {
        long id = CurrentActor.actingFor().map(CurrentActor.ProxySubject::accountId)
            .orElseGet(() -> CurrentActor.principal().map(MachiPrincipal::accountId).orElseThrow());
        return accounts.account(id).filter(a -> !a.isDeleted())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static boolean proxying() {
        return CurrentActor.actingFor().isPresent();
    }

    /** Own-account actions are not for staff acting for someone else. */
    private static void requireSelf() {
        if (proxying()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private void auditProxyRead(Account a) {
        if (proxying()) {
            audit.record(AuditEvent.byCurrentActor("identity.profile.read", a.id(), "account:" + a.id(),
                AuditDetail.of("identity.audit.profile.read")));
        }
    }

    @GetMapping("/account")
    String overview(Model model, Locale locale) {
        Account a = target();
        auditProxyRead(a);
        model.addAttribute("account", a);
        // every module's part of the person's business with the ward (bookings, reports, subscriptions ...)
        model.addAttribute("sections", sections.stream()
            .map(s -> new SectionView(s.titleKey(), s.links(a.id(), a.isStaff(), locale)))
            .filter(v -> !v.links().isEmpty()).toList());
        model.addAttribute("proxying", proxying());
        // staff acting for the resident: what they can do for them (every service acts for the resident now)
        model.addAttribute("services", proxying() ? services : List.of());
        model.addAttribute("tokenCount", tokens.active(a.id()).size());
        if (a.isStaff()) {
            model.addAttribute("recoveryCodesLeft", twoFactor.unusedRecoveryCodes(a.id()));
        }
        return "identity/account";
    }

    /**
     * 自己情報の開示: everything Machi holds about the signed-in person, from every module, as one JSON file. Not while
     * staff act for the resident (staff answer written requests from the counter desk, audited).
     */
    @GetMapping("/account/data")
    @ResponseBody
    ResponseEntity<PersonalDataService.Export> download() {
        requireSelf();
        Account a = target();
        PersonalDataService.Export export = personalData.export(a.id());
        audit.record(AuditEvent.byCurrentActor("identity.personal-data.download", a.id(), "account:" + a.id(),
            AuditDetail.of("identity.audit.personal-data.download")));
        return PersonalDataDownload.attachment(export);
    }

    @GetMapping("/account/profile")
    String profile(Model model, Locale locale) {
        Account a = target();
        auditProxyRead(a);
        model.addAttribute("form", new Forms.ProfileForm(a.displayName(), a.nameKana(), a.district(),
            a.preferredLanguage(), a.contactEmail()));
        return profilePage(model, locale);
    }

    @PostMapping("/account/profile")
    String updateProfile(@Valid @ModelAttribute("form") Forms.ProfileForm form, BindingResult errors, Model model,
                         Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        if (!choices.validDistrict(form.district())) {
            errors.rejectValue("district", "identity.district.invalid");
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return profilePage(model, locale);
        }
        Account a = target();
        service.updateProfile(a.id(), new AccountService.Profile(form.displayName(), form.nameKana(), form.district(),
            form.language(), form.contactEmail()));
        redirect.addFlashAttribute("saved", "identity.profile.saved");
        return "redirect:/account";
    }

    @GetMapping("/account/password")
    String password(Model model) {
        requireSelf();
        model.addAttribute("form", new Forms.PasswordChangeForm("", ""));
        return "identity/password-change";
    }

    @PostMapping("/account/password")
    String changePassword(@Valid @ModelAttribute("form") Forms.PasswordChangeForm form, BindingResult errors,
                          HttpServletResponse response, RedirectAttributes redirect) {
        requireSelf();
        Account a = target();
        if (!errors.hasErrors() && !service.changePassword(a.id(), form.currentPassword(), form.newPassword())) {
            errors.rejectValue("currentPassword", "identity.password.current.wrong");
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "identity/password-change";
        }
        redirect.addFlashAttribute("saved", "identity.password.changed");
        return "redirect:/account";
    }

    /**
     * API tokens: only in a signed-in session (a token never opens this page: tokens work on /api only), for staff
     * only after the second factor (their session holds no staff role before it), never while acting for a resident.
     */
    @GetMapping("/account/tokens")
    String tokens(Model model) {
        requireSelf();
        Account a = target();
        if (!model.containsAttribute("form")) {
            List<jp.machi.shared.security.TokenScope> offered = tokens.scopesFor(a.id());
            model.addAttribute("form", new Forms.TokenForm("",
                offered.size() == 1 ? List.of(offered.getFirst().name()) : List.of(), a.isStaff() ? "30" : ""));
        }
        return tokensPage(a, model);
    }

    @PostMapping("/account/tokens")
    String createToken(@Valid @ModelAttribute("form") Forms.TokenForm form, BindingResult errors, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        requireSelf();
        Account a = target();
        if (!errors.hasErrors()) {
            try {
                String days = form.days() == null ? "" : form.days();
                String token = tokens.create(a.id(), form.name(), form.scopes(),
                    days.isEmpty() ? null : java.time.Duration.ofDays(Integer.parseInt(days)));
                redirect.addFlashAttribute("newToken", token);
                return "redirect:/account/tokens";
            } catch (ApiTokenService.Refused e) {
                errors.rejectValue(e.field(), e.messageKey(), new Object[] {ApiTokenService.MAX_ACTIVE_TOKENS}, null);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return tokensPage(a, model);
    }

    private String tokensPage(Account a, Model model) {
        model.addAttribute("tokens", tokens.active(a.id()));
        model.addAttribute("scopes", tokens.scopesFor(a.id()));
        model.addAttribute("scopeLabels", tokens.scopeLabels());
        model.addAttribute("staffToken", a.isStaff());
        return "identity/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
        requireSelf();
        if (!tokens.revoke(target().id(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("revoked", true);
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/recovery-codes")
    String regenerateRecoveryCodes(Model model) {
        requireSelf();
        Account a = target();
        if (!a.isStaff()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("recoveryCodes", twoFactor.regenerateRecoveryCodes(a.id()));
        model.addAttribute("fromAccount", true);
        return "identity/recovery-codes";
    }

    @GetMapping("/account/delete")
    String deleteConfirm(Model model) {
        requireSelf();
        Account a = target();
        if (a.isStaff()) {
            return "identity/delete-staff";
        }
        model.addAttribute("form", new Forms.DeleteForm("", null));
        return "identity/delete";
    }

    @PostMapping("/account/delete")
    String delete(@Valid @ModelAttribute("form") Forms.DeleteForm form, BindingResult errors, HttpServletRequest request,
                  HttpServletResponse response) {
        jp.machi.shared.web.Forms.requireReadable(errors);
        requireSelf();
        Account a = target();
        if (a.isStaff()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (!errors.hasFieldErrors("password") && !service.passwordMatches(a.id(), form.password())) {
            errors.rejectValue("password", "identity.password.current.wrong");
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "identity/delete";
        }
        service.deleteAccount(a.id());
        new SecurityContextLogoutHandler().logout(request, response, null);
        return "redirect:/goodbye";
    }

    @GetMapping("/goodbye")
    String goodbye() {
        return "identity/goodbye";
    }

    private String profilePage(Model model, Locale locale) {
        model.addAttribute("districts", choices.districts(locale));
        model.addAttribute("languages", choices.languages());
        model.addAttribute("proxying", proxying());
        return "identity/profile";
    }
}
