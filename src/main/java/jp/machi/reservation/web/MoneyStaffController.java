package jp.machi.reservation.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.FacilitySummary;
import jp.machi.reservation.internal.Booking;
import jp.machi.reservation.internal.EditRefused;
import jp.machi.reservation.internal.Money;
import jp.machi.reservation.internal.MoneyRules;
import jp.machi.reservation.internal.ReservationException;
import jp.machi.reservation.internal.ReservationService;
import jp.machi.reservation.internal.PartEditor;
import jp.machi.reservation.internal.RoomPart;
import jp.machi.reservation.internal.RoomParts;
import jp.machi.reservation.internal.RuleEditor;
import jp.machi.reservation.internal.Slot;
import jp.machi.reservation.internal.SlotEditor;
import jp.machi.reservation.internal.SlotFee;
import jp.machi.reservation.internal.SlotFeeEditor;
import jp.machi.reservation.internal.StaffReservations;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff money pages: the rules (fees, payment deadline, refund tiers, penalties) per ward, facility and room; the
 * reduction requests waiting for a decision; and, on a booking, approving or rejecting its reduction, check-in and
 * no-show. Ward-wide rules are for system admins; facility and room rules for staff who may see the facility.
 */
@Controller
class MoneyStaffController {

    private final Money money;
    private final StaffReservations staff;
    private final ReservationService service;
    private final RuleEditor editor;
    private final SlotEditor slots;
    private final PartEditor partEditor;
    private final SlotFeeEditor slotFees;
    private final RoomParts parts;
    private final AuditLog audit;

    MoneyStaffController(Money money, StaffReservations staff, ReservationService service, RuleEditor editor,
                         SlotEditor slots, PartEditor partEditor, RoomParts parts, SlotFeeEditor slotFees,
                         AuditLog audit) {
        this.slotFees = slotFees;
        this.slots = slots;
        this.partEditor = partEditor;
        this.parts = parts;
        this.money = money;
        this.staff = staff;
        this.service = service;
        this.editor = editor;
        this.audit = audit;
    }

    private static long me() {
        return CurrentActor.principal().filter(MachiPrincipal::isStaff).map(MachiPrincipal::accountId)
            .orElseThrow(() -> new AccessDeniedException("staff only"));
    }

    private static boolean systemAdmin() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_SYSTEM_ADMIN".equals(a.getAuthority()));
    }

    // ---- rules ----

    /** A rule row as the list shows it, with the names of its scope. */
    record RuleRow(MoneyRules rules, String facilityName, String roomName) {}

    @GetMapping("/staff/reservations/rules")
    String rules(Model model) {
        long me = me();
        List<FacilitySummary> mine = staff.facilitiesFor(me);
        Set<String> ids = new HashSet<>();
        mine.forEach(f -> ids.add(f.id()));
        List<RuleRow> rows = new ArrayList<>();
        for (MoneyRules r : editor.all()) {
            if (r.facilityId() == null && r.roomId() == null) {
                rows.add(new RuleRow(r, null, null));
                continue;
            }
            var scope = editor.scopeNames(r.facilityId(), r.roomId()).orElse(null);
            if (scope != null && ids.contains(scope.facility().id())) {
                rows.add(new RuleRow(r, scope.facility().name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()),
                    scope.room() == null ? null : scope.room().name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale())));
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("facilities", service.bookableRoomsByFacility().entrySet().stream()
            .filter(e -> ids.contains(e.getKey().id())).toList());
        model.addAttribute("admin", systemAdmin());
        return "reservation/money/rules";
    }

    @GetMapping("/staff/reservations/rules/edit")
    String edit(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                Model model) {
        RuleEditor.Scope scope = scope(facility, room);
        model.addAttribute("form", RuleEditor.Form.of(editor.current(scope)));
        return editPage(scope, model);
    }

    private String editPage(RuleEditor.Scope scope, Model model) {
        model.addAttribute("scope", scope);
        model.addAttribute("exists", editor.exists(scope));
        return "reservation/money/rule-edit";
    }

    @PostMapping("/staff/reservations/rules/edit")
    String save(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                @ModelAttribute("form") RuleEditor.Form form, BindingResult errors, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        RuleEditor.Scope scope = scope(facility, room);
        MoneyRules parsed = editor.validate(scope, form, errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return editPage(scope, model);
        }
        editor.save(parsed);
        audit.record(AuditEvent.byCurrentActor("reservation.rule.update", null, "rule:" + scope.code(), form.summary()));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/reservations/rules";
    }

    // ---- slot templates ----

    @GetMapping("/staff/reservations/rules/slots")
    String slots(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                 Model model) {
        RuleEditor.Scope scope = scope(facility, room);
        List<SlotEditor.Row> rows = new ArrayList<>();
        for (Slot s : slots.own(scope)) {
            rows.add(new SlotEditor.Row(s.code(), s.labelJa(), s.labelEn(), s.start().toString(), s.end().toString()));
        }
        return slotsPage(scope, rows, List.of(), model);
    }

    private String slotsPage(RuleEditor.Scope scope, List<SlotEditor.Row> rows, List<EditRefused.Problem> problems, Model model) {
        List<SlotEditor.Row> shown = new ArrayList<>(rows);
        int size = Math.min(SlotEditor.MAX_SLOTS, Math.max(6, rows.size() + 3));
        while (shown.size() < size) {
            shown.add(new SlotEditor.Row("", "", "", "", ""));
        }
        model.addAttribute("scope", scope);
        model.addAttribute("own", slots.own(scope));
        model.addAttribute("inherited", slots.inherited(scope));
        model.addAttribute("rows", shown);
        EditProblems.show(model, problems);
        return "reservation/money/slots";
    }

    /** Replaces the scope's slots by the filled rows; no filled row gives the scope back to the wider scope's slots. */
    @PostMapping("/staff/reservations/rules/slots")
    String saveSlots(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                     jakarta.servlet.http.HttpServletRequest request, Model model, HttpServletResponse response,
                     RedirectAttributes redirect) {
        RuleEditor.Scope scope = scope(facility, room);
        List<SlotEditor.Row> rows = rows(request, "slots", SlotEditor.MAX_SLOTS + 4, "code", "labelJa", "labelEn", "start", "end")
            .stream().map(v -> new SlotEditor.Row(v[0], v[1], v[2], v[3], v[4])).toList();
        try {
            List<Slot> parsed = slots.validate(rows);
            slots.replace(scope, parsed, service.today());
            redirect.addFlashAttribute("slotsSaved", true);
            return "redirect:/staff/reservations/rules/slots" + query(scope);
        } catch (EditRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return slotsPage(scope, rows, e.problems(), model);
        }
    }

    /** The query string that names the scope again ({@code ?room=…}, {@code ?facility=…} or nothing for the ward). */
    private static String query(RuleEditor.Scope scope) {
        return scope.room() != null ? "?room=" + scope.room().id()
            : scope.facility() != null ? "?facility=" + java.net.URLEncoder.encode(scope.facility().id(), java.nio.charset.StandardCharsets.UTF_8)
            : "";
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    /**
     * The rows of a form whose fields are named {@code prefix[i].field}, each as the values of {@code fields} in order
     * ("" when absent), up to {@code max} rows; trailing empty rows are dropped (the row numbers stay those of the form).
     */
    private static List<String[]> rows(jakarta.servlet.http.HttpServletRequest request, String prefix, int max, String... fields) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            String[] values = new String[fields.length];
            for (int f = 0; f < fields.length; f++) {
                values[f] = n(request.getParameter(prefix + "[" + i + "]." + fields[f]));
            }
            rows.add(values);
        }
        while (!rows.isEmpty() && java.util.Arrays.stream(rows.getLast()).allMatch(String::isBlank)) {
            rows.removeLast();
        }
        return rows;
    }

    // ---- fees by slot ----

    @GetMapping("/staff/reservations/rules/slot-fees")
    String slotFees(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                    Model model) {
        RuleEditor.Scope scope = scope(facility, room);
        java.util.Map<String, SlotFeeEditor.Entry> entries = new java.util.LinkedHashMap<>();
        java.util.Map<String, SlotFee> current = slotFees.ruleId(scope).map(slotFees::current).orElse(java.util.Map.of());
        for (Slot s : slotFees.slotsOf(scope)) {
            SlotFee f = current.get(s.code());
            entries.put(s.code(), f == null ? new SlotFeeEditor.Entry("", "", "")
                : new SlotFeeEditor.Entry("" + f.resident(), "" + f.nonResident(), "" + f.commercial()));
        }
        return slotFeesPage(scope, entries, List.of(), model);
    }

    private String slotFeesPage(RuleEditor.Scope scope, java.util.Map<String, SlotFeeEditor.Entry> entries,
                                List<EditRefused.Problem> problems, Model model) {
        model.addAttribute("scope", scope);
        model.addAttribute("hasRule", slotFees.ruleId(scope).isPresent());
        model.addAttribute("slots", slotFees.slotsOf(scope));
        model.addAttribute("entries", entries);
        EditProblems.show(model, problems);
        return "reservation/money/slot-fees";
    }

    /** Sets the fees of the scope's rule per slot; a slot left blank costs the rule's fees. 409 without a rule here. */
    @PostMapping("/staff/reservations/rules/slot-fees")
    String saveSlotFees(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                        jakarta.servlet.http.HttpServletRequest request, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        RuleEditor.Scope scope = scope(facility, room);
        java.util.Map<String, SlotFeeEditor.Entry> entries = new java.util.LinkedHashMap<>();
        for (Slot s : slotFees.slotsOf(scope)) {
            String p = "fee." + s.code() + ".";
            entries.put(s.code(), new SlotFeeEditor.Entry(n(request.getParameter(p + "resident")),
                n(request.getParameter(p + "nonResident")), n(request.getParameter(p + "commercial"))));
        }
        Long ruleId = slotFees.ruleId(scope).orElse(null);
        if (ruleId == null) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return slotFeesPage(scope, entries, List.of(new EditRefused.Problem("rule-link", "reservation.slotFees.error.noRule",
                List.of())), model);
        }
        try {
            java.util.Map<String, SlotFee> fees = slotFees.validate(entries);
            slotFees.replace(ruleId, scope, fees);
            redirect.addFlashAttribute("slotFeesSaved", true);
            return "redirect:/staff/reservations/rules/slot-fees" + query(scope);
        } catch (EditRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return slotFeesPage(scope, entries, e.problems(), model);
        }
    }

    // ---- parts of a splittable room ----

    @GetMapping("/staff/reservations/rules/parts")
    String parts(@RequestParam(required = false) String room, Model model) {
        RuleEditor.Scope scope = roomScope(room);
        List<PartEditor.Row> rows = new ArrayList<>();
        for (RoomPart p : parts.of(scope.room().id())) {
            rows.add(new PartEditor.Row(p.code(), p.labelJa(), p.labelEn(), p.capacity() == null ? "" : "" + p.capacity()));
        }
        return partsPage(scope, rows, List.of(), model);
    }

    private RuleEditor.Scope roomScope(String room) {
        if (room == null || room.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return scope(null, room);
    }

    private String partsPage(RuleEditor.Scope scope, List<PartEditor.Row> rows, List<EditRefused.Problem> problems, Model model) {
        List<PartEditor.Row> shown = new ArrayList<>(rows);
        while (shown.size() < Math.min(PartEditor.MAX_PARTS, Math.max(4, rows.size() + 2))) {
            shown.add(new PartEditor.Row("", "", "", ""));
        }
        model.addAttribute("scope", scope);
        model.addAttribute("rows", shown);
        EditProblems.show(model, problems);
        return "reservation/money/parts";
    }

    /** Replaces the room's parts by the filled rows (none: the room is booked whole only). */
    @PostMapping("/staff/reservations/rules/parts")
    String saveParts(@RequestParam(required = false) String room, jakarta.servlet.http.HttpServletRequest request, Model model,
                     HttpServletResponse response, RedirectAttributes redirect) {
        RuleEditor.Scope scope = roomScope(room);
        List<PartEditor.Row> rows = rows(request, "parts", PartEditor.MAX_PARTS + 2, "code", "labelJa", "labelEn", "capacity")
            .stream().map(v -> new PartEditor.Row(v[0], v[1], v[2], v[3])).toList();
        try {
            List<RoomPart> wanted = partEditor.validate(scope.room().id(), rows);
            partEditor.replace(scope.room().id(), wanted);
            redirect.addFlashAttribute("partsSaved", true);
            return "redirect:/staff/reservations/rules/parts?room=" + scope.room().id();
        } catch (EditRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return partsPage(scope, rows, e.problems(), model);
        }
    }

    /** The scope asked for; 404 for an unknown or invisible one, 403 for the ward without system-admin rights. */
    private RuleEditor.Scope scope(String facility, String room) {
        long me = me();
        RuleEditor.Scope scope = editor.scope(blankToNull(facility), ReservationController.id(room).orElse(null),
                room != null && !room.isBlank())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (scope.facility() == null) {
            if (!systemAdmin()) {
                throw new AccessDeniedException("ward rules are for system admins");
            }
            return scope;
        }
        if (staff.facilitiesFor(me).stream().noneMatch(f -> f.id().equals(scope.facility().id()))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return scope;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- reductions ----

    record ReductionRow(Booking booking, Money.View money, String facilityName) {}

    @GetMapping("/staff/reservations/reductions")
    String reductions(Model model) {
        long me = me();
        Set<String> ids = new HashSet<>();
        staff.facilitiesFor(me).forEach(f -> ids.add(f.id()));
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("rows", money.requestedReductions().stream().filter(b -> ids.contains(b.facilityId()))
            .map(b -> new ReductionRow(b, money.view(b), service.bookableRoom(b.roomId())
                .map(r -> r.facility().name().in(locale) + " " + r.room().name().in(locale)).orElse(b.facilityId())))
            .toList());
        model.addAttribute("admin", systemAdmin());
        return "reservation/money/reductions";
    }

    @PostMapping("/staff/reservations/bookings/{id}/reduction")
    String decide(@PathVariable String id, @RequestParam(required = false) String decision, RedirectAttributes redirect) {
        long me = me();
        long b = visible(me, id);
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision");
        }
        try {
            money.decideReduction(me, b, "approve".equals(decision));
            redirect.addFlashAttribute("done", "approve".equals(decision) ? "reservation.money.staff.approved"
                : "reservation.money.staff.rejected");
        } catch (ReservationException e) {
            redirect.addFlashAttribute("refusal", e.refusal().code());
        }
        return "redirect:/staff/reservations/bookings/" + b;
    }

    // ---- check-in and no-show ----

    @PostMapping("/staff/reservations/bookings/{id}/check-in")
    String checkIn(@PathVariable String id, RedirectAttributes redirect) {
        long me = me();
        long b = visible(me, id);
        try {
            money.checkIn(me, b);
            redirect.addFlashAttribute("done", "reservation.money.staff.checkedIn");
        } catch (ReservationException e) {
            redirect.addFlashAttribute("refusal", e.refusal().code());
        }
        return "redirect:/staff/reservations/bookings/" + b;
    }

    @PostMapping("/staff/reservations/bookings/{id}/no-show")
    String noShow(@PathVariable String id, RedirectAttributes redirect) {
        long me = me();
        long b = visible(me, id);
        try {
            money.noShow(me, b);
            redirect.addFlashAttribute("done", "reservation.money.staff.noShowDone");
        } catch (ReservationException e) {
            redirect.addFlashAttribute("refusal", e.refusal().code());
        }
        return "redirect:/staff/reservations/bookings/" + b;
    }

    private long visible(long me, String id) {
        return ReservationController.id(id).flatMap(b -> staff.visible(me, b)).map(Booking::id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
