package jp.machi.reservation.rules.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.RuleScope;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.rules.SlotFee;
import jp.machi.reservation.rules.internal.SlotEditor;
import jp.machi.reservation.rules.internal.SlotFeeEditor;
import jp.machi.reservation.web.EditProblems;
import jp.machi.reservation.web.IndexedRows;
import jp.machi.shared.time.MachiClock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff edit the slot templates (コマ) of a ward, facility or room and the fees by slot of the scope's rule. Scopes are
 * checked as for the rules ({@link RuleStaffController#scope}).
 */
@Controller
class SlotStaffController {

    private final RoomRules rules;
    private final SlotEditor slots;
    private final SlotFeeEditor slotFees;
    private final java.time.Clock clock;

    SlotStaffController(RoomRules rules, SlotEditor slots, SlotFeeEditor slotFees, java.time.Clock clock) {
        this.rules = rules;
        this.slots = slots;
        this.slotFees = slotFees;
        this.clock = clock;
    }

    // ---- slot templates ----

    @GetMapping("/staff/reservations/rules/slots")
    String slots(@RequestParam(required = false) String facility, @RequestParam(required = false) String room, Model model) {
        RuleScope scope = RuleStaffController.scope(rules, facility, room);
        List<SlotEditor.Row> rows = new ArrayList<>();
        for (Slot s : rules.ownSlots(scope)) {
            rows.add(new SlotEditor.Row(s.code(), s.labelJa(), s.labelEn(), s.start().toString(), s.end().toString()));
        }
        return slotsPage(scope, rows, List.of(), model);
    }

    private String slotsPage(RuleScope scope, List<SlotEditor.Row> rows, List<EditRefused.Problem> problems, Model model) {
        List<SlotEditor.Row> shown = new ArrayList<>(rows);
        int size = Math.min(SlotEditor.MAX_SLOTS, Math.max(6, rows.size() + 3));
        while (shown.size() < size) {
            shown.add(new SlotEditor.Row("", "", "", "", ""));
        }
        model.addAttribute("scope", scope);
        model.addAttribute("own", rules.ownSlots(scope));
        model.addAttribute("inherited", rules.inheritedSlots(scope));
        model.addAttribute("rows", shown);
        EditProblems.show(model, problems);
        return "reservation/rules/staff/slots";
    }

    /** Replaces the scope's slots by the filled rows; no filled row gives the scope back to the wider scope's slots. */
    @PostMapping("/staff/reservations/rules/slots")
    String saveSlots(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                     HttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        RuleScope scope = RuleStaffController.scope(rules, facility, room);
        List<SlotEditor.Row> rows = IndexedRows.read(request, "slots", SlotEditor.MAX_SLOTS + 4, "code", "labelJa",
            "labelEn", "start", "end").stream().map(v -> new SlotEditor.Row(v[0], v[1], v[2], v[3], v[4])).toList();
        try {
            slots.replace(scope, slots.validate(rows), java.time.LocalDate.now(clock.withZone(MachiClock.ZONE)));
            redirect.addFlashAttribute("slotsSaved", true);
            return "redirect:/staff/reservations/rules/slots" + query(scope);
        } catch (EditRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return slotsPage(scope, rows, e.problems(), model);
        }
    }

    // ---- fees by slot ----

    @GetMapping("/staff/reservations/rules/slot-fees")
    String slotFees(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                    Model model) {
        RuleScope scope = RuleStaffController.scope(rules, facility, room);
        Map<String, SlotFee> current = slotFees.rule(scope).map(Rule::slotFees).orElse(Map.of());
        Map<String, SlotFeeEditor.Entry> entries = new LinkedHashMap<>();
        for (Slot s : rules.slotsOf(scope)) {
            SlotFee f = current.get(s.code());
            entries.put(s.code(), f == null ? new SlotFeeEditor.Entry("", "", "")
                : new SlotFeeEditor.Entry("" + f.resident(), "" + f.nonResident(), "" + f.commercial()));
        }
        return slotFeesPage(scope, entries, List.of(), model);
    }

    private String slotFeesPage(RuleScope scope, Map<String, SlotFeeEditor.Entry> entries, List<EditRefused.Problem> problems,
                                Model model) {
        model.addAttribute("scope", scope);
        model.addAttribute("hasRule", slotFees.rule(scope).isPresent());
        model.addAttribute("slots", rules.slotsOf(scope));
        model.addAttribute("entries", entries);
        EditProblems.show(model, problems);
        return "reservation/rules/staff/slot-fees";
    }

    /** Sets the fees of the scope's rule per slot; a slot left blank costs the rule's fees. 409 without a rule here. */
    @PostMapping("/staff/reservations/rules/slot-fees")
    String saveSlotFees(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                        HttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        RuleScope scope = RuleStaffController.scope(rules, facility, room);
        Map<String, SlotFeeEditor.Entry> entries = new LinkedHashMap<>();
        for (Slot s : rules.slotsOf(scope)) {
            String p = "fee." + s.code() + ".";
            entries.put(s.code(), new SlotFeeEditor.Entry(value(request, p + "resident"), value(request, p + "nonResident"),
                value(request, p + "commercial")));
        }
        Long ruleId = slotFees.rule(scope).map(Rule::id).orElse(null);
        if (ruleId == null) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return slotFeesPage(scope, entries, List.of(new EditRefused.Problem("rule-link", "reservation.slotFees.error.noRule",
                List.of())), model);
        }
        try {
            slotFees.replace(ruleId, scope, slotFees.validate(entries));
            redirect.addFlashAttribute("slotFeesSaved", true);
            return "redirect:/staff/reservations/rules/slot-fees" + query(scope);
        } catch (EditRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return slotFeesPage(scope, entries, e.problems(), model);
        }
    }

    private static String value(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v;
    }

    /** The query string that names the scope again ({@code ?room=…}, {@code ?facility=…} or nothing for the ward). */
    private static String query(RuleScope scope) {
        return scope.room() != null ? "?room=" + scope.room().id()
            : scope.facility() != null ? "?facility=" + URLEncoder.encode(scope.facility().id(), StandardCharsets.UTF_8) : "";
    }
}
