package jp.machi.facility.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.machi.facility.TimeRange;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityService;
import jp.machi.facility.internal.HolidayRule;
import jp.machi.facility.internal.HoursRules;
import jp.machi.facility.internal.Room;
import jp.machi.shared.image.GeoPoint;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.text.LocalizedText;
import jp.machi.shared.web.Forms;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Staff keep the facilities of their departments up to date: the list, master data and attributes (hours are
 * {@link FacilityHoursStaffController}'s, rooms {@link FacilityRoomStaffController}'s). The service checks the
 * department scope and audits every change; facilities of other departments answer 404.
 */
@Controller
class FacilityStaffController {

    static final int PAGE_SIZE = 20;

    /** Ids that would clash with the pages under /staff/facilities. */
    private static final Set<String> RESERVED_IDS = Set.of("new", "categories");

    /** Master data, attributes and (on the create page) the hours rules; everything text so it can be shown again. */
    record FacilityForm(
        @Pattern(regexp = "^$|^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$", message = "{facility.error.id}") String id,
        @NotBlank(message = "{facility.error.nameJa}") @Size(max = 200, message = "{facility.error.nameJa}") String nameJa,
        @Size(max = 200, message = "{facility.error.text}") String nameKana,
        @Size(max = 200, message = "{facility.error.text}") String nameEn,
        List<String> categories,
        @Size(max = 200, message = "{facility.error.text}") String address,
        String lat, String lon, String phone, String url, String departmentCode,
        String stepFreeEntrance, String elevator, String accessibleToilet, String ostomate, String accessibleParking,
        String brailleBlocks, String hearingLoop,
        String aed, @Size(max = 200, message = "{facility.error.text}") String aedLocation,
        String wifi, @Size(max = 200, message = "{facility.error.text}") String wifiProvider,
        @Size(max = 200, message = "{facility.error.text}") String wifiSsid,
        @Size(max = 200, message = "{facility.error.text}") String languages,
        @Size(max = 2000, message = "{facility.error.longText}") String notes,
        List<String> weekly, String yearEndFrom, String yearEndTo, String closedDay, String holidayRule,
        String closedOnHolidays) implements HoursFields {

        /** The tri-state value (yes / no / unknown) of a barrier-free attribute, AED or Wi-Fi. */
        public String choice(String name) {
            // the form's field of that name (the attributes' names are the record's component names)
            String v = null;
            for (var c : FacilityForm.class.getRecordComponents()) {
                if (c.getName().equals(name) && c.getType() == String.class) {
                    try {
                        v = (String) c.getAccessor().invoke(this);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return v == null || v.isBlank() ? "unknown" : v;
        }

        public boolean hasCategory(String code) {
            return categories != null && categories.contains(code);
        }
    }

    private final FacilityService service;
    private final WardProfile ward;
    private final org.springframework.context.MessageSource messages;

    FacilityStaffController(FacilityService service, WardProfile ward, org.springframework.context.MessageSource messages) {
        this.service = service;
        this.ward = ward;
        this.messages = messages;
    }

    static long me() {
        return CurrentActor.principal().filter(MachiPrincipal::isStaff).map(MachiPrincipal::accountId)
            .orElseThrow(() -> new AccessDeniedException("staff only"));
    }

    static boolean systemAdmin() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_SYSTEM_ADMIN".equals(a.getAuthority()));
    }

    // ---------------- list ----------------

    @GetMapping("/staff/facilities")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String page, Model model,
                HttpServletResponse response) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 100) {
            model.addAttribute("queryError", true);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            query = "";
        }
        List<Facility> all = service.editable(me(), query);
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = 1;
        if (page != null && page.strip().matches("^\\d{1,5}$")) {
            p = Math.max(1, Math.min(pages, Integer.parseInt(page.strip())));
        }
        model.addAttribute("q", query);
        model.addAttribute("results", all.subList((p - 1) * PAGE_SIZE, Math.min(all.size(), p * PAGE_SIZE)));
        model.addAttribute("total", all.size());
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute("firstIndex", all.isEmpty() ? 0 : (p - 1) * PAGE_SIZE + 1);
        model.addAttribute("lastIndex", Math.min(all.size(), p * PAGE_SIZE));
        model.addAttribute("prevUrl", p > 1 ? pageUrl(query, p - 1) : null);
        model.addAttribute("nextUrl", p < pages ? pageUrl(query, p + 1) : null);
        model.addAttribute("categories", service.categoryMap());
        model.addAttribute("ward", ward);
        model.addAttribute("systemAdmin", systemAdmin());
        return "facility/staff/list";
    }

    private static String pageUrl(String q, int page) {
        var b = UriComponentsBuilder.fromPath("/staff/facilities");
        if (!q.isEmpty()) {
            b.queryParam("q", q);
        }
        return b.queryParam("page", page).encode().build().toUriString();
    }

    // ---------------- create / edit ----------------

    @GetMapping("/staff/facilities/new")
    String newForm(Model model) {
        var depts = service.editableDepartments(me());
        HoursRules defaults = HoursRules.builder().build();
        model.addAttribute("form", new FacilityForm("", "", "", "", List.of(), "", "", "", "", "",
            depts.size() == 1 ? depts.iterator().next() : "", "unknown", "unknown", "unknown", "unknown", "unknown", "unknown",
            "unknown", "unknown", "", "unknown", "", "", "ja", "", StaffInput.slots(defaults.weekly()), "12-29", "01-03", "",
            HolidayRule.CLOSE_ANYWAY.name(), null));
        return formPage(model, null, Set.of());
    }

    @PostMapping("/staff/facilities/new")
    String create(@Valid @ModelAttribute("form") FacilityForm form, BindingResult errors, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = me();
        String id = StaffInput.text(form.id());
        if (id != null && RESERVED_IDS.contains(id)) {
            errors.rejectValue("id", "facility.error.idTaken");
        }
        if (id == null) {
            id = "f-" + UUID.randomUUID().toString().substring(0, 8);
        }
        // master data first so that the error summary lists problems in page order
        Facility master = facility(form, id, null, errors, me);
        StaffInput.Hours hours = StaffInput.hours(form, errors);
        Facility f = withRules(master, hours);
        if (!errors.hasErrors()) {
            try {
                service.create(me, f, hours.weekly());
                redirect.addFlashAttribute("saved", "facility.staff.created");
                return "redirect:/staff/facilities/" + id;
            } catch (FacilityService.Rejected e) {
                errors.rejectValue(e.field(), e.messageKey());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return formPage(model, null, hours.badDays());
    }

    @GetMapping("/staff/facilities/{id}")
    String edit(@PathVariable String id, Model model) {
        Facility f = service.requireEditable(me(), id);
        model.addAttribute("form", new FacilityForm(f.id(), f.nameJa(), f.nameKana(), f.nameEn(), f.categories(), f.address(),
            f.lat() == null ? "" : f.lat().toString(), f.lon() == null ? "" : f.lon().toString(), f.phone(), f.url(),
            f.departmentCode(), StaffInput.triState(f.stepFreeEntrance()), StaffInput.triState(f.elevator()),
            StaffInput.triState(f.accessibleToilet()), StaffInput.triState(f.ostomate()),
            StaffInput.triState(f.accessibleParking()), StaffInput.triState(f.brailleBlocks()),
            StaffInput.triState(f.hearingLoop()), StaffInput.triState(f.aed()), f.aedLocation(), StaffInput.triState(f.wifi()),
            f.wifiProvider(), f.wifiSsid(), String.join(",", f.languages()), f.notes(), List.of(), null, null, null, null, null));
        return formPage(model, f, Set.of());
    }

    @PostMapping("/staff/facilities/{id}")
    String update(@PathVariable String id, @Valid @ModelAttribute("form") FacilityForm form, BindingResult errors, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = me();
        Facility before = service.requireEditable(me, id);
        Facility f = facility(form, id, before, errors, me);
        if (!errors.hasErrors()) {
            try {
                service.update(me, id, f, null);
                redirect.addFlashAttribute("saved", "facility.staff.saved");
                return "redirect:/staff/facilities/" + id;
            } catch (FacilityService.Rejected e) {
                errors.rejectValue(e.field(), e.messageKey());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return formPage(model, before, Set.of());
    }

    /**
     * The facility the form describes. On edit the hours rules (and the fields
     * the form does not show: hazards, the GSI source, the demo flag) are kept from {@code before}; on create
     * {@link #withRules} adds the rules afterwards.
     */
    private Facility facility(FacilityForm form, String id, Facility before, BindingResult errors,
                              long me) {
        boolean[] badLat = new boolean[1];
        boolean[] badLon = new boolean[1];
        Double lat = StaffInput.coordinate(form.lat(), GeoPoint.JAPAN_MIN_LAT, GeoPoint.JAPAN_MAX_LAT, badLat);
        Double lon = StaffInput.coordinate(form.lon(), GeoPoint.JAPAN_MIN_LON, GeoPoint.JAPAN_MAX_LON, badLon);
        if (badLat[0] || (lat == null && lon != null && !badLon[0])) {
            errors.rejectValue("lat", "facility.error.latLon");
        } else if (badLon[0] || (lon == null && lat != null)) {
            errors.rejectValue("lon", "facility.error.latLon");
        }
        String phone = StaffInput.phone(form.phone(), "phone", errors);
        String url = StaffInput.url(form.url(), "url", errors);
        List<String> languages = StaffInput.languages(form.languages(), "languages", errors);
        Map<String, Category> known = service.categoryMap();
        List<String> categories = new ArrayList<>();
        for (String c : form.categories() == null ? List.<String>of() : form.categories()) {
            if (!known.containsKey(c)) {
                errors.rejectValue("categories", "facility.error.category");
                break;
            }
            if (!categories.contains(c)) {
                categories.add(c);
            }
        }
        String dept = StaffInput.text(form.departmentCode());
        if (dept == null || ward.department(dept).isEmpty()) {
            errors.rejectValue("departmentCode", "facility.error.department");
        } else if (!service.editableDepartments(me).contains(dept)) {
            errors.rejectValue("departmentCode", "facility.error.departmentScope");
        }
        Map<String, Boolean> tri = new HashMap<>();
        for (String name : Facility.FEATURES) {
            tri.put(name, StaffInput.triState(form.choice(name), name, errors));
        }
        Boolean aed = StaffInput.triState(form.choice("aed"), "aed", errors);
        Boolean wifi = StaffInput.triState(form.choice("wifi"), "wifi", errors);
        String nameJa = StaffInput.text(form.nameJa());
        boolean keep = before != null;
        return new Facility(id, nameJa == null ? "" : nameJa, StaffInput.text(form.nameKana()), StaffInput.text(form.nameEn()),
            StaffInput.text(form.address()), lat, lon, phone, url, dept == null ? "" : dept,
            tri.get("stepFreeEntrance"), tri.get("elevator"), tri.get("accessibleToilet"), tri.get("ostomate"),
            tri.get("accessibleParking"), tri.get("brailleBlocks"), tri.get("hearingLoop"),
            aed, StaffInput.text(form.aedLocation()), wifi, StaffInput.text(form.wifiProvider()),
            StaffInput.text(form.wifiSsid()), languages, StaffInput.text(form.notes()),
            keep ? before.hazards() : Set.of(), keep ? before.shelterAccepts() : null, keep && before.demoValues(),
            keep ? before.source() : null, keep ? before.attribution() : null,
            keep ? before.yearEndFrom() : null, keep ? before.yearEndTo() : null,
            keep ? before.weeklyClosedDay() : null, keep ? before.holidayRule() : null,
            keep && before.closedOnHolidays(), categories);
    }

    /** The facility with the closure rules of the create form. */
    private static Facility withRules(Facility f, StaffInput.Hours h) {
        return new Facility(f.id(), f.nameJa(), f.nameKana(), f.nameEn(), f.address(), f.lat(), f.lon(), f.phone(), f.url(),
            f.departmentCode(), f.stepFreeEntrance(), f.elevator(), f.accessibleToilet(), f.ostomate(), f.accessibleParking(),
            f.brailleBlocks(), f.hearingLoop(), f.aed(), f.aedLocation(), f.wifi(), f.wifiProvider(), f.wifiSsid(),
            f.languages(), f.notes(), f.hazards(), f.shelterAccepts(), f.demoValues(), f.source(), f.attribution(),
            h.yearEndFrom(), h.yearEndTo(), h.closedDay(), h.holidayRule(), h.closedOnHolidays(), f.categories());
    }

    private String formPage(Model model, Facility existing, Set<Integer> badDays) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("existing", existing);
        model.addAttribute("categoryList", service.categories());
        model.addAttribute("features", Facility.FEATURES);
        model.addAttribute("departmentOptions", departmentOptions(locale));
        hoursModel(model, badDays);
        return "facility/staff/form";
    }

    private List<Option> departmentOptions(Locale locale) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", messages.getMessage("facility.staff.department.choose", null, locale)));
        for (String code : service.editableDepartments(me())) {
            ward.department(code).ifPresent(d -> options.add(new Option(d.code(), d.label(locale))));
        }
        return options;
    }

    static void hoursModel(Model model, Set<Integer> badDays) {
        model.addAttribute("badDays", badDays);
        model.addAttribute("holidayRules", HolidayRule.values());
    }

}
