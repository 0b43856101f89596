package jp.machi.reservation.legacy.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import jp.machi.facility.FacilitySummary;
import jp.machi.shared.csv.CsvWriter;
import jp.machi.reservation.legacy.internal.Utilisation;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.web.StaffPages;
import jp.machi.shared.time.MachiClock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Utilisation by facility and month for staff (the facilities of their departments): a table, a bar chart drawn
 * on the server (SVG; the table is its accessible equivalent) and the same figures as CSV.
 */
@Controller
class UtilisationStaffController {

    private final Utilisation utilisation;
    private final RoomRules staff;
    private final java.time.Clock clock;

    UtilisationStaffController(Utilisation utilisation, RoomRules staff, java.time.Clock clock) {
        this.utilisation = utilisation;
        this.staff = staff;
        this.clock = clock;
    }

    private List<FacilitySummary> facilitiesFor(long me) {
        return List.copyOf(staff.facilitiesFor(me).keySet());
    }

    record Range(YearMonth from, YearMonth to) {}

    /** Default: this month and the two before it. At most twelve months, not before 2000 nor after 2100. */
    private Range range(String from, String to) {
        YearMonth now = YearMonth.now(clock.withZone(MachiClock.ZONE));
        YearMonth f = from == null || from.isBlank() ? now.minusMonths(2) : month(from);
        YearMonth t = to == null || to.isBlank() ? (from == null || from.isBlank() ? now : f.plusMonths(2)) : month(to);
        if (t.isBefore(f) || f.plusMonths(Utilisation.MAX_MONTHS - 1).isBefore(t)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "range");
        }
        return new Range(f, t);
    }

    private static YearMonth month(String s) {
        try {
            YearMonth m = YearMonth.parse(s.strip());
            if (m.getYear() < 2000 || m.getYear() > 2100) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "month");
            }
            return m;
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "month");
        }
    }

    @GetMapping("/staff/reservations/utilisation")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        long me = StaffPages.staffId();
        Range r = range(from, to);
        List<Utilisation.Row> rows = utilisation.table(facilitiesFor(me), r.from(), r.to());
        model.addAttribute("rows", rows);
        model.addAttribute("from", r.from());
        model.addAttribute("to", r.to());
        model.addAttribute("chartHeight", 24 * rows.size() + 8);
        return "reservation/legacy/staff/utilisation";
    }

    @GetMapping("/staff/reservations/utilisation.csv")
    void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale,
             HttpServletResponse response) throws IOException {
        long me = StaffPages.staffId();
        Range r = range(from, to);
        List<Utilisation.Row> rows = utilisation.table(facilitiesFor(me), r.from(), r.to());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"utilisation-" + r.from() + "-" + r.to() + ".csv\"");
        try (CsvWriter csv = CsvWriter.to(response.getOutputStream())) {
            csv.row("facility_id", "facility_name", "month", "bookings", "available_slots", "blocked_slots", "rate_percent");
            for (Utilisation.Row row : rows) {
                csv.row(row.facility().id(), row.facility().name().in(locale), row.month().toString(), row.bookings(),
                    row.available(), row.blocked(), row.percent());
            }
        }
    }
}
