package jp.machi.identity.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.machi.shared.security.Role;
import jp.machi.identity.internal.Account;
import jp.machi.identity.internal.AccountService;
import jp.machi.identity.internal.StaffService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.ward.WardProfile;
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

/** Admins manage staff accounts: create them in departments, change their roles, reset their authenticator. */
@Controller
class StaffAdminController {

    record StaffEditForm(
        @NotBlank(message = "{identity.email.required}") @Size(max = 254, message = "{identity.email.size}")
        @Email(message = "{identity.email.invalid}") String email,
        @NotBlank(message = "{identity.name.required}") @Size(max = 100, message = "{identity.name.size}") String displayName,
        @Pattern(regexp = "ja|en", message = "{identity.language.invalid}") String language,
        List<String> roles,
        List<String> departments,
        Boolean allDepartments) {

        boolean all() {
            return Boolean.TRUE.equals(allDepartments);
        }
    }

    private final StaffService staff;
    private final AccountService accounts;
    private final WardProfile ward;

    StaffAdminController(StaffService staff, AccountService accounts, WardProfile ward) {
        this.staff = staff;
        this.accounts = accounts;
        this.ward = ward;
    }

    private Account admin() {
        long id = CurrentActor.principal().map(MachiPrincipal::accountId).orElseThrow();
        return accounts.account(id).orElseThrow();
    }

    @GetMapping("/admin/staff")
    String list(Model model) {
        model.addAttribute("staff", staff.visibleTo(admin()));
        model.addAttribute("ward", ward);
        return "identity/admin/staff-list";
    }

    @GetMapping("/admin/staff/new")
    String newForm(Model model) {
        model.addAttribute("form", new StaffEditForm("", "", "ja", List.of("STAFF"), List.of(), false));
        return formPage(model, null);
    }

    @PostMapping("/admin/staff/new")
    String create(@Valid @ModelAttribute("form") StaffEditForm form, BindingResult errors, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        StaffService.StaffForm parsed = parse(form, errors);
        if (!errors.hasErrors()) {
            try {
                long id = staff.create(admin(), parsed);
                redirect.addFlashAttribute("saved", "staff.created");
                return "redirect:/admin/staff/" + id;
            } catch (StaffService.NotAllowed e) {
                errors.reject(e.messageKey());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return formPage(model, null);
    }

    @GetMapping("/admin/staff/{id}")
    String edit(@PathVariable long id, Model model) {
        Account s = staff.find(admin(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("form", new StaffEditForm(s.email(), s.displayName(), s.preferredLanguage(),
            s.roles().stream().map(Role::name).toList(), List.copyOf(s.departments()), s.allDepartments()));
        return formPage(model, s);
    }

    @PostMapping("/admin/staff/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") StaffEditForm form, BindingResult errors,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Account s = staff.find(admin(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        StaffService.StaffForm parsed = parse(form, errors);
        if (!errors.hasErrors()) {
            try {
                staff.update(admin(), id, parsed);
                redirect.addFlashAttribute("saved", "staff.saved");
                return "redirect:/admin/staff/" + id;
            } catch (StaffService.NotAllowed e) {
                errors.reject(e.messageKey());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return formPage(model, s);
    }

    @PostMapping("/admin/staff/{id}/reset-2fa")
    String resetTwoFactor(@PathVariable long id, RedirectAttributes redirect) {
        try {
            staff.resetTwoFactor(admin(), id);
        } catch (StaffService.NotAllowed e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("saved", "staff.2faReset");
        return "redirect:/admin/staff/" + id;
    }

    private StaffService.StaffForm parse(StaffEditForm form, BindingResult errors) {
        jp.machi.shared.web.Forms.requireReadable(errors);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : form.roles() == null ? List.<String>of() : form.roles()) {
            try {
                Role role = Role.valueOf(r);
                if (role != Role.RESIDENT) {
                    roles.add(role);
                }
            } catch (IllegalArgumentException e) {
                errors.rejectValue("roles", "staff.error.unknownRole");
            }
        }
        Set<String> departments = new LinkedHashSet<>(form.departments() == null ? List.of() : form.departments());
        for (String d : departments) {
            if (ward.department(d).isEmpty()) {
                errors.rejectValue("departments", "staff.error.unknownDepartment");
            }
        }
        if (departments.isEmpty() && !form.all()) {
            errors.rejectValue("departments", "staff.error.noDepartment");
        }
        return new StaffService.StaffForm(form.email(), form.displayName(), form.language() == null ? "ja" : form.language(),
            roles, departments, form.all());
    }

    private String formPage(Model model, Account existing) {
        Account admin = admin();
        model.addAttribute("existing", existing);
        model.addAttribute("systemAdmin", admin.has(Role.SYSTEM_ADMIN));
        model.addAttribute("grantableRoles", admin.has(Role.SYSTEM_ADMIN)
            ? List.of(Role.STAFF, Role.DEPT_ADMIN, Role.SYSTEM_ADMIN, Role.AUDITOR)
            : List.copyOf(StaffService.DEPT_ADMIN_GRANTABLE));
        model.addAttribute("departments", admin.has(Role.SYSTEM_ADMIN) ? ward.departments()
            : ward.departments().stream().filter(d -> admin.departments().contains(d.code())).toList());
        return "identity/admin/staff-form";
    }
}
