package jp.machi.facility.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityQuery;
import jp.machi.facility.internal.FacilityService;
import jp.machi.facility.internal.SearchRequest;
import jp.machi.facility.internal.SearchText;
import jp.machi.shared.web.Option;
import jp.machi.ward.DistrictCentres;
import jp.machi.ward.WardProfile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Residents find a facility: search, filters, a list that is complete on its own, a map beside it. */
@Controller
class FacilityController {

    static final int PAGE_SIZE = 20;

    /** The search form; every field a string so that any input can be shown again with its error. */
    record SearchForm(String q, List<String> category, List<String> feature, String wifi, String aed, String openNow,
                      String sort, String lat, String lon, String near, String page) {}

    private final FacilityService facilities;
    private final WardProfile ward;
    private final DistrictCentres districts;
    private final String tileUrl;
    private final jp.machi.facility.internal.FacilityPhotos photos;
    private final org.springframework.beans.factory.ObjectProvider<jp.machi.facility.RoomBooking> booking;

    FacilityController(FacilityService facilities, WardProfile ward, DistrictCentres districts, jp.machi.facility.internal.FacilityPhotos photos,
                       org.springframework.beans.factory.ObjectProvider<jp.machi.facility.RoomBooking> booking,
                       @Value("${machi.facility.tile-url:https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png}") String tileUrl) {
        this.booking = booking;
        this.facilities = facilities;
        this.ward = ward;
        this.districts = districts;
        this.tileUrl = tileUrl;
        this.photos = photos;
    }

    @GetMapping("/facilities")
    String search(@ModelAttribute("form") SearchForm form, BindingResult errors, Model model, HttpServletRequest request,
                  HttpServletResponse response, Locale locale) {
        jp.machi.shared.web.Forms.requireReadable(errors);
        Map<String, Category> categories = facilities.categoryMap();
        SearchRequest.Parsed parsed = SearchRequest.parse(form.q(), form.category(), categories.keySet(), null, form.wifi(),
            form.aed(), form.feature(), null, form.openNow(), form.lat(), form.lon());
        parsed.problems().forEach(p -> errors.rejectValue(p.parameter(), p.messageKey()));
        double[] near = parsed.near();
        String[] nearDistrict = new String[1];
        if (near == null && form.near() != null && !form.near().isBlank()) {
            near = placeOf(form.near(), errors, locale, nearDistrict);
        }
        String sort = form.sort() == null || form.sort().isBlank() ? (near != null ? "distance" : "name") : form.sort();
        if (!sort.equals("name") && !sort.equals("distance")) {
            errors.rejectValue("sort", "facility.error.sort");
        } else if (sort.equals("distance") && near == null && !errors.hasFieldErrors("near") && !errors.hasFieldErrors("lat")
            && !errors.hasFieldErrors("lon")) {
            errors.rejectValue("near", "facility.error.sortNeedsPlace");
        }
        int page = 1;
        if (form.page() != null && !form.page().isBlank()) {
            try {
                page = Integer.parseInt(form.page().strip());
            } catch (NumberFormatException e) {
                page = 0;
            }
            if (page < 1 || page > 10_000) {
                errors.rejectValue("page", "facility.error.page");
                page = 1;
            }
        }
        // a filter that can only give "none" is not offered; one chosen in the address stays so it can be unticked
        Map<String, Long> counts = facilities.categoryCounts();
        List<String> chosen = form.category() == null ? List.of() : form.category();
        model.addAttribute("categoryOptions", categories.values().stream()
            .filter(c -> counts.getOrDefault(c.code(), 0L) > 0 || chosen.contains(c.code()))
            .map(c -> new Option(c.code(), c.name().in(locale) + ("en".equals(locale.getLanguage()) ? " (%d)" : "（%d）")
                .formatted(counts.getOrDefault(c.code(), 0L)))).toList());
        model.addAttribute("categories", categories);
        model.addAttribute("features", Facility.FEATURES);
        model.addAttribute("tileUrl", tileUrl);
        model.addAttribute("ward", ward);
        model.addAttribute("invalid", errors.hasErrors());
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("results", List.of());
            model.addAttribute("total", 0);
            return "facility/list";
        }
        List<FacilityService.Listing> all = facilities.search(parsed.query(), null, parsed.openOnly(),
            sort.equals("distance") ? near : null);
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        page = Math.min(page, pages);
        model.addAttribute("results", all.subList((page - 1) * PAGE_SIZE, Math.min(all.size(), page * PAGE_SIZE)));
        model.addAttribute("total", all.size());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("firstIndex", all.isEmpty() ? 0 : (page - 1) * PAGE_SIZE + 1);
        model.addAttribute("lastIndex", Math.min(all.size(), page * PAGE_SIZE));
        model.addAttribute("prevUrl", page > 1 ? pageUrl(page - 1) : null);
        model.addAttribute("nextUrl", page < pages ? pageUrl(page + 1) : null);
        model.addAttribute("apiUrl", apiUrl(parsed.query()));
        model.addAttribute("sortedByDistance", sort.equals("distance"));
        model.addAttribute("nearDistrict", sort.equals("distance") ? nearDistrict[0] : null);
        return "facility/list";
    }

    @GetMapping("/facilities/{id}")
    String detail(@PathVariable String id, Model model) {
        FacilityService.Detail d = facilities.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("d", d);
        model.addAttribute("f", d.facility());
        model.addAttribute("categories", facilities.categoryMap());
        model.addAttribute("features", Facility.FEATURES);
        model.addAttribute("department", ward.department(d.facility().departmentCode()).orElse(null));
        model.addAttribute("ward", ward);
        model.addAttribute("photos", photos.list(d.facility().id()));
        // bookable rooms link to where they are booked (when a module takes bookings)
        Map<Long, String> bookingPaths = new java.util.HashMap<>();
        booking.ifAvailable(b -> d.rooms().stream().filter(r -> r.bookable()).forEach(r -> b.path(r.id()).ifPresent(path -> bookingPaths.put(r.id(), path))));
        model.addAttribute("bookingPaths", bookingPaths);
        return "facility/detail";
    }

    /**
     * A typed address or 町名 becomes the approximate centre of that 町 ({@link DistrictCentres}): the prefecture
     * and the ward (練馬区…, with which every address starts) name no 町 and are skipped, an exact 町名 wins. When
     * the words name no single 町, the field says so in the page's language. Real geocoding is a later step.
     */
    private double[] placeOf(String text, BindingResult errors, Locale locale, String[] nearDistrict) {
        String typed = text.strip();
        if (typed.length() > 100) {
            errors.rejectValue("near", "facility.error.near", new Object[] {typed.substring(0, 20) + "…",
                example(locale)}, null);
            return null;
        }
        DistrictCentres.Match match = districts.match(typed);
        switch (match.kind()) {
            case FOUND -> {
                String district = match.district().orElseThrow();
                nearDistrict[0] = districts.name(district, locale);
                double[] centre = districts.centre(district).map(p -> new double[] {p.lat(), p.lon()})
                    .orElseGet(() -> meanOfFacilitiesIn(district));
                if (centre == null) {
                    errors.rejectValue("near", "facility.error.near", new Object[] {typed, example(locale)}, null);
                }
                return centre;
            }
            case WHOLE_WARD -> errors.rejectValue("near", "facility.error.nearWard",
                new Object[] {ward.name().in(locale), example(locale)}, null);
            case SEVERAL -> errors.rejectValue("near", "facility.error.nearSeveral",
                new Object[] {typed, districts.names(match.districts(), locale)}, null);
            case NONE -> errors.rejectValue("near", "facility.error.near",
                new Object[] {typed, example(locale)}, null);
        }
        return null;
    }

    /** A 町 to give as an example in a message (豊玉北, where the demo ward's office is, when the ward has it). */
    private String example(Locale locale) {
        List<String> all = districts.districts();
        String d = all.contains("豊玉北") || all.isEmpty() ? "豊玉北" : all.get(0);
        return districts.name(d, locale);
    }

    /** The mean position of the facilities of a 町 with no centre in the ward's list (a profile of another ward). */
    private double[] meanOfFacilitiesIn(String district) {
        double lat = 0;
        double lon = 0;
        int n = 0;
        String prefix = SearchText.normalize(ward.name().in(Locale.JAPANESE) + district);
        for (FacilityService.Listing l : facilities.search(FacilityQuery.all(), null, false, null)) {
            Facility f = l.facility();
            if (f.hasLocation() && f.address() != null
                && SearchText.normalize(f.address()).replaceFirst("^" + java.util.regex.Pattern.quote(
                    SearchText.normalize(ward.prefecture().in(Locale.JAPANESE))), "").startsWith(prefix)) {
                lat += f.lat();
                lon += f.lon();
                n++;
            }
        }
        return n == 0 ? null : new double[] {lat / n, lon / n};
    }

    private static String pageUrl(int page) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build().toUriString();
    }

    private static String apiUrl(FacilityQuery q) {
        var b = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/facilities");
        if (q.q() != null && !q.q().isBlank()) {
            b.queryParam("q", q.q());
        }
        q.categories().forEach(c -> b.queryParam("category", c));
        if (q.wifi() != null) {
            b.queryParam("wifi", q.wifi());
        }
        if (q.aed() != null) {
            b.queryParam("aed", q.aed());
        }
        if (q.features().contains("stepFreeEntrance")) {
            b.queryParam("stepFree", true);
        }
        return b.encode().build().toUriString();
    }
}
