package jp.machi.reservation.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.machi.reservation.internal.Availability;
import jp.machi.reservation.internal.Booker;
import jp.machi.reservation.internal.Booking;
import jp.machi.reservation.internal.ReservationException;
import jp.machi.reservation.internal.ReservationService;
import jp.machi.reservation.internal.Residency;
import jp.machi.reservation.internal.RoomPart;
import jp.machi.reservation.internal.RoomParts;
import jp.machi.reservation.internal.Slot;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Resident pages: rooms, a room's availability, check-and-book, my bookings, cancelling, registration. */
@Controller
class ReservationController {

    private final ReservationService service;
    private final RoomParts parts;
    private final jp.machi.reservation.internal.Money money;

    ReservationController(ReservationService service, RoomParts parts, jp.machi.reservation.internal.Money money) {
        this.service = service;
        this.parts = parts;
        this.money = money;
    }

    /** One row of the availability table: a day and its slots in template order. */
    record DayRow(LocalDate date, List<Availability> cells) {}

    @GetMapping("/reservations/rooms/{roomId}")
    String room(@PathVariable String roomId, @RequestParam(required = false) String start,
                @RequestParam(required = false) String period, @RequestParam(required = false) String part,
                Model model) {
        var room = id(roomId).flatMap(service::bookableRoom)
            .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        List<RoomPart> roomParts = parts.of(room.room().id());
        RoomPart unit = part == null || part.isEmpty() ? null : roomParts.stream()
            .filter(p -> p.code().equals(part)).findFirst()
            .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        boolean month = "month".equals(period);
        LocalDate today = service.today();
        LocalDate from = date(start);
        if (from == null || from.isBefore(today.minusDays(31)) || from.isAfter(today.plusYears(2))) {
            from = month ? today.withDayOfMonth(1) : ReservationService.weekStart(today);
        }
        LocalDate to = month ? from.plusMonths(1).minusDays(1) : from.plusDays(6);
        Map<LocalDate, List<Availability>> byDay = new LinkedHashMap<>();
        for (Availability a : service.availability(room, unit == null ? null : unit.code(), from, to)) {
            byDay.computeIfAbsent(a.date(), d -> new ArrayList<>()).add(a);
        }
        model.addAttribute("room", room);
        model.addAttribute("parts", roomParts);
        model.addAttribute("part", unit);
        model.addAttribute("partCode", unit == null ? null : unit.code());
        model.addAttribute("rows", byDay.entrySet().stream().map(e -> new DayRow(e.getKey(), e.getValue())).toList());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("month", month);
        model.addAttribute("previous", month ? from.minusMonths(1) : from.minusDays(7));
        model.addAttribute("next", month ? from.plusMonths(1) : from.plusDays(7));
        return "reservation/room";
    }

    // ---- signed in: booking ----

    @GetMapping("/account/bookings/new")
    String confirm(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                   @RequestParam(required = false) String slot, @RequestParam(required = false) String part,
                   Model model) {
        Request r = request(room, date, slot, part);
        long booker = bookerId();
        if (service.booker(booker).isEmpty()) {
            return "redirect:/account/bookings/registration?room=" + r.room().room().id() + "&date=" + r.date()
                + "&slot=" + r.slot().code() + (r.part() == null ? "" : "&part=" + r.part().code());
        }
        fillConfirm(model, r, booker);
        model.addAttribute("key", UUID.randomUUID().toString());
        return "reservation/confirm";
    }

    @PostMapping("/account/bookings/new")
    String book(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                @RequestParam(required = false) String slot, @RequestParam(required = false) String part,
                @RequestParam(required = false) String key, @RequestParam(required = false) String commercial,
                Model model, HttpServletResponse response) {
        Request r = request(room, date, slot, part);
        long booker = bookerId();
        if (key == null || !key.matches("[0-9a-f-]{36}")) {
            key = UUID.randomUUID().toString();
        }
        Long proxy = CurrentActor.actingFor().isPresent() ? CurrentActor.principal().map(MachiPrincipal::accountId).orElse(null) : null;
        try {
            // the slot is held (PROVISIONAL) while the resident reviews the fee on the checkout page
            var booked = money.hold(booker, proxy, r.room().room().id(), r.date(), r.slot().code(),
                r.part() == null ? null : r.part().code(), key, "true".equals(commercial));
            return "redirect:/account/bookings/" + booked.booking().id()
                + (booked.booking().status() == Booking.Status.PROVISIONAL ? "/checkout" : "");
        } catch (ReservationException e) {
            model.addAttribute("refusal", e.refusal().code());
            if (e.refusal() == jp.machi.reservation.internal.Refusal.SUSPENDED) {
                service.booker(booker).ifPresent(x -> model.addAttribute("suspendedUntil", x.suspendedUntil()));
            }
        } catch (DuplicateKeyException e) {
            model.addAttribute("refusal", "taken");
        }
        response.setStatus(409);
        if (service.booker(booker).isPresent()) {
            fillConfirm(model, r, booker);
        }
        model.addAttribute("key", UUID.randomUUID().toString());
        return "reservation/confirm";
    }

    private void fillConfirm(Model model, Request r, long booker) {
        var b = service.booker(booker).orElseThrow();
        model.addAttribute("room", r.room());
        model.addAttribute("date", r.date());
        model.addAttribute("weekStart", ReservationService.weekStart(r.date()));
        model.addAttribute("slot", r.slot());
        model.addAttribute("part", r.part());
        model.addAttribute("residency", b.residency());
        model.addAttribute("fee", ReservationService.fee(r.room().rules(), b.residency(), r.slot().code()));
        model.addAttribute("commercialFee", money.quote(r.room(), b.residency(), true, r.slot().code()));
        model.addAttribute("refundDeadline", r.date().minusDays(r.room().rules().cancelDeadlineDays()));
        model.addAttribute("proxy", CurrentActor.actingFor().orElse(null));
        model.addAttribute("me", CurrentActor.principal().orElse(null));
    }

    record Request(ReservationService.BookableRoom room, LocalDate date, Slot slot, RoomPart part) {}

    private Request request(String room, String date, String slot, String part) {
        var bookable = id(room).flatMap(service::bookableRoom)
            .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        LocalDate d = date(date);
        Slot s = bookable.slots().stream().filter(x -> x.code().equals(slot)).findFirst().orElse(null);
        RoomPart p = null;
        if (part != null && !part.isEmpty()) {
            // an unknown part, or a part of a room that is not splittable, is a bad request like an unknown slot
            p = part.matches(RoomParts.CODE) ? parts.find(bookable.room().id(), part).orElse(null) : null;
            if (p == null) {
                throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST);
            }
        }
        if (d == null || s == null) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST);
        }
        return new Request(bookable, d, s, p);
    }

    // ---- signed in: my bookings ----

    record Row(Booking booking, ReservationService.BookableRoom room, String slotLabelJa, String slotLabelEn,
               RoomPart part) {}

    private Row row(Booking b) {
        var room = service.bookableRoom(b.roomId()).orElse(null);
        Slot s = room == null ? null : room.slots().stream().filter(x -> x.code().equals(b.slotCode())).findFirst().orElse(null);
        RoomPart p = b.part() == null ? null : parts.find(b.roomId(), b.part()).orElse(null);
        return new Row(b, room, s == null ? b.slotCode() : s.labelJa(), s == null ? b.slotCode() : s.labelEn(), p);
    }

    @GetMapping("/account/bookings")
    String mine(Model model) {
        long booker = bookerId();
        model.addAttribute("rows", service.bookingsOf(booker).stream().map(this::row).toList());
        model.addAttribute("booker", service.booker(booker).orElse(null));
        model.addAttribute("proxy", CurrentActor.actingFor().orElse(null));
        model.addAttribute("feedToken", money.feedToken(booker).orElse(null));
        service.booker(booker).filter(x -> x.suspendedOn(service.today()))
            .ifPresent(x -> model.addAttribute("suspendedUntil", x.suspendedUntil()));
        return "reservation/mine";
    }

    @GetMapping("/account/bookings/{id}")
    String detail(@PathVariable String id, Model model) {
        Booking b = own(id);
        model.addAttribute("row", row(b));
        model.addAttribute("cancellable", service.cancellable(b));
        if (b.active()) {
            model.addAttribute("refundNow", money.refundNow(b).amount());
            model.addAttribute("refundDeadline", service.refundDeadline(b));
        }
        return "reservation/detail";
    }

    @PostMapping("/account/bookings/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes redirect) {
        Booking b = own(id);
        try {
            money.cancel(b.bookerAccountId(), b.id());
        } catch (ReservationException e) {
            redirect.addFlashAttribute("refusal", e.refusal().code());
            return "redirect:/account/bookings/" + b.id();
        }
        return "redirect:/account/bookings/" + b.id() + "?cancelled";
    }

    private Booking own(String id) {
        long booker = bookerId();
        return id(id).flatMap(service::booking).filter(b -> b.bookerAccountId() == booker)
            .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
    }

    // ---- signed in: registration ----

    @GetMapping("/account/bookings/registration")
    String registration(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                        @RequestParam(required = false) String slot, @RequestParam(required = false) String part,
                        Model model) {
        model.addAttribute("booker", service.booker(bookerId()).orElse(null));
        model.addAttribute("choices", Residency.values());
        model.addAttribute("atCounter", CurrentActor.actingFor().isPresent());
        model.addAttribute("evidenceKinds", Booker.EVIDENCE_KINDS);
        model.addAttribute("room", id(room).orElse(null));
        model.addAttribute("date", date(date));
        model.addAttribute("slot", slot != null && slot.matches("[a-z0-9-]{1,16}") ? slot : null);
        model.addAttribute("part", part != null && part.matches(RoomParts.CODE) ? part : null);
        return "reservation/registration";
    }

    @PostMapping("/account/bookings/registration")
    String register(@RequestParam(required = false) String residency, @RequestParam(required = false) String room,
                    @RequestParam(required = false) String date, @RequestParam(required = false) String slot,
                    @RequestParam(required = false) String part,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Residency chosen = null;
        for (Residency r : Residency.values()) {
            if (r.name().equals(residency)) {
                chosen = r;
            }
        }
        if (chosen == null) {
            response.setStatus(400);
            model.addAttribute("missing", true);
            return registration(room, date, slot, part, model);
        }
        service.register(bookerId(), chosen);
        Long roomId = id(room).orElse(null);
        LocalDate d = date(date);
        if (roomId != null && d != null && slot != null && slot.matches("[a-z0-9-]{1,16}")) {
            return "redirect:/account/bookings/new?room=" + roomId + "&date=" + d + "&slot=" + slot
                + (part != null && part.matches(RoomParts.CODE) ? "&part=" + part : "");
        }
        redirect.addFlashAttribute("registered", true);
        return "redirect:/account/bookings";
    }

    /**
     * Staff at the counter, acting for the resident (代理入力), record that they saw a document for the residency: the
     * kind of document and the residency it shows. Only while acting for someone (403 otherwise); a bad choice is a
     * 400 with the page and its message; nothing is written then.
     */
    @PostMapping("/account/bookings/registration/evidence")
    String evidence(@RequestParam(required = false) String kind, @RequestParam(required = false) String residency,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        long staffId = CurrentActor.actingFor().flatMap(p -> CurrentActor.principal()).filter(MachiPrincipal::isStaff)
            .map(MachiPrincipal::accountId)
            .orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("staff acting for a resident only"));
        Residency confirmed = null;
        for (Residency r : Residency.values()) {
            if (r.name().equals(residency)) {
                confirmed = r;
            }
        }
        if (confirmed == null || kind == null || !Booker.EVIDENCE_KINDS.contains(kind)) {
            response.setStatus(400);
            model.addAttribute("evidenceError", confirmed == null ? "residency" : "kind");
            return registration(null, null, null, null, model);
        }
        if (!service.confirmEvidence(bookerId(), confirmed, kind, staffId)) {
            response.setStatus(409);
            model.addAttribute("evidenceError", "notRegistered");
            return registration(null, null, null, null, model);
        }
        redirect.addFlashAttribute("evidenceChecked", true);
        return "redirect:/account/bookings/registration";
    }

    /** The resident a booking is for: the one a staff member acts for, or whoever is signed in. */
    private static long bookerId() {
        return CurrentActor.actingFor().map(CurrentActor.ProxySubject::accountId)
            .orElseGet(() -> CurrentActor.principal().map(MachiPrincipal::accountId)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.UNAUTHORIZED)));
    }

    static java.util.Optional<Long> id(String s) {
        return s != null && s.matches("\\d{1,18}") ? java.util.Optional.of(Long.parseLong(s)) : java.util.Optional.empty();
    }

    static LocalDate date(String s) {
        if (s == null || s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
