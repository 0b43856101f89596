package jp.machi.report.api;

import jakarta.servlet.http.HttpServletResponse;
import jp.machi.report.internal.ReportRateLimits;
import jp.machi.shared.image.ImagesBusy;
import org.springframework.http.HttpHeaders;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.Problem;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportQuery;
import jp.machi.report.internal.ReportRejected;
import jp.machi.report.internal.ReportReader;
import jp.machi.report.internal.ReportService;
import jp.machi.report.web.ReportForms;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.text.NumberInput;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.web.ApiProblem;
import jp.machi.shared.web.SiteUrl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
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
    private final ReportReader reader;
    private final PhotoProcessor photos;
    private final ReportRateLimits limits;
    private final String baseUrl;

    ReportApiController(ReportService service, ReportReader reader, PhotoProcessor photos, SiteUrl site,
                        ReportRateLimits limits) {
        this.limits = limits;
        this.service = service;
        this.reader = reader;
        this.photos = photos;
        this.baseUrl = site.base();
    }

    /** The form of {@code POST /api/v1/reports}, for the OpenAPI document (the fields are read from the form). */
    @Schema(name = "ReportSubmission", description = "A new report, sent as multipart/form-data (with photos) or "
        + "application/x-www-form-urlencoded. Answers to the category's questions are fields named attribute[code].")
    record ReportSubmission(
        @Schema(description = "Category code (GET /open311/v2/services.json lists them)", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String serviceCode,
        @Schema(description = "Latitude (WGS 84), inside the ward", requiredMode = Schema.RequiredMode.REQUIRED, example = "35.7356") Double lat,
        @Schema(description = "Longitude (WGS 84), inside the ward", requiredMode = Schema.RequiredMode.REQUIRED, example = "139.6516") Double lon,
        @Schema(description = "What is wrong", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ReportService.MAX_DESCRIPTION) String description,
        @Schema(description = "Where, in words", maxLength = 300) String address,
        @Schema(description = "Contact address; required without a Bearer token", maxLength = 254, format = "email") String email,
        @Schema(description = "Photos (JPEG, PNG, WebP, HEIC), at most " + ReportService.MAX_PHOTOS, format = "binary") List<String> photo) {}

    @Operation(summary = "Send a report (まちレポ)", description = "Anonymous with email, or as the token's resident. "
        + "Bad input is a 400 problem details answer naming the parameter; nothing is stored.",
        requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = ReportSubmission.class)),
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = ReportSubmission.class))}))
    @ApiResponse(responseCode = "201", description = "Stored; Location is the report's page")
    @ApiResponse(responseCode = "400", description = "Bad input", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Too many reports from this client address or e-mail address (see "
        + "docs/modules/report.md); Retry-After says when to try again", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Every photo decoding slot is busy; Retry-After says when to try again",
        content = @Content(mediaType = "application/problem+json"))
    @PostMapping(value = "/api/v1/reports", produces = "application/json",
        consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    ResponseEntity<Map<String, Object>> create(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                                               @Parameter(hidden = true) @RequestParam(name = "photo", required = false) List<MultipartFile> files,
                                               @Parameter(hidden = true) Locale locale,
                                               @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        // counted first, before any photo is decoded: every attempt counts, refused or not
        jp.machi.shared.web.SubmissionLimits.Decision limit = limits.submission(CurrentActor.remoteAddress(), params.getFirst("email"),
            me != null && !me.isStaff() ? me.accountId() : null, me != null && me.isStaff());
        if (!limit.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "email".equals(limit.limit()) ? "email" : null, limit.messageKey("report.api.rateLimited"), limit.messageArgs());
        }
        String code = params.getFirst("serviceCode");
        if (code == null || code.isBlank() || reader.activeCategory(code).isEmpty()) {
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
            } catch (ImagesBusy e) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "photo", "report.api.photoBusy");
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
        Report saved = reader.report(id).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", baseUrl + "/reports/" + id).body(json(saved, true, reader.photos(id)));
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
        List<Report> found = reader.search(q);
        // One query for all photos, not one per report: the map asks for hundreds of reports at a time.
        Map<Long, List<jp.machi.report.internal.ReportPhoto>> photoMap = reader.photos(found.stream().map(Report::id).toList());
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
