package jp.machi.reservation.groups.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.groups.Group;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.ResidentPages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A resident's group (団体): register one as its representative, see its state and members, ask for renewal,
 * withdraw, and book a slot for the group.
 */
@Controller
class GroupController {

    static final int DEFAULT_ROWS = 8;
    static final int MAX_ROWS = 60;
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    static final Pattern KANA = Pattern.compile("^[\\p{InHiragana}\\p{InKatakana}ー・ 　0-9０-９A-Za-zＡ-Ｚａ-ｚ]+$");

    /** One member row as typed (kept to show the form again). */
    record Row(String name, String email, String inWard) {}

    private final GroupService groups;
    private final BookableRooms rooms;
    private final Bookers bookers;

    private final jp.machi.reservation.booking.Bookings bookings;

    GroupController(GroupService groups, BookableRooms rooms, Bookers bookers,
                    jp.machi.reservation.booking.Bookings bookings) {
        this.bookings = bookings;
        this.groups = groups;
        this.rooms = rooms;
        this.bookers = bookers;
    }

    @GetMapping("/account/group")
    String mine(Model model) {
        long me = me();
        var group = groups.groupOf(me).orElse(null);
        model.addAttribute("group", group);
        model.addAttribute("settings", groups.settings());
        model.addAttribute("today", groups.today());
        if (group != null) {
            model.addAttribute("representative", group.representativeId() == me);
            model.addAttribute("members", groups.members(group.id()));
            model.addAttribute("used", groups.bookingsInMonth(group.id(), groups.today()));
            model.addAttribute("bookings", group.representativeId() == me ? groups.bookingsOf(group.id()) : List.of());
        }
        return "reservation/groups/mine";
    }

    @GetMapping("/account/group/new")
    String form(@RequestParam(required = false) String rows, Model model) {
        int n = rows != null && rows.matches("\\d{1,3}") ? Math.min(MAX_ROWS, Math.max(1, Integer.parseInt(rows))) : DEFAULT_ROWS;
        List<Row> empty = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            empty.add(new Row("", "", "true"));
        }
        return showForm(model, "", "", "", empty, List.of());
    }

    private String showForm(Model model, String name, String kana, String activity, List<Row> rows,
                            List<GroupService.Problem> problems) {
        long me = me();
        if (groups.groupOf(me).isPresent()) {
            return "redirect:/account/group";
        }
        model.addAttribute("registered", bookers.booker(me).isPresent());
        model.addAttribute("settings", groups.settings());
        model.addAttribute("name", name);
        model.addAttribute("kana", kana);
        model.addAttribute("activity", activity);
        model.addAttribute("rows", rows);
        model.addAttribute("problems", problems);
        model.addAttribute("badFields", problems.stream().map(GroupService.Problem::field).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("moreRows", Math.min(MAX_ROWS, rows.size() + 5));
        return "reservation/groups/form";
    }

    @PostMapping("/account/group/new")
    String register(@RequestParam(required = false) String name, @RequestParam(required = false) String kana,
                    @RequestParam(required = false) String activity, HttpServletRequest request, Model model,
                    HttpServletResponse response) {
        long me = me();
        name = strip(name);
        kana = strip(kana);
        activity = strip(activity);
        List<GroupService.Problem> problems = new ArrayList<>();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(problem("name", "reservation.group.error.name"));
        }
        if (kana.isEmpty() || kana.length() > 100 || !KANA.matcher(kana).matches()) {
            problems.add(problem("kana", "reservation.group.error.kana"));
        }
        if (activity.isEmpty() || activity.length() > 500) {
            problems.add(problem("activity", "reservation.group.error.activity"));
        }
        List<Row> rows = new ArrayList<>();
        List<GroupService.NewMember> members = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            String n = request.getParameter("members[" + i + "].name");
            if (n == null) {
                break;
            }
            String e = strip(request.getParameter("members[" + i + "].email"));
            String w = request.getParameter("members[" + i + "].inWard");
            n = strip(n);
            rows.add(new Row(n, e, "false".equals(w) ? "false" : "true"));
            if (n.isEmpty() && e.isEmpty()) {
                continue;
            }
            boolean ok = true;
            if (n.isEmpty() || n.length() > 100) {
                problems.add(problem("members[" + i + "].name", "reservation.group.error.memberName", i + 1));
                ok = false;
            }
            if (!e.isEmpty() && (e.length() > 254 || !EMAIL.matcher(e).matches())) {
                problems.add(problem("members[" + i + "].email", "reservation.group.error.memberEmail", i + 1));
                ok = false;
            }
            if (!"true".equals(w) && !"false".equals(w)) {
                problems.add(problem("members[" + i + "].inWard", "reservation.group.error.memberInWard", i + 1));
                ok = false;
            }
            if (ok) {
                members.add(new GroupService.NewMember(n, e.isEmpty() ? null : e, "true".equals(w)));
                rowOf.add(i);
            }
        }
        if (rows.isEmpty()) {
            rows.add(new Row("", "", "true"));
        }
        if (problems.isEmpty()) {
            try {
                groups.register(me, name, kana, activity, members);
                return "redirect:/account/group?registered";
            } catch (GroupService.GroupRefused e) {
                problems.addAll(e.problems().stream().map(p -> remap(p, rowOf)).toList());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return showForm(model, name, kana, activity, rows, problems);
    }

    /** The service numbers members among the filled rows; the form among all rows. */
    private static GroupService.Problem remap(GroupService.Problem p, List<Integer> rowOf) {
        var m = Pattern.compile("members\\[(\\d+)]\\.(\\w+)").matcher(p.field());
        if (!m.matches()) {
            return p;
        }
        int index = Integer.parseInt(m.group(1));
        return index < rowOf.size() ? new GroupService.Problem("members[" + rowOf.get(index) + "]." + m.group(2), p.code(), p.args()) : p;
    }

    private static GroupService.Problem problem(String field, String code, Object... args) {
        return new GroupService.Problem(field, code, List.of(args));
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    @PostMapping("/account/group/renew")
    String renew(RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", groups.requestRenewal(me()) ? "reservation.group.renewRequested"
            : "reservation.group.nothingToDo");
        return "redirect:/account/group";
    }

    @PostMapping("/account/group/withdraw")
    String withdraw(RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", groups.withdraw(me()) ? "reservation.group.withdrawn" : "reservation.group.nothingToDo");
        return "redirect:/account/group";
    }

    // ---- booking for the group ----

    @GetMapping("/account/group/bookings/new")
    String confirm(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                   @RequestParam(required = false) String slot, Model model) {
        var r = request(room, date, slot);
        fill(model, r);
        model.addAttribute("key", UUID.randomUUID().toString());
        return "reservation/groups/confirm";
    }

    @PostMapping("/account/group/bookings/new")
    String book(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                @RequestParam(required = false) String slot, @RequestParam(required = false) String key, Model model,
                HttpServletResponse response) {
        var r = request(room, date, slot);
        if (key == null || !key.matches("[0-9a-f-]{36}")) {
            key = UUID.randomUUID().toString();
        }
        try {
            var booked = groups.bookForGroup(me(), ResidentPages.proxyStaffId(), r.room().room().id(), r.date(),
                r.slot().code(), key);
            return "redirect:/account/bookings/" + booked.booking().id() + "?booked";
        } catch (Refused e) {
            model.addAttribute("refusal", e.code());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            model.addAttribute("refusal", BookingRefusal.TAKEN.code());
        }
        response.setStatus(409);
        fill(model, r);
        model.addAttribute("key", UUID.randomUUID().toString());
        return "reservation/groups/confirm";
    }

    record Request(BookableRoom room, LocalDate date, Slot slot) {}

    private Request request(String room, String date, String slot) {
        var bookable = Params.id(room).flatMap(rooms::room)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        LocalDate d = Params.date(date);
        Slot s = bookable.slot(slot == null ? "" : slot).orElse(null);
        if (d == null || s == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return new Request(bookable, d, s);
    }

    private void fill(Model model, Request r) {
        long me = me();
        Group g = groups.representedBy(me).orElse(null);
        model.addAttribute("group", g);
        model.addAttribute("valid", g != null && g.validOn(groups.today()));
        model.addAttribute("room", r.room());
        model.addAttribute("date", r.date());
        model.addAttribute("slot", r.slot());
        model.addAttribute("weekStart", BookableRooms.weekStart(r.date()));
        bookers.booker(me).ifPresent(b -> model.addAttribute("fee", MoneyTerms.fee(r.room().rules(), b.residency().inWard(), false, r.slot().code())));
        model.addAttribute("registered", bookers.booker(me).isPresent());
        // the same terms as a person's booking, before booking: when to pay (counter open), what cancelling costs
        model.addAttribute("terms", bookings.termsBefore(r.room(), r.date(), r.slot()));
        if (g != null) {
            model.addAttribute("used", groups.bookingsInMonth(g.id(), r.date()));
            model.addAttribute("cap", groups.settings().monthlyCap());
        }
    }

    /** The person acting: the resident a staff member acts for, or whoever is signed in. */
    static long me() {
        return ResidentPages.accountId();
    }
}
