package jp.machi.reservation.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import jp.machi.reservation.internal.Booking;
import jp.machi.reservation.internal.Money;
import jp.machi.reservation.internal.ReductionCategory;
import jp.machi.reservation.internal.Refusal;
import jp.machi.reservation.internal.ReservationException;
import jp.machi.reservation.internal.ReservationService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's money pages: the checkout of a held slot (fee, rule, refund tiers, payment deadline, reduction
 * request, confirm), a reduction request after confirming, and the private iCalendar feed.
 */
@Controller
class MoneyController {

    private final ReservationService service;
    private final Money money;

    MoneyController(ReservationService service, Money money) {
        this.service = service;
        this.money = money;
    }

    @GetMapping("/account/bookings/{id}/checkout")
    String checkout(@PathVariable String id, Model model) {
        Booking b = own(id);
        if (b.status() != Booking.Status.PROVISIONAL) {
            return "redirect:/account/bookings/" + b.id();
        }
        return checkoutPage(b, model);
    }

    private String checkoutPage(Booking b, Model model) {
        model.addAttribute("b", b);
        model.addAttribute("room", service.bookableRoom(b.roomId()).orElse(null));
        model.addAttribute("m", money.view(b));
        model.addAttribute("categories", money.reductionCategories());
        return "reservation/money/checkout";
    }

    @PostMapping("/account/bookings/{id}/confirm")
    String confirm(@PathVariable String id, @RequestParam(required = false) String reduction, Model model,
                   HttpServletResponse response) {
        Booking b = own(id);
        ReductionCategory category;
        try {
            category = money.reduction(reduction);
        } catch (ReservationException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("reductionError", true);
            if (b.status() != Booking.Status.PROVISIONAL) {
                return "redirect:/account/bookings/" + b.id();
            }
            return checkoutPage(b, model);
        }
        try {
            money.confirm(b.bookerAccountId(), b.id(), category);
        } catch (ReservationException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusal", e.refusal().code());
            model.addAttribute("b", service.booking(b.id()).orElseThrow());
            return "reservation/money/refused";
        }
        return "redirect:/account/bookings/" + b.id() + "?booked";
    }

    @PostMapping("/account/bookings/{id}/reduction")
    String requestReduction(@PathVariable String id, @RequestParam(required = false) String reduction,
                            RedirectAttributes redirect, Model model, HttpServletResponse response) {
        Booking b = own(id);
        try {
            money.requestReduction(b.bookerAccountId(), b.id(), reduction);
        } catch (ReservationException e) {
            if (e.refusal() == Refusal.UNKNOWN_REDUCTION) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("refusal", e.refusal().code());
                model.addAttribute("b", b);
                return "reservation/money/refused";
            }
            redirect.addFlashAttribute("refusal", e.refusal().code());
            return "redirect:/account/bookings/" + b.id();
        }
        redirect.addFlashAttribute("reductionRequested", true);
        return "redirect:/account/bookings/" + b.id();
    }

    /** Creates the secret feed address, or replaces it so the old one stops working. */
    @PostMapping("/account/bookings/calendar-feed")
    String resetFeed(RedirectAttributes redirect) {
        money.resetFeed(bookerId());
        redirect.addFlashAttribute("feedReset", true);
        return "redirect:/account/bookings#calendar-feed";
    }

    /** The private feed: anyone with the address may read it (that is what calendar apps need); a wrong one is 404. */
    @GetMapping("/calendar/{token}.ics")
    @ResponseBody
    ResponseEntity<String> feed(@PathVariable String token, @RequestParam(required = false) String lang) {
        long owner = money.feedOwner(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE;
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
            .header("Cache-Control", "private, max-age=300")
            .body(money.calendar(owner, locale));
    }

    private Booking own(String id) {
        long booker = bookerId();
        return ReservationController.id(id).flatMap(service::booking).filter(b -> b.bookerAccountId() == booker)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static long bookerId() {
        return CurrentActor.actingFor().map(CurrentActor.ProxySubject::accountId)
            .orElseGet(() -> CurrentActor.principal().map(MachiPrincipal::accountId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)));
    }
}
