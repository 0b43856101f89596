package jp.machi.reservation.booking.web.staff;

import java.time.LocalDate;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.internal.StaffBookings;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.StaffPages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The staff's week of a facility: rooms × days × slots with each slot's state in words. Facilities of departments the
 * staff member may not see answer 404, as unknown ones do.
 */
@Controller
class StaffCalendarController {

    /** How far from today a week may be asked for; further is a bad request rather than an empty table. */
    static final int PAST_DAYS = 366;
    static final int FUTURE_DAYS = 2 * 366;

    private final StaffBookings staff;
    private final BookableRooms rooms;

    StaffCalendarController(StaffBookings staff, BookableRooms rooms) {
        this.staff = staff;
        this.rooms = rooms;
    }

    @GetMapping("/staff/reservations")
    String calendar(@RequestParam(required = false) String facility, @RequestParam(required = false) String date,
                    Model model) {
        long me = StaffPages.staffId();
        LocalDate today = rooms.today();
        LocalDate day = today;
        if (date != null && !date.isBlank()) {
            day = Params.date(date.strip());
            if (day == null || day.isBefore(today.minusDays(PAST_DAYS)) || day.isAfter(today.plusDays(FUTURE_DAYS))) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "date");
            }
        }
        LocalDate from = BookableRooms.weekStart(day);
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
        return "reservation/booking/staff/calendar";
    }
}
