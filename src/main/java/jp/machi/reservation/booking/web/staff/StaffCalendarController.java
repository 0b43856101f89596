package jp.machi.reservation.booking.web.staff;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.security.CurrentActor;
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
 * The staff's week of a facility: a grid of rooms and slots × days with each slot's state in words, and from a free
 * slot the start of a booking for a caller (the proxy booking of the resident pages, begun from the resident desk).
 * Facilities of departments the staff member may not see answer 404, as unknown ones do.
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
            java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            model.addAttribute("dayHeads", week.days().stream().map(d -> dayHead(d, locale)).toList());
            model.addAttribute("dayLines", week.days().stream().map(d -> dayLines(d, locale)).toList());
            model.addAttribute("today", today);
            model.addAttribute("acting", CurrentActor.actingFor().orElse(null));
            LocalDate previous = from.minusDays(7);
            LocalDate next = from.plusDays(7);
            model.addAttribute("previous", previous.isBefore(today.minusDays(PAST_DAYS)) ? null : previous);
            model.addAttribute("next", next.isAfter(today.plusDays(FUTURE_DAYS)) ? null : next);
            model.addAttribute("previousSpan", weekSpan(previous, locale));
            model.addAttribute("nextSpan", weekSpan(next, locale));
            model.addAttribute("thisWeek", from.equals(BookableRooms.weekStart(today)) ? null : today);
        }
        return "reservation/booking/staff/calendar";
    }

    /** A unit of the room (whole or a part) with its state in the chosen slot, and the proxy booking form's address. */
    record Unit(RoomPart part, Availability availability, String bookPath) {

        public boolean free() {
            return availability.status() == Availability.Status.OPEN;
        }
    }

    /**
     * Booking a free slot for a caller: the slot in words, each unit (whole room, parts) free or not, and the way on —
     * straight to the booking form when the staff member already acts for a resident, else to the resident desk to
     * find the caller, which brings them back to the booking form once they act for the caller.
     */
    @GetMapping("/staff/reservations/book")
    String book(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                @RequestParam(required = false) String slot, Model model) {
        long me = StaffPages.staffId();
        BookableRoom r = Params.id(room).flatMap(id -> staff.visibleRoom(me, id))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        LocalDate today = rooms.today();
        LocalDate day = Params.date(date == null ? null : date.strip());
        if (day == null || day.isBefore(today.minusDays(PAST_DAYS)) || day.isAfter(today.plusDays(FUTURE_DAYS))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "date");
        }
        Slot s = slot == null ? null : r.slot(slot.strip()).orElse(null);
        if (s == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "slot");
        }
        List<Unit> units = new ArrayList<>();
        List<RoomPart> parts = new ArrayList<>();
        parts.add(null);
        parts.addAll(rooms.parts(r.room().id()));
        for (RoomPart p : parts) {
            Availability a = rooms.availability(r, p == null ? null : p.code(), day, day).stream()
                .filter(x -> x.slot().code().equals(s.code())).findFirst().orElseThrow();
            String path = "/account/bookings/new?room=" + r.room().id() + "&date=" + day + "&slot=" + s.code()
                + (p == null ? "" : "&part=" + p.code());
            units.add(new Unit(p, a, path));
        }
        model.addAttribute("room", r);
        model.addAttribute("date", day);
        model.addAttribute("slot", s);
        model.addAttribute("units", units);
        model.addAttribute("acting", CurrentActor.actingFor().orElse(null));
        model.addAttribute("weekStart", BookableRooms.weekStart(day));
        return "reservation/booking/staff/book";
    }

    /** A week for a link: 11月30日〜12月6日 / 30 Nov – 6 Dec. */
    static String weekSpan(LocalDate from, java.util.Locale locale) {
        LocalDate to = from.plusDays(6);
        if ("en".equals(locale.getLanguage())) {
            return from.getDayOfMonth() + " " + from.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH)
                + " – " + to.getDayOfMonth() + " " + to.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        }
        return from.getMonthValue() + "月" + from.getDayOfMonth() + "日〜" + to.getMonthValue() + "月" + to.getDayOfMonth() + "日";
    }

    /** A day as a column heading on two lines: 12月7日 / （月）, Mon / 7 Dec. */
    static List<String> dayLines(LocalDate d, java.util.Locale locale) {
        String head = dayHead(d, locale);
        int cut = "en".equals(locale.getLanguage()) ? head.indexOf(' ') : head.indexOf('（');
        return cut < 0 ? List.of(head) : List.of(head.substring(0, cut).strip(), head.substring(cut).strip());
    }

    /** A day as a column heading: 12月7日（月） / Mon 7 Dec (the caption gives the year in the ward's style). */
    static String dayHead(LocalDate d, java.util.Locale locale) {
        if ("en".equals(locale.getLanguage())) {
            return d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH) + " "
                + d.getDayOfMonth() + " " + d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        }
        return d.getMonthValue() + "月" + d.getDayOfMonth() + "日（"
            + d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.JAPANESE) + "）";
    }
}
