package jp.machi.facility.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityQuery;
import jp.machi.facility.internal.FacilityService;
import jp.machi.facility.internal.SearchRequest;
import jp.machi.facility.internal.SearchText;
import jp.machi.shared.web.Option;
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
    private final String tileUrl;
    private final jp.machi.facility.internal.FacilityPhotos photos;
    private final org.springframework.beans.factory.ObjectProvider<jp.machi.facility.RoomBooking> booking;

    FacilityController(FacilityService facilities, WardProfile ward, jp.machi.facility.internal.FacilityPhotos photos,
                       org.springframework.beans.factory.ObjectProvider<jp.machi.facility.RoomBooking> booking,
                       @Value("${machi.facility.tile-url:https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png}") String tileUrl) {
        this.booking = booking;
        this.facilities = facilities;
        this.ward = ward;
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
        if (near == null && form.near() != null && !form.near().isBlank()) {
            near = centroidOf(form.near()).orElse(null);
            if (near == null) {
                errors.rejectValue("near", "facility.error.near");
            }
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
     * A typed address becomes the centre of the facilities in that 町 (from the ward profile's districts or the
     * facilities' own addresses). Real geocoding is a later step.
     */
    Optional<double[]> centroidOf(String text) {
        String wanted = SearchText.normalize(text);
        if (wanted.isEmpty() || wanted.length() > 100) {
            return Optional.empty();
        }
        String district = ward.districts().stream().sorted((a, b) -> b.length() - a.length())
            .filter(d -> wanted.contains(SearchText.normalize(d))).findFirst().orElse(null);
        String needle = district != null ? SearchText.normalize(district) : wanted;
        double lat = 0;
        double lon = 0;
        int n = 0;
        for (FacilityService.Listing l : facilities.search(FacilityQuery.all(), null, false, null)) {
            Facility f = l.facility();
            if (f.hasLocation() && f.address() != null && SearchText.normalize(f.address()).contains(needle)) {
                lat += f.lat();
                lon += f.lon();
                n++;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(new double[] {lat / n, lon / n});
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
