package jp.machi.reservation.booking.web.staff;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jp.machi.facility.FacilitySummary;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.internal.BookingTerms;
import jp.machi.reservation.booking.internal.BookingViews;
import jp.machi.reservation.booking.internal.ReductionRequests;
import jp.machi.reservation.booking.internal.StaffBookings;
import jp.machi.reservation.web.StaffPages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The reduction requests waiting for staff, of the facilities the staff member may see. */
@Controller
class ReductionQueueController {

    private final ReductionRequests reductions;
    private final StaffBookings staff;
    private final BookableRooms rooms;
    private final BookingViews views;

    ReductionQueueController(ReductionRequests reductions, StaffBookings staff, BookableRooms rooms, BookingViews views) {
        this.reductions = reductions;
        this.staff = staff;
        this.rooms = rooms;
        this.views = views;
    }

    record Row(Booking booking, BookingTerms money, String facilityName) {}

    @GetMapping("/staff/reservations/reductions")
    String queue(Model model, Locale locale) {
        Set<String> ids = staff.facilitiesFor(StaffPages.staffId()).stream().map(FacilitySummary::id).collect(Collectors.toSet());
        model.addAttribute("rows", reductions.requested().stream().filter(b -> ids.contains(b.facilityId()))
            .map(b -> new Row(b, views.terms(b), rooms.room(b.roomId())
                .map(r -> r.facility().name().in(locale) + " " + r.room().name().in(locale)).orElse(b.facilityId())))
            .toList());
        model.addAttribute("admin", StaffPages.systemAdmin());
        return "reservation/booking/staff/reductions";
    }
}
