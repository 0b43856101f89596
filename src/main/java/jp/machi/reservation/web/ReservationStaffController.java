package jp.machi.reservation.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import jp.machi.reservation.internal.ReservationException;
import jp.machi.reservation.internal.ReservationService;
import jp.machi.reservation.internal.StaffReservations;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.Forms;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages: a facility's week of bookings (rooms × days × slots, state in text), one booking with its booker
 * (each view audited), counter payment and cancelling for the ward with a reason. Facilities of departments the
 * staff member may not see answer 404, as unknown ones do.
 */
@Controller
class ReservationStaffController {

    /** How far from today a week may be asked for; further is a bad request rather than an empty table. */
    static final int PAST_DAYS = 366;
    static final int FUTURE_DAYS = 2 * 366;

    /** The reason for cancelling; it goes into the audit log and the mail to the booker. */
    record CancelForm(@NotBlank(message = "{reservation.staff.reason.required}")
                      @Size(max = 200, message = "{reservation.staff.reason.required}") String reason) {}

    private final StaffReservations staff;
    private final ReservationService service;

    ReservationStaffController(StaffReservations staff, ReservationService service) {
        this.staff = staff;
        this.service = service;
    }

    private static long me() {
        return CurrentActor.principal().filter(MachiPrincipal::isStaff).map(MachiPrincipal::accountId)
            .orElseThrow(() -> new AccessDeniedException("staff only"));
    }

    @GetMapping("/staff/reservations")
    String calendar(@RequestParam(required = false) String facility, @RequestParam(required = false) String date,
                    Model model) {
        long me = me();
        LocalDate today = service.today();
        LocalDate day = today;
        if (date != null && !date.isBlank()) {
            day = ReservationController.date(date.strip());
            if (day == null || day.isBefore(today.minusDays(PAST_DAYS)) || day.isAfter(today.plusDays(FUTURE_DAYS))) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "date");
            }
        }
        LocalDate from = ReservationService.weekStart(day);
        model.addAttribute("facilities", staff.facilitiesFor(me));
        model.addAttribute("date", day);
        if (facility != null && !facility.isBlank()) {
            var week = staff.week(me, facility.strip(), from)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            model.addAttribute("week", week);
            LocalDate previous = from.minusDays(7);
            LocalDate next = from.plusDays(7);
            model.addAttribute("previous", previous.isBefore(today.minusDays(PAST_DAYS)) ? null : previous);
            model.addAttribute("next", next.isAfter(today.plusDays(FUTURE_DAYS)) ? null : next);
        }
        return "reservation/staff/calendar";
    }

    @GetMapping("/staff/reservations/bookings/{id}")
    String booking(@PathVariable String id, Model model) {
        model.addAttribute("form", new CancelForm(""));
        return bookingPage(id, model);
    }

    private String bookingPage(String id, Model model) {
        var view = ReservationController.id(id).flatMap(b -> staff.read(me(), b))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("view", view);
        model.addAttribute("part", staff.part(view.booking()).orElse(null));
        model.addAttribute("registration", service.booker(view.booking().bookerAccountId()).orElse(null));
        model.addAttribute("weekStart", ReservationService.weekStart(view.booking().date()));
        return "reservation/staff/booking";
    }

    @PostMapping("/staff/reservations/bookings/{id}/paid")
    String markPaid(@PathVariable String id, RedirectAttributes redirect) {
        long me = me();
        var b = visible(me, id);
        try {
            service.markPaid(me, b);
            redirect.addFlashAttribute("done", "reservation.staff.paidDone");
        } catch (ReservationException e) {
            redirect.addFlashAttribute("refusal", e.refusal().code());
        }
        return "redirect:/staff/reservations/bookings/" + b;
    }

    @PostMapping("/staff/reservations/bookings/{id}/cancel")
    String cancel(@PathVariable String id, @Valid @ModelAttribute("form") CancelForm form, BindingResult errors,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = me();
        var b = visible(me, id);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return bookingPage(id, model);
        }
        try {
            service.cancelByStaff(me, b, form.reason().strip());
            redirect.addFlashAttribute("done", "reservation.staff.cancelDone");
        } catch (ReservationException e) {
            redirect.addFlashAttribute("refusal", e.refusal().code());
        }
        return "redirect:/staff/reservations/bookings/" + b;
    }

    private long visible(long me, String id) {
        return ReservationController.id(id).flatMap(b -> staff.visible(me, b)).map(b -> b.id())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
