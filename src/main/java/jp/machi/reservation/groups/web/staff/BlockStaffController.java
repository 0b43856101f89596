package jp.machi.reservation.groups.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.facility.FacilitySummary;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.groups.Block;
import jp.machi.reservation.groups.internal.BlockService;
import jp.machi.reservation.groups.internal.EligibilityCheck;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.web.Params;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
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
 * Staff page of a facility's booking limits: who may book (individuals, groups, non-residents; the facility or one
 * room) and blocks (maintenance, 行政使用) with the bookings they cancel. Facilities of other departments are 404.
 */
@Controller
class BlockStaffController {

    /** The block form as typed, to show it again. */
    public record BlockForm(String room, String kind, String from, String to, List<String> slots, String reason) {}

    private final RoomRules staff;
    private final BookableRooms reservations;
    private final BlockService blocks;
    private final EligibilityCheck eligibility;
    private final AuditLog audit;

    BlockStaffController(RoomRules staff, BookableRooms reservations, BlockService blocks, EligibilityCheck eligibility,
                         AuditLog audit) {
        this.staff = staff;
        this.reservations = reservations;
        this.blocks = blocks;
        this.eligibility = eligibility;
        this.audit = audit;
    }

    private FacilitySummary facility(long me, String id) {
        return staff.facilitiesFor(me).keySet().stream().filter(f -> f.id().equals(id)).findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private List<BookableRoom> rooms(FacilitySummary f) {
        return reservations.ofFacility(f.id());
    }

    @GetMapping("/staff/reservations/blocks")
    String page(@RequestParam(required = false) String facility, Model model) {
        long me = GroupStaffController.staff();
        LocalDate today = reservations.today();
        return page(me, facility, new BlockForm("", "MAINTENANCE", today.plusDays(1).toString(), today.plusDays(1).toString(),
            List.of(), ""), List.of(), model);
    }

    private String page(long me, String facility, BlockForm form, List<GroupService.Problem> problems, Model model) {
        model.addAttribute("facilities", List.copyOf(staff.facilitiesFor(me).keySet()));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("badFields", problems.stream().map(GroupService.Problem::field).collect(java.util.stream.Collectors.toSet()));
        if (facility != null && !facility.isBlank()) {
            FacilitySummary f = facility(me, facility.strip());
            List<BookableRoom> rooms = rooms(f);
            model.addAttribute("facility", f);
            model.addAttribute("rooms", rooms);
            Map<String, Slot> slots = new LinkedHashMap<>();
            rooms.stream().flatMap(r -> r.slots().stream()).sorted(java.util.Comparator.comparing(Slot::start))
                .forEach(s -> slots.putIfAbsent(s.code(), s));
            model.addAttribute("slots", slots.values());
            model.addAttribute("blocks", blocks.upcoming(f.id()));
            Map<Long, String> roomNames = new LinkedHashMap<>();
            rooms.forEach(r -> roomNames.put(r.room().id(), r.room().name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale())));
            model.addAttribute("roomNames", roomNames);
            List<Object[]> rules = new ArrayList<>();
            rules.add(new Object[] {null, eligibility.forRoom(-1, f.id())});
            for (var r : rooms) {
                rules.add(new Object[] {r, eligibility.forRoom(r.room().id(), f.id())});
            }
            model.addAttribute("rules", rules);
        }
        return "reservation/groups/staff/blocks";
    }

    @PostMapping("/staff/reservations/blocks")
    String create(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                  @RequestParam(required = false) String kind, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(required = false) List<String> slots,
                  @RequestParam(required = false) String reason, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        long me = GroupStaffController.staff();
        FacilitySummary f = facility(me, facility == null ? "" : facility.strip());
        List<BookableRoom> rooms = rooms(f);
        List<String> chosen = slots == null ? List.of() : slots.stream().distinct().toList();
        BlockForm form = new BlockForm(room == null ? "" : room, kind == null ? "" : kind, GroupStaffController.strip(from),
            GroupStaffController.strip(to), chosen, GroupStaffController.strip(reason));
        List<GroupService.Problem> problems = new ArrayList<>();
        Long roomId = null;
        List<BookableRoom> covered = rooms;
        if (!form.room().isEmpty()) {
            roomId = Params.id(form.room()).orElse(-1L);
            long wanted = roomId;
            covered = rooms.stream().filter(r -> r.room().id() == wanted).toList();
            if (covered.isEmpty()) {
                problems.add(new GroupService.Problem("room", "reservation.block.error.room", List.of()));
            }
        }
        Block.Kind k = "MAINTENANCE".equals(form.kind()) ? Block.Kind.MAINTENANCE
            : "ADMIN_USE".equals(form.kind()) ? Block.Kind.ADMIN_USE : null;
        if (k == null) {
            problems.add(new GroupService.Problem("kind-MAINTENANCE", "reservation.block.error.kind", List.of()));
        }
        LocalDate today = reservations.today();
        LocalDate start = Params.date(form.from());
        LocalDate end = Params.date(form.to());
        if (start == null || start.isBefore(today) || start.isAfter(today.plusYears(2))) {
            problems.add(new GroupService.Problem("from", "reservation.block.error.from", List.of()));
        }
        if (end == null || (start != null && (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= BlockService.MAX_DAYS))) {
            problems.add(new GroupService.Problem("to", "reservation.block.error.to", List.of(BlockService.MAX_DAYS)));
        }
        List<BookableRoom> inScope = covered;
        for (String code : chosen) {
            if (inScope.stream().noneMatch(r -> r.slots().stream().anyMatch(s -> s.code().equals(code)))) {
                problems.add(new GroupService.Problem("slots", "reservation.block.error.slot", List.of()));
                break;
            }
        }
        if (form.reason().isEmpty() || form.reason().length() > 200) {
            problems.add(new GroupService.Problem("reason", "reservation.block.error.reason", List.of()));
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(me, f.id(), form, problems, model);
        }
        var created = blocks.create(me, f.id(), roomId, k, start, end, chosen, form.reason());
        redirect.addFlashAttribute("created", created.cancelledBookings().size());
        return "redirect:/staff/reservations/blocks?facility=" + f.id();
    }

    @PostMapping("/staff/reservations/blocks/{id}/remove")
    String remove(@PathVariable String id, RedirectAttributes redirect) {
        long me = GroupStaffController.staff();
        Block b = Params.id(id).flatMap(blocks::find)
            .filter(x -> staff.facilitiesFor(me).keySet().stream().anyMatch(f -> f.id().equals(x.facilityId())))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        blocks.remove(me, b.id());
        redirect.addFlashAttribute("done", "reservation.block.removed");
        return "redirect:/staff/reservations/blocks?facility=" + b.facilityId();
    }

    @PostMapping("/staff/reservations/eligibility")
    String eligibility(@RequestParam(required = false) String facility, @RequestParam(required = false) String room,
                       @RequestParam(required = false) String individuals, @RequestParam(required = false) String groups,
                       @RequestParam(required = false) String nonResidents, @RequestParam(required = false) String clear,
                       RedirectAttributes redirect) {
        long me = GroupStaffController.staff();
        FacilitySummary f = facility(me, facility == null ? "" : facility.strip());
        Long roomId = null;
        if (room != null && !room.isBlank()) {
            roomId = Params.id(room).filter(r -> rooms(f).stream().anyMatch(x -> x.room().id() == r))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        }
        if (clear != null) {
            eligibility.clear(f.id(), roomId);
        } else {
            eligibility.set(f.id(), roomId, individuals != null, groups != null, nonResidents != null);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.eligibility.set", null, "facility:" + f.id()
            + (roomId == null ? "" : " room:" + roomId), clear != null ? AuditDetail.of("reservation.groups.audit.eligibility.cleared")
            : AuditDetail.of("reservation.groups.audit.eligibility", AuditDetail.word(individuals != null ? "reservation.groups.audit.yes" : "reservation.groups.audit.no"),
                AuditDetail.word(groups != null ? "reservation.groups.audit.yes" : "reservation.groups.audit.no"),
                AuditDetail.word(nonResidents != null ? "reservation.groups.audit.yes" : "reservation.groups.audit.no"))));
        redirect.addFlashAttribute("done", "reservation.eligibility.saved");
        return "redirect:/staff/reservations/blocks?facility=" + f.id();
    }
}
