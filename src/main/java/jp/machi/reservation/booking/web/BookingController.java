package jp.machi.reservation.booking.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booked;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.ResidentPages;
import jp.machi.shared.security.CurrentActor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Check and book: the resident checks what they ask for (place, day, slot, fee) and books; the slot is held while
 * they check the fee on the checkout page ({@link CheckoutController}). Unregistered people register first.
 */
@Controller
class BookingController {

    private final BookableRooms rooms;
    private final Bookers bookers;
    private final BookingService booking;
    private final Bookings bookings;

    BookingController(BookableRooms rooms, Bookers bookers, BookingService booking, Bookings bookings) {
        this.bookings = bookings;
        this.rooms = rooms;
        this.bookers = bookers;
        this.booking = booking;
    }

    /** A unit, day and slot asked for (parameters checked: unknown room 404, bad day, slot or part 400). */
    record Request(BookableRoom room, LocalDate date, Slot slot, RoomPart part) {}

    @GetMapping("/account/bookings/new")
    String confirm(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                   @RequestParam(required = false) String slot, @RequestParam(required = false) String part, Model model) {
        Request r = request(room, date, slot, part);
        long booker = ResidentPages.accountId();
        if (bookers.booker(booker).isEmpty()) {
            return "redirect:/account/bookings/registration?room=" + r.room().room().id() + "&date=" + r.date()
                + "&slot=" + r.slot().code() + (r.part() == null ? "" : "&part=" + r.part().code());
        }
        fill(model, r, booker);
        model.addAttribute("key", UUID.randomUUID().toString());
        return "reservation/booking/confirm";
    }

    @PostMapping("/account/bookings/new")
    String book(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                @RequestParam(required = false) String slot, @RequestParam(required = false) String part,
                @RequestParam(required = false) String key, @RequestParam(required = false) String commercial,
                Model model, HttpServletResponse response) {
        Request r = request(room, date, slot, part);
        long booker = ResidentPages.accountId();
        if (key == null || !key.matches("[0-9a-f-]{36}")) {
            key = UUID.randomUUID().toString();
        }
        if (!"true".equals(commercial) && !"false".equals(commercial)) {
            // the purpose decides the fee: the person chooses it, nothing is chosen for them; nothing is held
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            if (bookers.booker(booker).isEmpty()) {
                return "redirect:/account/bookings/registration?room=" + r.room().room().id() + "&date=" + r.date()
                    + "&slot=" + r.slot().code() + (r.part() == null ? "" : "&part=" + r.part().code());
            }
            fill(model, r, booker);
            model.addAttribute("purposeError", true);
            model.addAttribute("key", key);
            return "reservation/booking/confirm";
        }
        try {
            // the slot is held (PROVISIONAL) while the resident reviews the fee on the checkout page
            Booked booked = booking.hold(booker, ResidentPages.proxyStaffId(), r.room().room().id(), r.date(),
                r.slot().code(), r.part() == null ? null : r.part().code(), key, "true".equals(commercial));
            return "redirect:/account/bookings/" + booked.booking().id()
                + (booked.booking().status() == Booking.Status.PROVISIONAL ? "/checkout" : "");
        } catch (Refused e) {
            model.addAttribute("refusal", e.code());
            if (e.refusal() == BookingRefusal.SUSPENDED) {
                bookers.booker(booker).ifPresent(x -> model.addAttribute("suspendedUntil", x.suspendedUntil()));
            }
        } catch (DuplicateKeyException e) {
            model.addAttribute("refusal", BookingRefusal.TAKEN.code());
        }
        response.setStatus(HttpStatus.CONFLICT.value());
        if (bookers.booker(booker).isPresent()) {
            fill(model, r, booker);
        }
        model.addAttribute("key", UUID.randomUUID().toString());
        return "reservation/booking/confirm";
    }

    private void fill(Model model, Request r, long bookerId) {
        Booker b = bookers.booker(bookerId).orElseThrow();
        model.addAttribute("room", r.room());
        model.addAttribute("date", r.date());
        model.addAttribute("weekStart", BookableRooms.weekStart(r.date()));
        model.addAttribute("slot", r.slot());
        model.addAttribute("part", r.part());
        model.addAttribute("residency", b.residency());
        model.addAttribute("fee", MoneyTerms.fee(r.room().rules(), b.residency().inWard(), false, r.slot().code()));
        model.addAttribute("commercialFee", MoneyTerms.fee(r.room().rules(), b.residency().inWard(), true, r.slot().code()));
        // what booking now commits the person to: when to pay (at the counter, while it is open), what cancelling costs
        model.addAttribute("terms", bookings.termsBefore(r.room(), r.date(), r.slot()));
        model.addAttribute("proxy", CurrentActor.actingFor().orElse(null));
        model.addAttribute("me", CurrentActor.principal().orElse(null));
    }

    private Request request(String room, String date, String slot, String part) {
        BookableRoom bookable = Params.id(room).flatMap(rooms::room)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        LocalDate d = Params.date(date);
        Slot s = bookable.slot(slot == null ? "" : slot).orElse(null);
        RoomPart p = null;
        if (part != null && !part.isEmpty()) {
            // an unknown part, or a part of a room that is not splittable, is a bad request like an unknown slot
            p = rooms.part(bookable.room().id(), part).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        }
        if (d == null || s == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return new Request(bookable, d, s, p);
    }
}
