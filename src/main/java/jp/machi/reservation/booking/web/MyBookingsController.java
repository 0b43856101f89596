package jp.machi.reservation.booking.web;

import jakarta.servlet.http.HttpServletResponse;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.booking.internal.BookingViews;
import jp.machi.reservation.booking.internal.CalendarFeed;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.booking.internal.ReductionRequests;
import jp.machi.reservation.money.MoneyRefusal;
import jp.machi.reservation.money.Reductions;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.web.ResidentPages;
import jp.machi.shared.security.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A resident's bookings: the list, one booking with its fee and refund terms, cancelling, asking for a reduction. */
@Controller
class MyBookingsController {

    private final OwnBookings own;
    private final Bookings bookings;
    private final Bookers bookers;
    private final BookableRooms rooms;
    private final BookingViews views;
    private final Cancellations cancellations;
    private final ReductionRequests reductionRequests;
    private final Reductions reductions;
    private final CalendarFeed feed;

    MyBookingsController(OwnBookings own, Bookings bookings, Bookers bookers, BookableRooms rooms, BookingViews views,
                         Cancellations cancellations, ReductionRequests reductionRequests, Reductions reductions,
                         CalendarFeed feed) {
        this.own = own;
        this.bookings = bookings;
        this.bookers = bookers;
        this.rooms = rooms;
        this.views = views;
        this.cancellations = cancellations;
        this.reductionRequests = reductionRequests;
        this.reductions = reductions;
        this.feed = feed;
    }

    record Row(Booking booking, BookableRoom room, String slotLabelJa, String slotLabelEn, RoomPart part) {}

    private Row row(Booking b) {
        BookableRoom room = rooms.room(b.roomId()).orElse(null);
        Slot s = room == null ? null : room.slot(b.slotCode()).orElse(null);
        RoomPart p = b.part() == null ? null : rooms.part(b.roomId(), b.part()).orElse(null);
        return new Row(b, room, s == null ? b.slotCode() : s.labelJa(), s == null ? b.slotCode() : s.labelEn(), p);
    }

    @GetMapping("/account/bookings")
    String mine(Model model) {
        long booker = ResidentPages.accountId();
        var registration = bookers.booker(booker).orElse(null);
        model.addAttribute("rows", bookings.ofBooker(booker).stream().map(this::row).toList());
        model.addAttribute("booker", registration);
        model.addAttribute("proxy", CurrentActor.actingFor().orElse(null));
        model.addAttribute("feedToken", feed.token(booker).orElse(null));
        if (registration != null && registration.suspendedOn(rooms.today())) {
            model.addAttribute("suspendedUntil", registration.suspendedUntil());
        }
        return "reservation/booking/mine";
    }

    @GetMapping("/account/bookings/{id}")
    String detail(@PathVariable String id, Model model) {
        Booking b = own.find(id);
        var terms = views.terms(b);
        model.addAttribute("row", row(b));
        model.addAttribute("m", terms);
        model.addAttribute("categories", reductions.categories());
        model.addAttribute("cancellable", cancellations.cancellable(b));
        if (b.active()) {
            model.addAttribute("refundNow", terms.refundNow().amount());
            model.addAttribute("refundDeadline", cancellations.refundDeadline(b));
        }
        return "reservation/booking/detail";
    }

    @PostMapping("/account/bookings/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes redirect) {
        Booking b = own.find(id);
        try {
            cancellations.byBooker(b.bookerAccountId(), b.id());
        } catch (Refused e) {
            redirect.addFlashAttribute("refusal", e.code());
            return "redirect:/account/bookings/" + b.id();
        }
        return "redirect:/account/bookings/" + b.id() + "?cancelled";
    }

    @PostMapping("/account/bookings/{id}/reduction")
    String requestReduction(@PathVariable String id, @RequestParam(required = false) String reduction,
                            RedirectAttributes redirect, Model model, HttpServletResponse response) {
        Booking b = own.find(id);
        try {
            reductionRequests.request(b.bookerAccountId(), b.id(), reduction);
        } catch (Refused e) {
            if (e.refusal() == MoneyRefusal.UNKNOWN_REDUCTION) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("refusal", e.code());
                model.addAttribute("b", b);
                return "reservation/booking/refused";
            }
            redirect.addFlashAttribute("refusal", e.code());
            return "redirect:/account/bookings/" + b.id();
        }
        redirect.addFlashAttribute("reductionRequested", true);
        return "redirect:/account/bookings/" + b.id();
    }
}
