package jp.machi.reservation.booking.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.internal.Attendance;
import jp.machi.reservation.booking.internal.BookingViews;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.booking.internal.Payments;
import jp.machi.reservation.booking.internal.ReductionRequests;
import jp.machi.reservation.booking.internal.StaffBookings;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.StaffPages;
import jp.machi.shared.web.Forms;
import org.springframework.http.HttpStatus;
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
 * One booking for staff: the booker (each view audited), the fee and terms, and what staff do with it — counter
 * payment, cancelling for the ward with a reason, the reduction decision, check-in and no-show. Bookings of facilities
 * the staff member may not see answer 404.
 */
@Controller
class StaffBookingController {

    /** The reason for cancelling; it goes into the audit log and the mail to the booker. */
    record CancelForm(@NotBlank(message = "{reservation.staff.reason.required}")
                      @Size(max = 200, message = "{reservation.staff.reason.required}") String reason) {}

    private final StaffBookings staff;
    private final Bookers bookers;
    private final BookingViews views;
    private final Payments payments;
    private final Cancellations cancellations;
    private final ReductionRequests reductions;
    private final Attendance attendance;

    StaffBookingController(StaffBookings staff, Bookers bookers, BookingViews views, Payments payments,
                           Cancellations cancellations, ReductionRequests reductions, Attendance attendance) {
        this.staff = staff;
        this.bookers = bookers;
        this.views = views;
        this.payments = payments;
        this.cancellations = cancellations;
        this.reductions = reductions;
        this.attendance = attendance;
    }

    @GetMapping("/staff/reservations/bookings/{id}")
    String booking(@PathVariable String id, Model model) {
        model.addAttribute("form", new CancelForm(""));
        return page(id, model);
    }

    private String page(String id, Model model) {
        var view = Params.id(id).flatMap(b -> staff.read(StaffPages.staffId(), b))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("view", view);
        model.addAttribute("m", views.terms(view.booking()));
        model.addAttribute("part", staff.part(view.booking()).orElse(null));
        model.addAttribute("registration", bookers.booker(view.booking().bookerAccountId()).orElse(null));
        model.addAttribute("weekStart", BookableRooms.weekStart(view.booking().date()));
        return "reservation/booking/staff/booking";
    }

    @PostMapping("/staff/reservations/bookings/{id}/paid")
    String markPaid(@PathVariable String id, RedirectAttributes redirect) {
        long me = StaffPages.staffId();
        long b = visible(me, id);
        return act(b, redirect, "reservation.staff.paidDone", () -> payments.markPaid(me, b));
    }

    @PostMapping("/staff/reservations/bookings/{id}/cancel")
    String cancel(@PathVariable String id, @Valid @ModelAttribute("form") CancelForm form, BindingResult errors,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = StaffPages.staffId();
        long b = visible(me, id);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(id, model);
        }
        return act(b, redirect, "reservation.staff.cancelDone", () -> cancellations.byStaff(me, b, form.reason().strip()));
    }

    @PostMapping("/staff/reservations/bookings/{id}/reduction")
    String decide(@PathVariable String id, @RequestParam(required = false) String decision, RedirectAttributes redirect) {
        long me = StaffPages.staffId();
        long b = visible(me, id);
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision");
        }
        boolean approve = "approve".equals(decision);
        return act(b, redirect, approve ? "reservation.money.staff.approved" : "reservation.money.staff.rejected",
            () -> reductions.decide(me, b, approve));
    }

    @PostMapping("/staff/reservations/bookings/{id}/check-in")
    String checkIn(@PathVariable String id, RedirectAttributes redirect) {
        long me = StaffPages.staffId();
        long b = visible(me, id);
        return act(b, redirect, "reservation.money.staff.checkedIn", () -> attendance.checkIn(me, b));
    }

    @PostMapping("/staff/reservations/bookings/{id}/no-show")
    String noShow(@PathVariable String id, RedirectAttributes redirect) {
        long me = StaffPages.staffId();
        long b = visible(me, id);
        return act(b, redirect, "reservation.money.staff.noShowDone", () -> attendance.noShow(me, b));
    }

    /** Does the step; the booking page says it was done, or why not. */
    private static String act(long bookingId, RedirectAttributes redirect, String done, Runnable step) {
        try {
            step.run();
            redirect.addFlashAttribute("done", done);
        } catch (Refused e) {
            redirect.addFlashAttribute("refusal", e.code());
        }
        return "redirect:/staff/reservations/bookings/" + bookingId;
    }

    private long visible(long me, String id) {
        return Params.id(id).flatMap(b -> staff.visible(me, b)).map(Booking::id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
