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
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.money.MoneyRefusal;
import jp.machi.reservation.money.Penalties;
import jp.machi.reservation.money.Refund;
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
    private final Penalties penalties;

    MyBookingsController(OwnBookings own, Bookings bookings, Bookers bookers, BookableRooms rooms, BookingViews views,
                         Cancellations cancellations, ReductionRequests reductionRequests, Reductions reductions,
                         CalendarFeed feed, Penalties penalties) {
        this.penalties = penalties;
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
        } else {
            // what the cancellation or no-show cost: the points given for this booking
            model.addAttribute("penaltyPoints", penalties.of(b.bookerAccountId()).stream()
                .filter(p -> p.bookingId() == b.id()).mapToInt(Penalties.Entry::points).sum());
        }
        return "reservation/booking/detail";
    }

    /**
     * The confirmation step of a cancellation (no JavaScript needed): what cancelling now costs — refund, points, the
     * free cancellation right after booking — before the resident says yes.
     */
    @GetMapping("/account/bookings/{id}/cancel")
    String confirmCancel(@PathVariable String id, Model model) {
        Booking b = own.find(id);
        if (!cancellations.cancellable(b)) {
            return "redirect:/account/bookings/" + b.id();
        }
        return cancelPage(b, model);
    }

    private String cancelPage(Booking b, Model model) {
        model.addAttribute("row", row(b));
        model.addAttribute("m", views.terms(b));
        return "reservation/booking/cancel";
    }

    /**
     * Cancels after the confirmation step, which sends what it showed ({@code refund}, {@code points}): when
     * cancelling now would cost more (the free period ended meanwhile), the step is shown again with the new cost
     * (409) and nothing happens. A confirmed booking cancelled without the step goes to the step; a hold (the
     * checkout's "stop") is released at once, which is always free.
     */
    @PostMapping("/account/bookings/{id}/cancel")
    String cancel(@PathVariable String id, @RequestParam(required = false) String refund,
                  @RequestParam(required = false) String points, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Booking b = own.find(id);
        Refund shown = null;
        if (refund != null && points != null && refund.matches("\\d{1,9}") && points.matches("\\d{1,4}")) {
            shown = new Refund(0, Integer.parseInt(refund), false, Integer.parseInt(points), 0, null);
        } else if (b.status() != Booking.Status.PROVISIONAL) {
            return "redirect:/account/bookings/" + b.id() + "/cancel";
        }
        Booking cancelled;
        try {
            cancelled = cancellations.byBooker(b.bookerAccountId(), b.id(), shown);
        } catch (Refused e) {
            if (e.refusal() == BookingRefusal.TERMS_CHANGED) {
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("changed", true);
                return cancelPage(b, model);
            }
            redirect.addFlashAttribute("refusal", e.code());
            return "redirect:/account/bookings/" + b.id();
        }
        if (b.status() == Booking.Status.PROVISIONAL) {
            return "redirect:/account/bookings/" + b.id() + "?released";
        }
        return "redirect:/account/bookings/" + cancelled.id() + "?cancelled";
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
