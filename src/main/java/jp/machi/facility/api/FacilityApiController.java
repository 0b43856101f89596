package jp.machi.facility.api;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.machi.facility.DayHours;
import jp.machi.facility.TimeRange;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityService;
import jp.machi.facility.internal.Room;
import jp.machi.facility.internal.SearchRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Facilities as GeoJSON (RFC 7946): coordinates are [lon, lat]; facilities without coordinates have a null geometry. */
@RestController
class FacilityApiController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final FacilityService facilities;
    private final MessageSource messages;
    private final jp.machi.facility.internal.FacilityPhotos photos;
    private final String baseUrl;

    FacilityApiController(FacilityService facilities, MessageSource messages, jp.machi.facility.internal.FacilityPhotos photos,
                          jp.machi.shared.web.SiteUrl site) {
        this.facilities = facilities;
        this.messages = messages;
        this.photos = photos;
        this.baseUrl = site.base();
    }

    /**
     * The GeoJSON is written straight into the response (UTF-8, buffered), feature by feature: a whole ward is
     * megabytes, which are never held as one String. Bad parameters answer a small JSON error as before.
     */
    @GetMapping("/api/v1/facilities")
    ResponseEntity<String> list(@RequestParam(required = false) String q,
                                @RequestParam(required = false) List<String> category,
                                @RequestParam(required = false) String bbox, @RequestParam(required = false) String wifi,
                                @RequestParam(required = false) String aed, @RequestParam(required = false) String stepFree,
                                @RequestParam(required = false) String openAt,
                                jakarta.servlet.http.HttpServletRequest request,
                                jakarta.servlet.http.HttpServletResponse response) throws IOException {
        Locale locale = jp.machi.shared.web.ApiLanguage.of(request);
        Map<String, Category> categories = facilities.categoryMap();
        List<String> features = switch (stepFree == null ? "" : stepFree.strip()) {
            case "" , "false" -> List.of();
            case "true" -> List.of("stepFreeEntrance");
            default -> null;
        };
        if (features == null) {
            throw new jp.machi.shared.web.ApiProblem(HttpStatus.BAD_REQUEST, "bad-request", "stepFree", "facility.error.boolean");
        }
        SearchRequest.Parsed parsed = SearchRequest.parse(q, category, categories.keySet(), bbox, wifi, aed, features,
            openAt, null, null, null);
        if (!parsed.ok()) {
            SearchRequest.Problem p = parsed.problems().getFirst();
            throw new jp.machi.shared.web.ApiProblem(HttpStatus.BAD_REQUEST, "bad-request", p.parameter(), p.messageKey());
        }
        List<FacilityService.Listing> found = facilities.search(parsed.query(), parsed.openAt(), parsed.openOnly(), null);
        Map<FragmentKey, byte[]> cache = facilities.fromSnapshot(parsed.query()) ? fragments() : null;
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(GEO_JSON.toString());
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16);
        write(out, found, parsed.openAt() == null, categories, locale, cache);
        out.flush();
        return null; // written: Spring leaves the response as it is
    }

    /**
     * A feature's properties up to "attribution" depend only on the facility and the language: for the snapshot's
     * facilities (the same objects until anything changes) they are kept as UTF-8 bytes, so a whole-ward answer
     * copies 5,000 byte arrays instead of escaping and encoding 4.5 MB of text each time. Keys compare the
     * facility by identity; the map starts afresh when the snapshot is replaced.
     */
    private record FragmentKey(Facility facility, boolean english) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FragmentKey k && k.facility == facility && k.english == english;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(facility) * 2 + (english ? 1 : 0);
        }
    }

    private volatile Object fragmentsMarker;
    private volatile Map<FragmentKey, byte[]> fragments = new ConcurrentHashMap<>();

    private Map<FragmentKey, byte[]> fragments() {
        Object marker = facilities.snapshotMarker();
        if (marker != fragmentsMarker) {
            synchronized (this) {
                if (marker != fragmentsMarker) {
                    fragments = new ConcurrentHashMap<>();
                    fragmentsMarker = marker;
                }
            }
        }
        return fragments;
    }

    private static final byte[] HEAD = ascii("{\"type\":\"FeatureCollection\",\"features\":[");
    private static final byte[] OPEN_NOW_TRUE = ascii(",\"openNow\":true");
    private static final byte[] OPEN_NOW_FALSE = ascii(",\"openNow\":false");
    private static final byte[] OPEN_AT_TRUE = ascii(",\"openNow\":null,\"openAt\":true");
    private static final byte[] OPEN_AT_FALSE = ascii(",\"openNow\":null,\"openAt\":false");
    private static final byte[] TODAY = ascii(",\"today\":");
    private static final byte[] FEATURE_END = ascii("}}");
    private static final byte[] TAIL = "],\"attribution\":\"「指定緊急避難場所・指定避難所データ」（国土地理院）ほか\",\"numberMatched\":"
        .getBytes(StandardCharsets.UTF_8);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void write(OutputStream out, List<FacilityService.Listing> found, boolean openNowFromAt,
                       Map<String, Category> categories, Locale locale, Map<FragmentKey, byte[]> cache) throws IOException {
        // the same few fragments repeat across thousands of features: build each once per request
        Map<String, String> categoryJson = new HashMap<>();
        Map<DayHours, byte[]> dayJson = new HashMap<>();
        boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        out.write(HEAD);
        for (int n = 0; n < found.size(); n++) {
            if (n > 0) {
                out.write(',');
            }
            FacilityService.Listing l = found.get(n);
            Facility f = l.facility();
            byte[] fragment = cache == null ? null : cache.get(new FragmentKey(f, english));
            if (fragment == null) {
                fragment = fragment(f, categories, categoryJson, locale);
                if (cache != null) {
                    cache.put(new FragmentKey(f, english), fragment);
                }
            }
            out.write(fragment);
            out.write(openNowFromAt ? (l.openAtTime() ? OPEN_NOW_TRUE : OPEN_NOW_FALSE)
                : (l.openAtTime() ? OPEN_AT_TRUE : OPEN_AT_FALSE));
            out.write(TODAY);
            out.write(dayJson.computeIfAbsent(l.today(), d -> {
                StringBuilder sb = new StringBuilder(160);
                day(sb, d);
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }));
            out.write(FEATURE_END);
        }
        out.write(TAIL);
        out.write(ascii(Integer.toString(found.size())));
        out.write('}');
    }

    /** A feature from its start to its "attribution" property (the part that depends on the facility and language only). */
    private static byte[] fragment(Facility f, Map<String, Category> categories, Map<String, String> categoryJson,
                                   Locale locale) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter(1024);
        JsonOut out = new JsonOut(text);
        out.raw("{\"type\":\"Feature\",").field("id", f.id()).raw(",\"geometry\":");
        if (f.hasLocation()) {
            out.raw("{\"type\":\"Point\",\"coordinates\":[").raw(Double.toString(f.lon())).raw(',')
                .raw(Double.toString(f.lat())).raw("]}");
        } else {
            out.raw("null");
        }
        out.raw(",\"properties\":{").field("name", f.name(locale)).raw(',').field("nameJa", f.nameJa()).raw(',')
            .field("nameKana", f.nameKana()).raw(',').field("nameEn", f.nameEn()).raw(',').field("address", f.address())
            .raw(',').field("phone", f.phone()).raw(',').field("url", f.url()).raw(',')
            .field("department", f.departmentCode()).raw(",\"categories\":[");
        for (int i = 0; i < f.categories().size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.raw(categoryJson.computeIfAbsent(f.categories().get(i), code -> {
                Category c = categories.get(code);
                StringBuilder sb = new StringBuilder("{");
                Json.field(sb, "code", code);
                sb.append(',');
                Json.field(sb, "name", c == null ? code : c.name().in(locale));
                return sb.append('}').toString();
            }));
        }
        out.raw("],\"barrierFree\":{").field("stepFreeEntrance", f.stepFreeEntrance()).raw(',')
            .field("elevator", f.elevator()).raw(',').field("accessibleToilet", f.accessibleToilet()).raw(',')
            .field("ostomate", f.ostomate()).raw(',').field("accessibleParking", f.accessibleParking()).raw(',')
            .field("brailleBlocks", f.brailleBlocks()).raw(',').field("hearingLoop", f.hearingLoop())
            .raw("},\"aed\":{").field("available", f.aed()).raw(',').field("location", f.aedLocation())
            .raw("},\"wifi\":{").field("available", f.wifi()).raw(',').field("provider", f.wifiProvider()).raw(',')
            .field("ssid", f.wifiSsid()).raw("},\"languages\":[");
        for (int i = 0; i < f.languages().size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.string(f.languages().get(i));
        }
        out.raw("],\"hazards\":[");
        if (!f.hazards().isEmpty()) {
            int i = 0;
            for (String h : Facility.HAZARDS) {
                if (f.hazards().contains(h)) {
                    if (i++ > 0) {
                        out.raw(',');
                    }
                    out.string(h);
                }
            }
        }
        out.raw("],").field("notes", f.notes()).raw(',').field("demoValues", f.demoValues()).raw(',')
            .field("attribution", f.attribution());
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping("/api/v1/facilities/{id}")
    ResponseEntity<String> one(@PathVariable String id, jakarta.servlet.http.HttpServletRequest request) {
        Locale locale = jp.machi.shared.web.ApiLanguage.of(request);
        if (id.length() > 80) {
            throw new jp.machi.shared.web.ApiProblem(HttpStatus.NOT_FOUND, "not-found", "id", "facility.error.notFound");
        }
        return facilities.detail(id).map(d -> {
            StringBuilder sb = new StringBuilder(4096);
            feature(sb, d.facility(), facilities.categoryMap(), locale, () -> {
                sb.append(",\"openNow\":").append(d.openNow());
                sb.append(",\"rooms\":[");
                for (int i = 0; i < d.rooms().size(); i++) {
                    Room r = d.rooms().get(i);
                    sb.append(i > 0 ? ",{" : "{");
                    Json.field(sb, "id", r.id());
                    sb.append(',');
                    Json.field(sb, "name", r.name().in(locale));
                    sb.append(',');
                    Json.field(sb, "capacity", r.capacity());
                    sb.append(',');
                    Json.field(sb, "floorAreaM2", r.floorAreaM2());
                    sb.append(',');
                    Json.field(sb, "equipment", r.equipment());
                    sb.append(',');
                    Json.field(sb, "bookable", r.bookable());
                    sb.append('}');
                }
                sb.append("],\"photos\":[");
                var list = photos.list(d.facility().id());
                for (int i = 0; i < list.size(); i++) {
                    var p = list.get(i);
                    sb.append(i > 0 ? ",{" : "{");
                    Json.field(sb, "url", baseUrl + p.url());
                    sb.append(',');
                    Json.field(sb, "thumbnailUrl", baseUrl + p.thumbnailUrl());
                    sb.append(',');
                    Json.field(sb, "alt", p.alt(locale));
                    sb.append(',');
                    Json.field(sb, "altJa", p.altJa());
                    sb.append(',');
                    Json.field(sb, "altEn", p.altEn());
                    sb.append(',');
                    Json.field(sb, "width", p.width());
                    sb.append(',');
                    Json.field(sb, "height", p.height());
                    sb.append('}');
                }
                sb.append("],\"hours\":[");
                for (int i = 0; i < d.days().size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    day(sb, d.days().get(i));
                }
                sb.append(']');
            });
            return ResponseEntity.ok().contentType(GEO_JSON).body(sb.toString());
        }).orElseThrow(() -> jp.machi.shared.web.ApiProblem.notFound("id", "facility.error.notFound"));
    }

    private void feature(StringBuilder sb, Facility f, Map<String, Category> categories, Locale locale, Runnable more) {
        sb.append("{\"type\":\"Feature\",");
        Json.field(sb, "id", f.id());
        sb.append(",\"geometry\":");
        if (f.hasLocation()) {
            sb.append("{\"type\":\"Point\",\"coordinates\":[").append(f.lon()).append(',').append(f.lat()).append("]}");
        } else {
            sb.append("null");
        }
        sb.append(",\"properties\":{");
        Json.field(sb, "name", f.name(locale));
        sb.append(',');
        Json.field(sb, "nameJa", f.nameJa());
        sb.append(',');
        Json.field(sb, "nameKana", f.nameKana());
        sb.append(',');
        Json.field(sb, "nameEn", f.nameEn());
        sb.append(',');
        Json.field(sb, "address", f.address());
        sb.append(',');
        Json.field(sb, "phone", f.phone());
        sb.append(',');
        Json.field(sb, "url", f.url());
        sb.append(',');
        Json.field(sb, "department", f.departmentCode());
        sb.append(",\"categories\":[");
        for (int i = 0; i < f.categories().size(); i++) {
            String code = f.categories().get(i);
            Category c = categories.get(code);
            sb.append(i > 0 ? ",{" : "{");
            Json.field(sb, "code", code);
            sb.append(',');
            Json.field(sb, "name", c == null ? code : c.name().in(locale));
            sb.append('}');
        }
        sb.append("],\"barrierFree\":{");
        for (int i = 0; i < Facility.FEATURES.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.field(sb, Facility.FEATURES.get(i), f.feature(Facility.FEATURES.get(i)));
        }
        sb.append("},\"aed\":{");
        Json.field(sb, "available", f.aed());
        sb.append(',');
        Json.field(sb, "location", f.aedLocation());
        sb.append("},\"wifi\":{");
        Json.field(sb, "available", f.wifi());
        sb.append(',');
        Json.field(sb, "provider", f.wifiProvider());
        sb.append(',');
        Json.field(sb, "ssid", f.wifiSsid());
        sb.append("},\"languages\":[");
        for (int i = 0; i < f.languages().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.string(sb, f.languages().get(i));
        }
        sb.append("],\"hazards\":[");
        int i = 0;
        for (String h : Facility.HAZARDS) {
            if (f.hazards().contains(h)) {
                if (i++ > 0) {
                    sb.append(',');
                }
                Json.string(sb, h);
            }
        }
        sb.append("],");
        Json.field(sb, "notes", f.notes());
        sb.append(',');
        Json.field(sb, "demoValues", f.demoValues());
        sb.append(',');
        Json.field(sb, "attribution", f.attribution());
        more.run();
        sb.append("}}");
    }

    private static void day(StringBuilder sb, DayHours d) {
        sb.append('{');
        Json.field(sb, "date", d.date().toString());
        sb.append(',');
        Json.field(sb, "open", d.open());
        sb.append(",\"periods\":[");
        for (int i = 0; i < d.periods().size(); i++) {
            TimeRange p = d.periods().get(i);
            sb.append(i > 0 ? ",{" : "{");
            Json.field(sb, "opens", p.opens().toString());
            sb.append(',');
            Json.field(sb, "closes", p.closes().toString());
            sb.append('}');
        }
        sb.append("],");
        Json.field(sb, "reason", d.reason().name());
        sb.append(',');
        Json.field(sb, "note", d.note() == null ? null : d.note().ja());
        sb.append('}');
    }

}
