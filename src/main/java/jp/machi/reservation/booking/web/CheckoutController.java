package jp.machi.reservation.booking.web;

import jakarta.servlet.http.HttpServletResponse;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.booking.internal.BookingViews;
import jp.machi.reservation.money.ReductionCategory;
import jp.machi.reservation.money.Reductions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The checkout of a held slot: the fee and the rule that produced it, the refund tiers, the payment deadline, a
 * reduction to ask for; confirming makes the booking and mails the booker.
 */
@Controller
class CheckoutController {

    private final OwnBookings own;
    private final Bookings bookings;
    private final BookableRooms rooms;
    private final BookingService service;
    private final BookingViews views;
    private final Reductions reductions;

    CheckoutController(OwnBookings own, Bookings bookings, BookableRooms rooms, BookingService service, BookingViews views,
                       Reductions reductions) {
        this.own = own;
        this.bookings = bookings;
        this.rooms = rooms;
        this.service = service;
        this.views = views;
        this.reductions = reductions;
    }

    @GetMapping("/account/bookings/{id}/checkout")
    String checkout(@PathVariable String id, Model model) {
        Booking b = own.find(id);
        if (b.status() != Booking.Status.PROVISIONAL) {
            return "redirect:/account/bookings/" + b.id();
        }
        return page(b, model);
    }

    private String page(Booking b, Model model) {
        model.addAttribute("b", b);
        model.addAttribute("room", rooms.room(b.roomId()).orElse(null));
        model.addAttribute("m", views.terms(b));
        model.addAttribute("categories", reductions.categories());
        return "reservation/booking/checkout";
    }

    @PostMapping("/account/bookings/{id}/confirm")
    String confirm(@PathVariable String id, @RequestParam(required = false) String reduction, Model model,
                   HttpServletResponse response) {
        Booking b = own.find(id);
        ReductionCategory category;
        try {
            // a choice with money attached is never made for the person: 「申請しない」 (empty) or a category, chosen
            if (reduction == null && !reductions.categories().isEmpty()) {
                throw new Refused(jp.machi.reservation.money.MoneyRefusal.UNKNOWN_REDUCTION);
            }
            category = reductions.choose(reduction);
        } catch (Refused e) {
            if (b.status() != Booking.Status.PROVISIONAL) {
                return "redirect:/account/bookings/" + b.id();
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("reductionError", reduction == null ? "reservation.money.reduction.required"
                : "reservation.refusal.unknown-reduction");
            return page(b, model);
        }
        try {
            service.confirm(b.bookerAccountId(), b.id(), category);
        } catch (Refused e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusal", e.code());
            model.addAttribute("b", bookings.booking(b.id()).orElseThrow());
            return "reservation/booking/refused";
        }
        return "redirect:/account/bookings/" + b.id() + "?booked";
    }
}
