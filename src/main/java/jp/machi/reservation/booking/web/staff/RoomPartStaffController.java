package jp.machi.reservation.booking.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.booking.internal.PartEditor;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.RuleScope;
import jp.machi.reservation.web.EditProblems;
import jp.machi.reservation.web.IndexedRows;
import jp.machi.reservation.web.StaffPages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff split a room into parts (体育館 A面/B面) that can be booked on their own; rooms of other departments are 404. */
@Controller
class RoomPartStaffController {

    private final RoomRules rules;
    private final BookableRooms rooms;
    private final PartEditor editor;

    RoomPartStaffController(RoomRules rules, BookableRooms rooms, PartEditor editor) {
        this.rules = rules;
        this.rooms = rooms;
        this.editor = editor;
    }

    @GetMapping("/staff/reservations/rules/parts")
    String parts(@RequestParam(required = false) String room, Model model) {
        RuleScope scope = roomScope(room);
        List<PartEditor.Row> rows = new ArrayList<>();
        for (RoomPart p : rooms.parts(scope.room().id())) {
            rows.add(new PartEditor.Row(p.code(), p.labelJa(), p.labelEn(), p.capacity() == null ? "" : "" + p.capacity()));
        }
        return page(scope, rows, List.of(), model);
    }

    /** Replaces the room's parts by the filled rows (none: the room is booked whole only). */
    @PostMapping("/staff/reservations/rules/parts")
    String save(@RequestParam(required = false) String room, HttpServletRequest request, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        RuleScope scope = roomScope(room);
        List<PartEditor.Row> rows = IndexedRows.read(request, "parts", PartEditor.MAX_PARTS + 2, "code", "labelJa",
            "labelEn", "capacity").stream().map(v -> new PartEditor.Row(v[0], v[1], v[2], v[3])).toList();
        try {
            editor.replace(scope.room().id(), editor.validate(scope.room().id(), rows));
            redirect.addFlashAttribute("partsSaved", true);
            return "redirect:/staff/reservations/rules/parts?room=" + scope.room().id();
        } catch (EditRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(scope, rows, e.problems(), model);
        }
    }

    private String page(RuleScope scope, List<PartEditor.Row> rows, List<EditRefused.Problem> problems, Model model) {
        List<PartEditor.Row> shown = new ArrayList<>(rows);
        while (shown.size() < Math.min(PartEditor.MAX_PARTS, Math.max(4, rows.size() + 2))) {
            shown.add(new PartEditor.Row("", "", "", ""));
        }
        model.addAttribute("scope", scope);
        model.addAttribute("rows", shown);
        EditProblems.show(model, problems);
        return "reservation/booking/staff/parts";
    }

    /** The room asked for when the staff member may see its facility; 404 otherwise (no room: 404 too). */
    private RuleScope roomScope(String room) {
        if (room == null || room.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return rules.scopeFor(StaffPages.staffId(), null, room).filter(s -> s.room() != null)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
