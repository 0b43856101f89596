package jp.machi.reservation.lottery.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.machi.facility.FacilitySummary;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.lottery.internal.LotteryException;
import jp.machi.reservation.lottery.internal.LotteryRound;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.StaffPages;
import jp.machi.shared.time.MachiClock;
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
 * Staff pages for lottery rounds: the list, a new round (rooms of the facilities the staff member may see), a round
 * with its counts and the buttons that commit (after the window) and draw (after the draw time) at once instead of
 * waiting for the job. The pages show counts, never who applied.
 */
@Controller
class LotteryStaffController {

    private final LotteryService lottery;
    private final BookableRooms reservations;
    private final RoomRules staff;

    LotteryStaffController(LotteryService lottery, BookableRooms reservations, RoomRules staff) {
        this.lottery = lottery;
        this.reservations = reservations;
        this.staff = staff;
    }

    private static long me() {
        return StaffPages.staffId();
    }

    /** The form as typed, so it comes back unchanged with its errors. */
    record Form(String nameJa, String nameEn, String month, String opensAt, String closesAt, String drawAt,
                String confirmBy, String firstComeAt, String maxChoices, String maxApplications, List<String> rooms,
                List<String> who) {

        static Form empty() {
            return new Form("", "", "", "", "", "", "", "", "3", "2", List.of(), List.of("individuals", "groups", "nonResidents"));
        }

        /** The boxes ticked under "who may apply" (absent boxes are no). */
        LotteryRound.Who whoMayApply() {
            return new LotteryRound.Who(who.contains("individuals"), who.contains("groups"),
                who.contains("nonResidents"));
        }
    }

    @GetMapping("/staff/reservations/lottery")
    String rounds(Model model) {
        me();
        model.addAttribute("rounds", lottery.rounds());
        model.addAttribute("now", lottery.now());
        return "reservation/lottery/staff/rounds";
    }

    @GetMapping("/staff/reservations/lottery/new")
    String newRound(Model model) {
        return form(model, Form.empty(), null);
    }

    private String form(Model model, Form form, String error) {
        Map<FacilitySummary, List<BookableRoom>> rooms = visibleRooms(me());
        model.addAttribute("form", form);
        model.addAttribute("facilities", rooms);
        model.addAttribute("error", error);
        return "reservation/lottery/staff/new";
    }

    private Map<FacilitySummary, List<BookableRoom>> visibleRooms(long me) {
        Set<String> visible = staff.facilitiesFor(me).keySet().stream().map(FacilitySummary::id).collect(Collectors.toSet());
        Map<FacilitySummary, List<BookableRoom>> rooms = new LinkedHashMap<>();
        reservations.byFacility().forEach((f, list) -> {
            if (visible.contains(f.id())) {
                rooms.put(f, list);
            }
        });
        return rooms;
    }

    @PostMapping("/staff/reservations/lottery")
    String create(@RequestParam(required = false) String nameJa, @RequestParam(required = false) String nameEn,
                  @RequestParam(required = false) String month, @RequestParam(required = false) String opensAt,
                  @RequestParam(required = false) String closesAt, @RequestParam(required = false) String drawAt,
                  @RequestParam(required = false) String confirmBy, @RequestParam(required = false) String firstComeAt,
                  @RequestParam(required = false) String maxChoices, @RequestParam(required = false) String maxApplications,
                  @RequestParam(required = false) List<String> rooms, @RequestParam(required = false) List<String> who,
                  @RequestParam(required = false) String whoShown, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        long me = me();
        Form form = new Form(s(nameJa), s(nameEn), s(month), s(opensAt), s(closesAt), s(drawAt), s(confirmBy),
            s(firstComeAt), s(maxChoices), s(maxApplications), rooms == null ? List.of() : rooms,
            who != null ? who : whoShown != null ? List.of() : Form.empty().who());
        String error = null;
        LocalDate targetMonth = null;
        try {
            targetMonth = YearMonth.parse(form.month()).atDay(1);
        } catch (DateTimeParseException e) {
            error = "month";
        }
        var opens = time(form.opensAt());
        var closes = time(form.closesAt());
        var draw = time(form.drawAt());
        var confirm = time(form.confirmBy());
        var firstCome = time(form.firstComeAt());
        if (error == null && (opens == null || closes == null || draw == null || confirm == null || firstCome == null)) {
            error = "times";
        }
        Integer choices = number(form.maxChoices());
        Integer cap = number(form.maxApplications());
        if (error == null && choices == null) {
            error = "choices";
        }
        if (error == null && cap == null) {
            error = "cap";
        }
        Set<Long> visible = visibleRooms(me).values().stream().flatMap(List::stream).map(r -> r.room().id())
            .collect(Collectors.toSet());
        List<Long> roomIds = new ArrayList<>();
        for (String r : form.rooms()) {
            Long id = Params.id(r).filter(visible::contains).orElse(null);
            if (id == null && error == null) {
                error = "rooms";
            }
            roomIds.add(id);
        }
        if (error == null) {
            try {
                long id = lottery.createRound(new LotteryService.RoundForm(form.nameJa(), form.nameEn(), targetMonth, opens,
                    closes, draw, confirm, firstCome, choices, cap, roomIds, form.whoMayApply()), me);
                redirect.addFlashAttribute("done", "created");
                return "redirect:/staff/reservations/lottery/" + id;
            } catch (LotteryException e) {
                error = e.code();
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, form, error);
    }

    @GetMapping("/staff/reservations/lottery/{id}")
    String round(@PathVariable String id, Model model) {
        me();
        LotteryRound round = round(id);
        var now = lottery.now();
        model.addAttribute("round", round);
        model.addAttribute("state", round.state(now));
        model.addAttribute("rooms", lottery.rooms(round));
        model.addAttribute("applications", lottery.applicationCount(round.id()));
        model.addAttribute("applicants", lottery.applicantCount(round.id()));
        boolean runs = runsRound(me(), round);
        model.addAttribute("canCommit", runs && round.phase() == LotteryRound.Phase.PLANNED && !now.isBefore(round.closesAt()));
        model.addAttribute("canDraw", runs && round.phase() == LotteryRound.Phase.COMMITTED && !now.isBefore(round.drawAt()));
        return "reservation/lottery/staff/round";
    }

    @PostMapping("/staff/reservations/lottery/{id}/commit")
    String commit(@PathVariable String id, RedirectAttributes redirect) {
        LotteryRound round = runnable(id, me());
        redirect.addFlashAttribute("done", lottery.commit(round.id(), lottery.now()) ? "committed" : "not-due");
        return "redirect:/staff/reservations/lottery/" + round.id();
    }

    @PostMapping("/staff/reservations/lottery/{id}/draw")
    String draw(@PathVariable String id, RedirectAttributes redirect) {
        LotteryRound round = runnable(id, me());
        redirect.addFlashAttribute("done", lottery.draw(round.id(), lottery.now()) ? "drawn" : "not-due");
        return "redirect:/staff/reservations/lottery/" + round.id();
    }

    /**
     * A round the staff member may commit and draw: every room of it is in a facility of their departments (issue 16:
     * staff of any department could commit and draw every round). Others get 404, as for other departments' bookings.
     */
    private LotteryRound runnable(String id, long me) {
        LotteryRound round = round(id);
        if (!runsRound(me, round)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return round;
    }

    private boolean runsRound(long me, LotteryRound round) {
        Set<Long> visible = visibleRooms(me).values().stream().flatMap(List::stream).map(r -> r.room().id())
            .collect(Collectors.toSet());
        List<Long> rooms = lottery.roomIds(round);
        return !rooms.isEmpty() && visible.containsAll(rooms);
    }

    private LotteryRound round(String id) {
        return Params.id(id).flatMap(lottery::round)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String s(String v) {
        return v == null ? "" : v.strip();
    }

    private static java.time.Instant time(String v) {
        try {
            return LocalDateTime.parse(v).atZone(MachiClock.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer number(String v) {
        return v != null && v.matches("\\d{1,3}") ? Integer.valueOf(v) : null;
    }
}
