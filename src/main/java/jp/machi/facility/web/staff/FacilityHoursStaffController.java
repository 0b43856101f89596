package jp.machi.facility.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.machi.facility.TimeRange;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityService;
import jp.machi.facility.internal.HolidayRule;
import jp.machi.facility.internal.HoursRules;
import jp.machi.facility.internal.Room;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.text.LocalizedText;
import jp.machi.shared.web.Forms;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Staff set a facility's opening-hours rules and date exceptions; the next 14 days are shown as computed. The service
 * checks the department scope and audits every change.
 */
@Controller
class FacilityHoursStaffController {

    /** The hours page: the weekly pattern and closure rules. */
    record HoursForm(List<String> weekly, String yearEndFrom, String yearEndTo, String closedDay, String holidayRule,
                     String closedOnHolidays) implements HoursFields {}

    /** A date exception: closed all day, or open in one special period. */
    record ExceptionForm(String day, String kind, String opens, String closes,
                         @Size(max = 200, message = "{facility.error.text}") String reasonJa,
                         @Size(max = 200, message = "{facility.error.text}") String reasonEn) {}

    private final FacilityService service;

    FacilityHoursStaffController(FacilityService service) {
        this.service = service;
    }

    private static long me() {
        return FacilityStaffController.me();
    }

    private static void hoursModel(Model model, Set<Integer> badDays) {
        FacilityStaffController.hoursModel(model, badDays);
    }

    @GetMapping("/staff/facilities/{id}/hours")
    String hours(@PathVariable String id, Model model) {
        Facility f = service.requireEditable(me(), id);
        HoursRules rules = service.rules(id).orElseThrow(FacilityService.NotFound::new);
        model.addAttribute("form", hoursForm(f, rules));
        model.addAttribute("exception", new ExceptionForm("", "closed", "", "", "", ""));
        model.addAttribute("tooManyPeriods", rules.weekly().values().stream().anyMatch(p -> p.size() > 2));
        return hoursPage(model, f, Set.of());
    }

    private static HoursForm hoursForm(Facility f, HoursRules rules) {
        return new HoursForm(StaffInput.slots(rules.weekly()), f.yearEndFrom(), f.yearEndTo(),
            f.weeklyClosedDay() == null ? "" : f.weeklyClosedDay().toString(), f.holidayRule().name(),
            f.closedOnHolidays() ? "true" : null);
    }

    @PostMapping("/staff/facilities/{id}/hours")
    String saveHours(@PathVariable String id, @ModelAttribute("form") HoursForm form, BindingResult errors, Model model,
                     HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = me();
        Facility f = service.requireEditable(me, id);
        StaffInput.Hours h = StaffInput.hours(form, errors);
        if (!errors.hasErrors()) {
            service.updateHours(me, id, h.weekly(), h.yearEndFrom(), h.yearEndTo(), h.closedDay(), h.holidayRule(),
                h.closedOnHolidays());
            redirect.addFlashAttribute("saved", "facility.staff.hoursSaved");
            return "redirect:/staff/facilities/" + id + "/hours";
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("exception", new ExceptionForm("", "closed", "", "", "", ""));
        model.addAttribute("tooManyPeriods", false);
        return hoursPage(model, f, h.badDays());
    }

    @PostMapping("/staff/facilities/{id}/exceptions")
    String addException(@PathVariable String id, @Valid @ModelAttribute("exception") ExceptionForm form, BindingResult errors,
                        Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = me();
        Facility f = service.requireEditable(me, id);
        boolean[] badDate = new boolean[1];
        var day = StaffInput.date(form.day(), badDate);
        if (badDate[0]) {
            errors.rejectValue("day", "facility.error.date");
        }
        boolean closed = !"hours".equals(form.kind());
        if (form.kind() != null && !form.kind().equals("hours") && !form.kind().equals("closed")) {
            errors.rejectValue("kind", "facility.error.tristate");
        }
        TimeRange period = null;
        if (!closed) {
            boolean[] bad = new boolean[1];
            period = StaffInput.period(form.opens(), form.closes(), bad);
            if (bad[0] || period == null) {
                errors.rejectValue("opens", "facility.error.exceptionHours");
            }
        }
        String reasonJa = StaffInput.text(form.reasonJa());
        String reasonEn = StaffInput.text(form.reasonEn());
        if (reasonJa == null && reasonEn != null) {
            errors.rejectValue("reasonJa", "facility.staff.error.reasonJa");
        }
        if (!errors.hasErrors()) {
            service.addException(me, id, day, closed, period, reasonJa == null ? null : new LocalizedText(reasonJa, reasonEn));
            redirect.addFlashAttribute("saved", "facility.staff.exceptionAdded");
            return "redirect:/staff/facilities/" + id + "/hours#exceptions";
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("form", hoursForm(f, service.rules(id).orElseThrow(FacilityService.NotFound::new)));
        model.addAttribute("tooManyPeriods", false);
        return hoursPage(model, f, Set.of());
    }

    @PostMapping("/staff/facilities/{id}/exceptions/{exceptionId}/delete")
    String deleteException(@PathVariable String id, @PathVariable long exceptionId, RedirectAttributes redirect) {
        service.deleteException(me(), id, exceptionId);
        redirect.addFlashAttribute("saved", "facility.staff.exceptionDeleted");
        return "redirect:/staff/facilities/" + id + "/hours#exceptions";
    }

    private String hoursPage(Model model, Facility f, Set<Integer> badDays) {
        model.addAttribute("f", f);
        model.addAttribute("days", service.detail(f.id()).map(FacilityService.Detail::days).orElse(List.of()));
        model.addAttribute("exceptions", service.exceptions(f.id()));
        hoursModel(model, badDays);
        return "facility/staff/hours";
    }

}
