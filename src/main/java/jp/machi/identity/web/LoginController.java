package jp.machi.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import jp.machi.identity.internal.Account;
import jp.machi.identity.internal.AccountService;
import jp.machi.identity.internal.AccountUser;
import jp.machi.identity.internal.SignInHandlers;
import jp.machi.identity.internal.Totp;
import jp.machi.identity.internal.TwoFactorService;
import jp.machi.shared.DemoMode;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in: the password page, and for staff the second factor (and its first-time enrolment). */
@Controller
class LoginController {

    private static final String SETUP_SECRET = "machi.totp.setup";

    private final AccountService accounts;
    private final TwoFactorService twoFactor;
    private final SignInHandlers signIn;
    private final WardProfile ward;
    private final MessageSource messages;
    private final DemoMode demo;
    private final Clock clock;

    LoginController(AccountService accounts, TwoFactorService twoFactor, SignInHandlers signIn, WardProfile ward,
                    MessageSource messages, DemoMode demo, Clock clock) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.signIn = signIn;
        this.ward = ward;
        this.messages = messages;
        this.demo = demo;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        String problem = null;
        for (String key : List.of("error", "locked", "unverified")) {
            if (request.getParameter(key) != null) {
                problem = "identity.login." + key;
            }
        }
        model.addAttribute("problem", problem);
        model.addAttribute("demo", demo.enabled());
        return "identity/login";
    }

    @GetMapping("/login/2fa")
    String secondFactor(@AuthenticationPrincipal AccountUser user, Model model) {
        Account a = accounts.account(user.accountId()).orElseThrow();
        if (!a.totpEnrolled()) {
            return "redirect:/login/2fa/setup";
        }
        model.addAttribute("form", new Forms.CodeForm(""));
        addDemoHint(model, a);
        return "identity/second-factor";
    }

    @PostMapping("/login/2fa")
    String verifySecondFactor(@AuthenticationPrincipal AccountUser user, @Valid @ModelAttribute("form") Forms.CodeForm form,
                              BindingResult errors, Model model, HttpServletRequest request,
                              HttpServletResponse response) throws IOException {
        Account a = accounts.account(user.accountId()).orElseThrow();
        if (!errors.hasErrors()) {
            switch (twoFactor.verify(a.id(), form.code())) {
                case OK -> {
                    signIn.completeSignIn(request, response, user);
                    return null;
                }
                case LOCKED -> errors.rejectValue("code", "identity.code.locked");
                case WRONG -> errors.rejectValue("code", "identity.code.wrong");
            }
        }
        addDemoHint(model, a);
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return "identity/second-factor";
    }

    @GetMapping("/login/2fa/setup")
    String setup(@AuthenticationPrincipal AccountUser user, HttpSession session, Model model, Locale locale) {
        Account a = accounts.account(user.accountId()).orElseThrow();
        if (a.totpEnrolled()) {
            return "redirect:/login/2fa";
        }
        model.addAttribute("form", new Forms.CodeForm(""));
        addSetup(model, session, a, locale);
        return "identity/second-factor-setup";
    }

    @PostMapping("/login/2fa/setup")
    String confirmSetup(@AuthenticationPrincipal AccountUser user, @Valid @ModelAttribute("form") Forms.CodeForm form,
                        BindingResult errors, HttpSession session, Model model, Locale locale,
                        HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Account a = accounts.account(user.accountId()).orElseThrow();
        if (a.totpEnrolled()) {
            return "redirect:/login/2fa";
        }
        String secret = (String) session.getAttribute(SETUP_SECRET);
        if (!errors.hasErrors() && secret != null) {
            List<String> codes = twoFactor.confirmEnrolment(a.id(), secret, form.code());
            if (!codes.isEmpty()) {
                request.getSession().removeAttribute(SETUP_SECRET);
                signIn.upgrade(request, response, user);
                redirect.addFlashAttribute("recoveryCodes", codes);
                return "redirect:/account/recovery-codes";
            }
            errors.rejectValue("code", "identity.code.wrong");
        }
        addSetup(model, session, a, locale);
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return "identity/second-factor-setup";
    }

    /** Shown once, right after enrolment (the staff member is signed in by then). */
    @GetMapping("/account/recovery-codes")
    String recoveryCodes(Model model) {
        if (!model.containsAttribute("recoveryCodes")) {
            return "redirect:/account";
        }
        return "identity/recovery-codes";
    }

    private void addSetup(Model model, HttpSession session, Account a, Locale locale) {
        String secret = (String) session.getAttribute(SETUP_SECRET);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(SETUP_SECRET, secret);
        }
        String issuer = "Machi " + ward.name(Locale.JAPANESE);
        model.addAttribute("secret", secret.replaceAll("(.{4})", "$1 ").trim());
        model.addAttribute("qrSvg", twoFactor.qrSvg(issuer, a.email(), secret,
            messages.getMessage("identity.2fa.qr.title", null, locale)));
    }

    private void addDemoHint(Model model, Account a) {
        if (demo.enabled() && a.email().endsWith("@demo.machi.example")) {
            model.addAttribute("demoCode", Totp.code(a.totpSecret(), Totp.step(clock.instant())));
        }
    }
}
