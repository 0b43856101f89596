package jp.machi.reservation.groups.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import jp.machi.reservation.groups.GroupSettings;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.StaffPages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages for groups: the list (waiting ones first), one group with its members (audited), approve or reject a
 * registration or a renewal, and the ward-wide group settings. Groups are ward-wide, so every staff member sees them.
 */
@Controller
class GroupStaffController {

    private final GroupService groups;

    GroupStaffController(GroupService groups) {
        this.groups = groups;
    }

    static long staff() {
        return StaffPages.staffId();
    }

    @GetMapping("/staff/reservations/groups")
    String list(Model model) {
        staff();
        GroupSettings s = groups.settings();
        return listPage(model, new SettingsForm("" + s.minMembers(), "" + s.minInWardPercent(), "" + s.validityMonths(),
            "" + s.monthlyCap()), List.of());
    }

    private String listPage(Model model, SettingsForm settings, List<GroupService.Problem> problems) {
        model.addAttribute("groups", groups.forStaff());
        model.addAttribute("settings", java.util.Map.of("minMembers", String.valueOf(settings.minMembers()),
            "minInWardPercent", String.valueOf(settings.minInWardPercent()), "validityMonths",
            String.valueOf(settings.validityMonths()), "monthlyCap", String.valueOf(settings.monthlyCap())));
        model.addAttribute("problems", problems);
        model.addAttribute("badFields", problems.stream().map(GroupService.Problem::field).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("today", groups.today());
        return "reservation/groups/staff/list";
    }

    /** The settings form as typed. */
    public record SettingsForm(String minMembers, String minInWardPercent, String validityMonths, String monthlyCap) {}

    @PostMapping("/staff/reservations/groups/settings")
    String settings(@RequestParam(required = false) String minMembers, @RequestParam(required = false) String minInWardPercent,
                    @RequestParam(required = false) String validityMonths, @RequestParam(required = false) String monthlyCap,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        staff();
        List<GroupService.Problem> problems = new ArrayList<>();
        Integer members = number(minMembers, 1, 1000, "minMembers", problems);
        Integer percent = number(minInWardPercent, 0, 100, "minInWardPercent", problems);
        Integer months = number(validityMonths, 1, 60, "validityMonths", problems);
        Integer cap = number(monthlyCap, 1, 1000, "monthlyCap", problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return listPage(model, new SettingsForm(minMembers, minInWardPercent, validityMonths, monthlyCap), problems);
        }
        groups.updateSettings(new GroupSettings(members, percent, months, cap));
        redirect.addFlashAttribute("done", "reservation.group.staff.settingsSaved");
        return "redirect:/staff/reservations/groups";
    }

    static Integer number(String s, int min, int max, String field, List<GroupService.Problem> problems) {
        if (s != null && s.strip().matches("\\d{1,5}")) {
            int v = Integer.parseInt(s.strip());
            if (v >= min && v <= max) {
                return v;
            }
        }
        problems.add(new GroupService.Problem(field, "reservation.group.staff.error.range", List.of(min, max)));
        return null;
    }

    @GetMapping("/staff/reservations/groups/{id}")
    String group(@PathVariable String id, Model model) {
        staff();
        var g = Params.id(id).flatMap(groups::read)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("group", g);
        model.addAttribute("members", groups.members(g.id()));
        model.addAttribute("today", groups.today());
        model.addAttribute("settings", groups.settings());
        model.addAttribute("used", groups.bookingsInMonth(g.id(), groups.today()));
        return "reservation/groups/staff/group";
    }

    @PostMapping("/staff/reservations/groups/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        long me = staff();
        long g = Params.id(id).flatMap(groups::find).map(x -> x.id())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String n = strip(note);
        if (n.length() > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        redirect.addFlashAttribute("done", groups.approve(me, g, n.isEmpty() ? null : n) ? "reservation.group.staff.approved"
            : "reservation.group.nothingToDo");
        return "redirect:/staff/reservations/groups/" + g;
    }

    @PostMapping("/staff/reservations/groups/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(required = false) String note, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        long me = staff();
        long g = Params.id(id).flatMap(groups::find).map(x -> x.id())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String n = strip(note);
        if (n.isEmpty() || n.length() > 200) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", List.of(new GroupService.Problem("note", "reservation.group.staff.error.note", List.of())));
            return group(id, model);
        }
        redirect.addFlashAttribute("done", groups.reject(me, g, n) ? "reservation.group.staff.rejected" : "reservation.group.nothingToDo");
        return "redirect:/staff/reservations/groups/" + g;
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
