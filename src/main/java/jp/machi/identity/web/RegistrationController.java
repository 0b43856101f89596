package jp.machi.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Locale;
import jp.machi.identity.internal.AccountService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Self-registration with e-mail verification, and password reset. */
@Controller
class RegistrationController {

    private final AccountService accounts;
    private final Choices choices;

    RegistrationController(AccountService accounts, Choices choices) {
        this.accounts = accounts;
        this.choices = choices;
    }

    @GetMapping("/register")
    String form(Model model, Locale locale) {
        model.addAttribute("form", Forms.RegisterForm.empty(locale.getLanguage().equals("en") ? "en" : "ja"));
        return registerPage(model, locale);
    }

    @PostMapping("/register")
    String register(@Valid @ModelAttribute("form") Forms.RegisterForm form, BindingResult errors, Model model,
                    Locale locale, HttpServletResponse response) {
        if (!choices.validDistrict(form.district())) {
            errors.rejectValue("district", "identity.district.invalid");
        }
        if (!errors.hasFieldErrors("password") && !errors.hasFieldErrors("email") && form.passwordIsEmail()) {
            errors.rejectValue("password", "identity.password.sameAsEmail");
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return registerPage(model, locale);
        }
        accounts.register(new AccountService.Registration(form.email(), form.password(), form.displayName(),
            form.nameKana(), form.district(), form.language() == null ? "ja" : form.language()));
        return "redirect:/register/sent";
    }

    @GetMapping("/register/sent")
    String sent() {
        return "identity/register-sent";
    }

    @GetMapping("/register/resend")
    String resendForm(Model model) {
        model.addAttribute("form", new Forms.EmailForm(""));
        return "identity/register-resend";
    }

    /** "Send the mail again", offered where sign-in is refused for an unconfirmed address. */
    @PostMapping("/register/resend")
    String resend(@Valid @ModelAttribute("form") Forms.EmailForm form, BindingResult errors, HttpServletResponse response) {
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "identity/register-resend";
        }
        accounts.resendVerification(form.email().strip());
        return "redirect:/register/sent?again";
    }

    @GetMapping("/verify")
    String verify(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        boolean ok = accounts.verifyEmail(token).isPresent();
        model.addAttribute("verified", ok);
        if (!ok) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "identity/verified";
    }

    @GetMapping("/password/forgot")
    String forgot(Model model) {
        model.addAttribute("form", new Forms.EmailForm(""));
        return "identity/password-forgot";
    }

    @PostMapping("/password/forgot")
    String requestReset(@Valid @ModelAttribute("form") Forms.EmailForm form, BindingResult errors,
                        HttpServletResponse response) {
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "identity/password-forgot";
        }
        accounts.requestPasswordReset(form.email());
        return "redirect:/password/forgot/sent";
    }

    @GetMapping("/password/forgot/sent")
    String resetSent() {
        return "identity/password-forgot-sent";
    }

    @GetMapping("/password/reset")
    String resetForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        if (!accounts.resetTokenValid(token)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "identity/password-reset-invalid";
        }
        model.addAttribute("form", new Forms.ResetForm(token, ""));
        return "identity/password-reset";
    }

    @PostMapping("/password/reset")
    String reset(@Valid @ModelAttribute("form") Forms.ResetForm form, BindingResult errors,
                 HttpServletResponse response) {
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "identity/password-reset";
        }
        if (!accounts.resetPassword(form.token(), form.password())) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "identity/password-reset-invalid";
        }
        return "redirect:/login?reset";
    }

    private String registerPage(Model model, Locale locale) {
        model.addAttribute("districts", choices.districts(locale));
        model.addAttribute("languages", choices.languages());
        return "identity/register";
    }
}
