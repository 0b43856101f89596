package jp.machi.reservation.money.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.money.internal.ReductionCategoryEditor;
import jp.machi.reservation.web.EditProblems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * System admins keep the list of reduction categories (減免区分): the list, a new category, editing one (names,
 * percentage, order, active). Staff approve the reductions themselves on the bookings (the booking core's staff pages).
 */
@Controller
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class ReductionCategoryStaffController {

    private final ReductionCategoryEditor categories;

    ReductionCategoryStaffController(ReductionCategoryEditor categories) {
        this.categories = categories;
    }

    @GetMapping("/staff/reservations/reductions/categories")
    String list(Model model) {
        model.addAttribute("entries", categories.all());
        return "reservation/money/staff/reduction-categories";
    }

    @GetMapping("/staff/reservations/reductions/categories/new")
    String create(Model model) {
        return form(model, new ReductionCategoryEditor.Form("", "", "", "50", "100", true), true, null);
    }

    @GetMapping("/staff/reservations/reductions/categories/{code}")
    String edit(@PathVariable String code, Model model) {
        var e = categories.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var c = e.category();
        return form(model, new ReductionCategoryEditor.Form(c.code(), c.labelJa(), c.labelEn(), "" + c.percent(), "" + e.sortOrder(),
            e.active()), false, null);
    }

    private String form(Model model, ReductionCategoryEditor.Form form, boolean isNew, EditRefused refused) {
        model.addAttribute("form", form);
        model.addAttribute("isNew", isNew);
        EditProblems.show(model, refused == null ? java.util.List.of() : refused.problems());
        return "reservation/money/staff/reduction-category";
    }

    @PostMapping("/staff/reservations/reductions/categories")
    String saveNew(@RequestParam(required = false) String code, @RequestParam(required = false) String labelJa,
                   @RequestParam(required = false) String labelEn, @RequestParam(required = false) String percent,
                   @RequestParam(required = false) String sortOrder, @RequestParam(required = false) String active,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(new ReductionCategoryEditor.Form(code, labelJa, labelEn, percent, sortOrder, active != null), true, model,
            response, redirect);
    }

    @PostMapping("/staff/reservations/reductions/categories/{code}")
    String saveExisting(@PathVariable String code, @RequestParam(required = false) String labelJa,
                        @RequestParam(required = false) String labelEn, @RequestParam(required = false) String percent,
                        @RequestParam(required = false) String sortOrder, @RequestParam(required = false) String active,
                        Model model, HttpServletResponse response, RedirectAttributes redirect) {
        categories.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return save(new ReductionCategoryEditor.Form(code, labelJa, labelEn, percent, sortOrder, active != null), false, model,
            response, redirect);
    }

    private String save(ReductionCategoryEditor.Form form, boolean isNew, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        try {
            categories.save(form, isNew);
        } catch (EditRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, form, isNew, e);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/reservations/reductions/categories";
    }
}
