package jp.machi.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Optional;
import jp.machi.identity.internal.AccountService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A resident whom staff registered at the counter (no e-mail address) takes the account over with the claim
 * code they were given: their own address and a password, then the usual verification mail.
 */
@Controller
class ClaimController {

    private final AccountService accounts;
    private final Choices choices;

    ClaimController(AccountService accounts, Choices choices) {
        this.accounts = accounts;
        this.choices = choices;
    }

    record ClaimForm(
        @NotBlank(message = "{identity.claim.code.required}") @Size(max = 40, message = "{identity.claim.code.wrong}") String code,
        @NotBlank(message = "{identity.email.required}") @Size(max = 254, message = "{identity.email.size}")
        @Email(message = "{identity.email.invalid}") String email,
        @NewPassword String password,
        @Pattern(regexp = "ja|en", message = "{identity.language.invalid}") String language) {}

    @GetMapping("/claim")
    String form(Model model, Locale locale) {
        model.addAttribute("form", new ClaimForm("", "", "", "en".equals(locale.getLanguage()) ? "en" : "ja"));
        model.addAttribute("languages", choices.languages());
        return "identity/claim";
    }

    @PostMapping("/claim")
    String claim(@Valid @ModelAttribute("form") ClaimForm form, BindingResult errors, Model model, HttpServletResponse response) {
        if (!errors.hasErrors()) {
            Optional<AccountService.ClaimProblem> problem = accounts.claim(form.code(), form.email().strip(), form.password(),
                form.language() == null ? "ja" : form.language());
            if (problem.isEmpty()) {
                return "redirect:/register/sent";
            }
            switch (problem.get()) {
                case CODE -> errors.rejectValue("code", "identity.claim.code.wrong");
                case EMAIL_TAKEN -> errors.rejectValue("email", "identity.claim.email.taken");
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("languages", choices.languages());
        return "identity/claim";
    }
}
