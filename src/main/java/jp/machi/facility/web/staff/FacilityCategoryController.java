package jp.machi.facility.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.FacilityService;
import jp.machi.shared.web.Forms;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * System admins keep the ward's facility categories (the taxonomy residents filter by). A category's code is
 * fixed once created because facilities, saved searches and the API refer to it.
 */
@Controller
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class FacilityCategoryController {

    record CategoryForm(
        @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$", message = "{facility.category.error.code}") String code,
        @NotBlank(message = "{facility.category.error.name}") @Size(max = 100, message = "{facility.category.error.name}") String nameJa,
        @NotBlank(message = "{facility.category.error.name}") @Size(max = 100, message = "{facility.category.error.name}") String nameEn,
        String sortOrder) {}

    private final FacilityService service;

    FacilityCategoryController(FacilityService service) {
        this.service = service;
    }

    @GetMapping("/staff/facilities/categories")
    String list(Model model) {
        model.addAttribute("form", new CategoryForm("", "", "", "100"));
        return listPage(model);
    }

    @PostMapping("/staff/facilities/categories")
    String create(@Valid @ModelAttribute("form") CategoryForm form, BindingResult errors, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        Category c = category(form, errors);
        if (!errors.hasErrors()) {
            try {
                service.saveCategory(c, true);
                redirect.addFlashAttribute("saved", "facility.category.created");
                return "redirect:/staff/facilities/categories";
            } catch (FacilityService.Rejected e) {
                errors.rejectValue(e.field(), e.messageKey());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return listPage(model);
    }

    @GetMapping("/staff/facilities/categories/{code}")
    String edit(@PathVariable String code, Model model) {
        Category c = find(code);
        model.addAttribute("form", new CategoryForm(c.code(), c.nameJa(), c.nameEn(), Integer.toString(c.sortOrder())));
        model.addAttribute("category", c);
        return "facility/staff/category";
    }

    @PostMapping("/staff/facilities/categories/{code}")
    String update(@PathVariable String code, @Valid @ModelAttribute("form") CategoryForm form, BindingResult errors,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        Category before = find(code);
        CategoryForm fixed = new CategoryForm(before.code(), form.nameJa(), form.nameEn(), form.sortOrder());
        Category c = category(fixed, errors);
        if (!errors.hasErrors()) {
            service.saveCategory(c, false);
            redirect.addFlashAttribute("saved", "facility.category.saved");
            return "redirect:/staff/facilities/categories";
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("category", before);
        return "facility/staff/category";
    }

    private Category find(String code) {
        return service.categories().stream().filter(c -> c.code().equals(code)).findFirst()
            .orElseThrow(FacilityService.NotFound::new);
    }

    private static Category category(CategoryForm form, BindingResult errors) {
        boolean[] bad = new boolean[1];
        Integer sort = StaffInput.integer(form.sortOrder(), bad);
        if (bad[0]) {
            errors.rejectValue("sortOrder", "facility.category.error.sort");
        }
        return new Category(form.code() == null ? "" : form.code(), StaffInput.text(form.nameJa()),
            StaffInput.text(form.nameEn()), sort == null ? 100 : sort);
    }

    private String listPage(Model model) {
        model.addAttribute("categories", service.categories());
        return "facility/staff/categories";
    }
}
