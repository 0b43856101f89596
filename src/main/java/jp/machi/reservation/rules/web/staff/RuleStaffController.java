package jp.machi.reservation.rules.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.RuleScope;
import jp.machi.reservation.rules.internal.RuleEditor;
import jp.machi.reservation.web.StaffPages;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff edit the booking rules (window, cut-off, cap, fees, payment deadline, refund tiers, penalties) per ward,
 * facility and room. Ward-wide rules are for system admins; facility and room rules for staff who may see the
 * facility (others get 404, as for an unknown one).
 */
@Controller
class RuleStaffController {

    private final RoomRules rules;
    private final RuleEditor editor;

    RuleStaffController(RoomRules rules, RuleEditor editor) {
        this.rules = rules;
        this.editor = editor;
    }

    /** A rule row as the list shows it, with the names of its scope. */
    record RuleRow(Rule rules, String facilityName, String roomName) {}

    @GetMapping("/staff/reservations/rules")
    String list(Model model, Locale locale) {
        Map<FacilitySummary, List<RoomSummary>> mine = rules.facilitiesFor(StaffPages.staffId());
        List<RuleRow> rows = new ArrayList<>();
        for (Rule r : rules.all()) {
            if (r.facilityId() == null && r.roomId() == null) {
                rows.add(new RuleRow(r, null, null));
                continue;
            }
            rules.scopeNames(r.facilityId(), r.roomId()).filter(s -> mine.containsKey(s.facility()))
                .ifPresent(s -> rows.add(new RuleRow(r, s.facility().name().in(locale),
                    s.room() == null ? null : s.room().name().in(locale))));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("facilities", mine.entrySet().stream().toList());
        model.addAttribute("admin", StaffPages.systemAdmin());
        return "reservation/rules/staff/rules";
    }

    @GetMapping("/staff/reservations/rules/edit")
    String edit(@RequestParam(required = false) String facility, @RequestParam(required = false) String room, Model model) {
        RuleScope scope = scope(rules, facility, room);
        model.addAttribute("form", RuleEditor.Form.of(editor.current(scope)));
        return editPage(scope, model);
    }

    private String editPage(RuleScope scope, Model model) {
        model.addAttribute("scope", scope);
        model.addAttribute("exists", editor.exists(scope));
        return "reservation/rules/staff/rule-edit";
    }

    @PostMapping("/staff/reservations/rules/edit")
    String save(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                @ModelAttribute("form") RuleEditor.Form form, BindingResult errors, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        RuleScope scope = scope(rules, facility, room);
        Rule parsed = editor.validate(scope, form, errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return editPage(scope, model);
        }
        editor.save(scope, parsed, form.summary());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/reservations/rules";
    }

    /** The scope asked for; 404 for an unknown or invisible one, 403 for the ward without system-admin rights. */
    static RuleScope scope(RoomRules rules, String facility, String room) {
        RuleScope scope = rules.scopeFor(StaffPages.staffId(), facility, room)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (scope.facility() == null && !StaffPages.systemAdmin()) {
            throw new AccessDeniedException("ward rules are for system admins");
        }
        return scope;
    }
}
