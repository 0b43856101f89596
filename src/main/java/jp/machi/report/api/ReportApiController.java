package jp.machi.report.api;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.report.internal.CategoryRepository;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.Problem;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportQuery;
import jp.machi.report.internal.ReportRejected;
import jp.machi.report.internal.ReportRepository;
import jp.machi.report.internal.ReportService;
import jp.machi.report.web.ReportForms;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.text.NumberInput;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.web.ApiProblem;
import jp.machi.shared.web.SiteUrl;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** JSON API for our own apps: post a report (multipart) and read published reports as GeoJSON. */
@RestController
class ReportApiController {

    private final ReportService service;
    private final ReportRepository reports;
    private final CategoryRepository categories;
    private final PhotoProcessor photos;
    private final MessageSource messages;
    private final String baseUrl;

    ReportApiController(ReportService service, ReportRepository reports, CategoryRepository categories,
                        PhotoProcessor photos, MessageSource messages, SiteUrl site) {
        this.service = service;
        this.reports = reports;
        this.categories = categories;
        this.photos = photos;
        this.messages = messages;
        this.baseUrl = site.base();
    }

    @PostMapping(value = "/api/v1/reports", produces = "application/json")
    ResponseEntity<Map<String, Object>> create(@RequestParam MultiValueMap<String, String> params,
                                               @RequestParam(name = "photo", required = false) List<MultipartFile> files,
                                               Locale locale) throws IOException {
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        String code = params.getFirst("serviceCode");
        if (code == null || code.isBlank() || categories.find(code).filter(c -> c.active()).isEmpty()) {
            throw error("serviceCode", code == null || code.isBlank() ? "report.category.required" : "report.category.unknown");
        }
        Double lat = NumberInput.decimal(params.getFirst("lat"));
        Double lon = NumberInput.decimal(params.getFirst("lon"));
        if (params.getFirst("lat") != null && lat == null) {
            throw error("lat", "report.place.invalid");
        }
        if (params.getFirst("lon") != null && lon == null) {
            throw error("lon", "report.place.invalid");
        }
        List<MultipartFile> uploads = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
        if (uploads.size() > ReportService.MAX_PHOTOS) {
            throw error("photo", "report.photo.tooMany", ReportService.MAX_PHOTOS);
        }
        List<jp.machi.shared.image.ProcessedImage> processed = new ArrayList<>();
        for (MultipartFile f : uploads) {
            try {
                processed.add(photos.process(f.getBytes()));
            } catch (PhotoProcessor.PhotoRejected e) {
                throw error("photo", e.messageKey(), photos.maxBytes() / (1024 * 1024));
            }
        }
        Long reporter = me != null && !me.isStaff() ? me.accountId() : null;
        NewReport r = new NewReport(code, ReportForms.answers(params), params.getFirst("description"), lat, lon,
            params.getFirst("address"), processed, params.getFirst("email"),
            me != null ? me.preferredLanguage() : locale.getLanguage(), false, reporter,
            me != null ? me.displayName() : null, null);
        if (reporter == null && (r.email() == null || r.email().isBlank())) {
            throw error("email", "report.api.identify");
        }
        long id;
        try {
            id = service.submit(r, true);
        } catch (ReportRejected e) {
            Problem p = e.problems().getFirst();
            String field = "lat".equals(p.field()) && lat != null && lon == null ? "lon" : p.field();
            throw error(field, p.key(), p.argArray());
        }
        Report saved = reports.find(id).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", baseUrl + "/reports/" + id).body(json(saved, true, reports.photos(id)));
    }

    @GetMapping(value = "/api/v1/reports", produces = {"application/geo+json", "application/json"})
    ResponseEntity<Map<String, Object>> list(@RequestParam(required = false) String category,
                                             @RequestParam(required = false) String status,
                                             @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String bbox, Locale locale) {
        double[] box = null;
        if (bbox != null && !bbox.isBlank()) {
            String[] parts = bbox.split(",");
            try {
                if (parts.length != 4) {
                    throw new NumberFormatException();
                }
                box = new double[4];
                for (int i = 0; i < 4; i++) {
                    box[i] = Double.parseDouble(parts[i].strip());
                    if (!Double.isFinite(box[i])) {
                        throw new NumberFormatException();
                    }
                }
            } catch (NumberFormatException e) {
                throw error("bbox", "report.api.bbox");
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ReportQuery q = jp.machi.report.web.ReportQueries.publicQuery(category, status, from, to, box, errors);
        if (!errors.isEmpty()) {
            var e = errors.entrySet().iterator().next();
            throw error(e.getKey(), e.getValue());
        }
        List<Map<String, Object>> features = new ArrayList<>();
        List<Report> found = reports.search(q);
        // One query for all photos, not one per report: the map asks for hundreds of reports at a time.
        Map<Long, List<jp.machi.report.internal.ReportPhoto>> photoMap = reports.photos(found.stream().map(Report::id).toList());
        for (Report r : found) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", r.id());
            f.put("geometry", Map.of("type", "Point", "coordinates", List.of(r.lon(), r.lat())));
            f.put("properties", json(r, false, photoMap.getOrDefault(r.id(), List.of())));
            features.add(f);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "FeatureCollection");
        body.put("features", features);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("application/geo+json"))
            .body(body);
    }

    private Map<String, Object> json(Report r, boolean withLocation, List<jp.machi.report.internal.ReportPhoto> photoList) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("serviceCode", r.categoryCode());
        m.put("status", r.status().name());
        m.put("open311Status", r.status().open311());
        m.put("statusReason", r.statusReason());
        m.put("description", r.description());
        if (withLocation) {
            m.put("lat", r.lat());
            m.put("lon", r.lon());
        }
        m.put("address", r.address());
        m.put("published", r.published());
        m.put("requestedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.requestedAt().atZone(MachiClock.ZONE)));
        m.put("updatedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.updatedAt().atZone(MachiClock.ZONE)));
        m.put("expectedDate", r.dueDate().toString());
        m.put("url", baseUrl + "/reports/" + r.id());
        m.put("photos", photoList.stream().map(p -> Map.of(
            "url", baseUrl + "/reports/" + r.id() + "/photos/" + p.ordinal(),
            "thumbnailUrl", baseUrl + "/reports/" + r.id() + "/photos/" + p.ordinal() + "/thumb",
            "stage", p.stage(), "width", p.width(), "height", p.height())).toList());
        return m;
    }

    private static ApiProblem error(String parameter, String key, Object... args) {
        return ApiProblem.badRequest(parameter, key, args);
    }
}
