package jp.machi.reservation.booking.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilityCategory;
import jp.machi.facility.FacilityTraits;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.ward.DistrictCentres;
import jp.machi.reservation.booking.internal.RoomFinder;
import jp.machi.reservation.web.Params;
import jp.machi.shared.image.GeoPoint;
import jp.machi.shared.text.NumberInput;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Finding a room: {@code /reservations} with filters (day, time band, capacity, category, barrier-free needs), sorted
 * in 50音順 or by distance from a chosen 町 or the browser's position, and
 * the facility view {@code /reservations/facilities/{id}} (every room and part × the days of a week or month).
 * Plain GET forms: everything works without JavaScript.
 */
@Controller
class RoomFinderController {

    static final int MAX_CAPACITY = 10_000;
    /** The longest name search (the facility search's own limit). */
    static final int MAX_WORDS = 100;

    private final RoomFinder finder;
    private final BookableRooms service;
    private final Facilities facilities;
    private final DistrictCentres centres;
    private final FinderRows rows;

    RoomFinderController(RoomFinder finder, BookableRooms service, Facilities facilities, DistrictCentres centres,
                         FinderRows rows) {
        this.finder = finder;
        this.centres = centres;
        this.rows = rows;
        this.service = service;
        this.facilities = facilities;
    }

    @GetMapping("/reservations")
    String find(@RequestParam(required = false) String q, @RequestParam(required = false) String date, @RequestParam(required = false) String band,
                @RequestParam(required = false) String capacity, @RequestParam(required = false) String category,
                @RequestParam(required = false) List<String> need, @RequestParam(required = false) String open,
                @RequestParam(required = false) String near, @RequestParam(required = false) String lat,
                @RequestParam(required = false) String lon, Model model, HttpServletRequest request,
                HttpServletResponse response, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        String words = q == null ? "" : q.strip();
        if (words.length() > MAX_WORDS) {
            errors.put("q", "reservation.find.error.q");
        }
        LocalDate today = service.today();
        LocalDate day = null;
        if (date != null && !date.isBlank()) {
            day = Params.date(date.strip());
            if (day == null) {
                errors.put("date", "reservation.find.error.date");
            } else if (day.isBefore(today) || day.isAfter(today.plusYears(2))) {
                errors.put("date", "reservation.find.error.dateRange");
                day = null;
            }
        }
        RoomFinder.Band chosenBand = null;
        if (band != null && !band.isBlank()) {
            chosenBand = RoomFinder.Band.of(band);
            if (chosenBand == null) {
                errors.put("band", "reservation.find.error.band");
            }
        }
        Integer minCapacity = null;
        if (capacity != null && !capacity.isBlank()) {
            String c = capacity.strip();
            if (!c.matches("\\d{1,6}") || Integer.parseInt(c) < 1 || Integer.parseInt(c) > MAX_CAPACITY) {
                errors.put("capacity", "reservation.find.error.capacity");
            } else {
                minCapacity = Integer.parseInt(c);
            }
        }
        List<FacilityCategory> categories = facilities.categories();
        String chosenCategory = null;
        if (category != null && !category.isBlank()) {
            if (categories.stream().noneMatch(c -> c.code().equals(category))) {
                errors.put("category", "reservation.find.error.category");
            } else {
                chosenCategory = category;
            }
        }
        Set<String> needs = new LinkedHashSet<>();
        if (need != null) {
            for (String n : need) {
                if (!FacilityTraits.BARRIER_FREE.contains(n)) {
                    errors.put("need", "reservation.find.error.need");
                } else {
                    needs.add(n);
                }
            }
        }
        boolean onlyOpen = "1".equals(open);
        // near me: a 町 chosen from the list (works without JavaScript), or the browser's position that the page's
        // script fills in (lat, lon); the position wins when both are given
        GeoPoint from = null;
        String chosenNear = near == null || near.isBlank() ? null : near.strip();
        boolean hasLat = lat != null && !lat.isBlank();
        boolean hasLon = lon != null && !lon.isBlank();
        if (hasLat || hasLon) {
            Double la = hasLat ? NumberInput.decimal(lat) : null;
            Double lo = hasLon ? NumberInput.decimal(lon) : null;
            if (!GeoPoint.inJapan(la, lo)) {
                errors.put("near", "reservation.find.error.position");
            } else {
                from = new GeoPoint(la, lo);
            }
        } else if (chosenNear != null) {
            from = centres.centre(chosenNear).orElse(null);
            if (from == null) {
                errors.put("near", "reservation.find.error.near");
            }
        }
        // the 町 options written once per request in Java (FinderRows), not by a loop of three expressions per option
        model.addAttribute("districtOptions", rows.districtOptions(chosenNear == null ? "" : chosenNear, locale));
        model.addAttribute("nearHere", hasLat || hasLon);
        model.addAttribute("bands", RoomFinder.Band.values());
        model.addAttribute("form", new Form(words, date == null ? "" : date, band, capacity == null ? "" : capacity,
            category, needs, onlyOpen, chosenNear == null ? "" : chosenNear, hasLat ? lat.strip() : "", hasLon ? lon.strip() : ""));
        model.addAttribute("errors", errors);
        model.addAttribute("today", today);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("results", List.of());
            offer(model, finder.options(), categories, category, needs);
            return "reservation/booking/rooms";
        }
        var filter = new RoomFinder.Filter(words, day, chosenBand, minCapacity, chosenCategory, needs, onlyOpen, from);
        RoomFinder.Found found = finder.search(filter);
        model.addAttribute("filter", filter);
        List<FinderRows.FacilityRow> results = rows.rows(found.results(), filter, chosenBand == null ? null : chosenBand.slug(),
            needs, request.getContextPath(), locale);
        model.addAttribute("results", results);
        model.addAttribute("rowsHtml", rows.html(results, day != null, locale));
        offer(model, found.options(), categories, chosenCategory, needs);
        return "reservation/booking/rooms";
    }

    /**
     * The kinds and barrier-free features the form offers: only those that find some facility with bookable rooms (a
     * kind with its count); one chosen in the address stays shown so that it can be undone.
     */
    private static void offer(Model model, RoomFinder.Options options, List<FacilityCategory> categories, String chosen,
                              Set<String> needs) {
        model.addAttribute("categories", categories.stream()
            .filter(c -> options.categories().containsKey(c.code()) || c.code().equals(chosen)).toList());
        model.addAttribute("categoryCounts", options.categories());
        model.addAttribute("features", FacilityTraits.BARRIER_FREE.stream()
            .filter(f -> options.features().containsKey(f) || needs.contains(f)).toList());
    }

    /** What the person typed, to show back in the form. */
    record Form(String q, String date, String band, String capacity, String category, Set<String> needs, boolean open,
                String near, String lat, String lon) {

        /** Whether a filter other than the name is set (the detailed filters are then shown open). */
        public boolean detailed() {
            return !date.isBlank() || (band != null && !band.isBlank()) || !capacity.isBlank()
                || (category != null && !category.isBlank()) || !needs.isEmpty() || open;
        }
    }

    @GetMapping("/reservations/facilities/{facilityId}")
    String facility(@PathVariable String facilityId, @RequestParam(required = false) String start,
                    @RequestParam(required = false) String period, @RequestParam(required = false) String band,
                    Model model) {
        if (facilityId == null || !facilityId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,79}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        RoomFinder.Band chosenBand = band == null || band.isBlank() ? null : RoomFinder.Band.of(band);
        if (band != null && !band.isBlank() && chosenBand == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        boolean month = "month".equals(period);
        LocalDate today = service.today();
        LocalDate from = Params.date(start);
        if (from == null || from.isBefore(today.minusDays(31)) || from.isAfter(today.plusYears(2))) {
            from = month ? today.withDayOfMonth(1) : BookableRooms.weekStart(today);
        }
        LocalDate to = month ? from.plusMonths(1).minusDays(1) : from.plusDays(6);
        var view = finder.facility(facilityId, from, to, chosenBand)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("view", view);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("month", month);
        model.addAttribute("band", chosenBand == null ? null : chosenBand.slug());
        model.addAttribute("bands", RoomFinder.Band.values());
        model.addAttribute("previous", month ? from.minusMonths(1) : from.minusDays(7));
        model.addAttribute("next", month ? from.plusMonths(1) : from.plusDays(7));
        return "reservation/booking/facility";
    }
}
