package jp.machi.report.api.open311;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.Open311Adapter;
import jp.machi.report.internal.Open311Repository;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.ReportRateLimits;
import jp.machi.report.internal.Problem;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportRejected;
import jp.machi.report.internal.ReportService;
import jp.machi.report.web.ReportForms;
import jp.machi.shared.DemoMode;
import jp.machi.shared.image.GeoPoint;
import jp.machi.shared.text.NumberInput;
import jp.machi.shared.time.DateInput;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.web.ErrorFormat;
import jp.machi.shared.web.SiteUrl;
import jp.machi.ward.WardProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Open311 GeoReport v2 ({@code /open311/v2/}), the protocol's endpoints as the specification describes them: each
 * method is one endpoint and declares its input (a record of the specification's parameter names) and its output
 * (an {@link Open311Document}, written as {@code .json} or {@code .xml} by the path's suffix). What the endpoints
 * mean for まちレポ is the backend's business ({@link Open311Adapter}: transactions, audit, the report service).
 * Errors are {@code errors/error{code,description}} with 400, 403 or 404 — also for unknown paths, methods and
 * content types ({@link Format}, an {@link ErrorFormat}). Nothing here uses the browser session.
 */
@RestController
@Tag(name = "Open311 GeoReport v2", description = "http://wiki.open311.org/GeoReport_v2 — format by suffix (.json or .xml)")
class Open311Endpoints {

    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=utf-8");
    private static final MediaType XML = MediaType.parseMediaType("text/xml; charset=utf-8");
    private static final Logger log = LoggerFactory.getLogger(Open311Endpoints.class);

    /** Every endpoint's parameters: the jurisdiction and the language of names and messages. */
    record Common(
        @Parameter(description = "The ward's 全国地方公共団体コード (optional; another value is a 404)") String jurisdiction_id,
        @Parameter(description = "en for English names and messages; Japanese otherwise") String locale) {}

    /** GET requests: the specification's filters. */
    record RequestQuery(
        @Parameter(description = "The ward's 全国地方公共団体コード") String jurisdiction_id,
        @Parameter(description = "en for English") String locale,
        @Parameter(description = "Comma-separated ids; overrides every other filter") String service_request_id,
        @Parameter(description = "Comma-separated service codes") String service_code,
        @Parameter(description = "W3C datetime; a bare date is its start in Japan time") String start_date,
        @Parameter(description = "W3C datetime; at most 90 days after start_date") String end_date,
        @Parameter(description = "open, closed or both (comma-separated)") String status,
        @Parameter(description = "1–1000 (default 1000)") String page_size,
        @Parameter(description = "from 1") String page,
        @Parameter(description = "true: attributes, photos, notes and the detailed status") String extensions) {}

    /** GET one request or token: the optional extensions flag besides the common parameters. */
    record OneQuery(String jurisdiction_id, String locale, String extensions) {}

    /** POST requests: a new service request (application/x-www-form-urlencoded, or multipart/form-data with media). */
    @Schema(name = "Open311ServiceRequest")
    record NewRequest(
        @Schema(description = "The partner's API key (issued by staff)", requiredMode = Schema.RequiredMode.REQUIRED) String api_key,
        String jurisdiction_id, String locale,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String service_code,
        @Schema(description = "With long; or give address_string") String lat,
        @Schema(name = "long", description = "With lat") @BindParam("long") String lon,
        @Schema(description = "A 町丁目 of the ward when there is no lat/long", maxLength = 300) String address_string,
        @Schema(description = "Not supported: 400") String address_id,
        @Schema(maxLength = 254) String email, @Schema(maxLength = 100) String first_name,
        @Schema(maxLength = 100) String last_name, @Schema(maxLength = 20) String phone,
        @Schema(maxLength = ReportService.MAX_DESCRIPTION) String description,
        @Schema(description = "Not supported: send photos as multipart parts named media (at most "
            + ReportService.MAX_PHOTOS + ")") String media_url) {}

    private final Open311Adapter backend;
    private final PhotoProcessor photos;
    private final ReportRateLimits limits;
    private final WardProfile ward;
    private final MessageSource messages;
    private final Clock clock;
    private final DemoMode demo;
    private final String baseUrl;
    private final String changeset;

    Open311Endpoints(Open311Adapter backend, PhotoProcessor photos, WardProfile ward, MessageSource messages, Clock clock,
                     DemoMode demo, SiteUrl site, ReportRateLimits limits) {
        this.limits = limits;
        this.backend = backend;
        this.photos = photos;
        this.ward = ward;
        this.messages = messages;
        this.clock = clock;
        this.demo = demo;
        this.baseUrl = site.base();
        // Categories change only with a deployment or a restart; clients refresh their caches when this moves.
        this.changeset = w3c(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    // ---- the endpoints ---------------------------------------------------------------------------------------

    @Operation(summary = "Discovery: the endpoint, its formats and contact")
    @GetMapping("/open311/v2/discovery.{format}")
    ResponseEntity<String> discovery(@PathVariable String format, @ParameterObject @ModelAttribute Common in) {
        Format f = Format.of(format);
        Locale locale = locale(in.locale());
        checkJurisdiction(in.jurisdiction_id(), f, locale);
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", Open311Adapter.SPEC);
        endpoint.put("url", baseUrl + "/open311/v2");
        endpoint.put("changeset", changeset);
        endpoint.put("type", demo.enabled() ? "test" : "production");
        endpoint.put("formats", new Open311Document.Items("format", List.of("text/xml", "application/json")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changeset", changeset);
        m.put("contact", msg(locale, "open311.discovery.contact", ward.name(locale), baseUrl + "/reports"));
        m.put("key_service", msg(locale, "open311.discovery.keyService", ward.name(locale)));
        m.put("endpoints", new Open311Document.Items("endpoint", List.of(endpoint)));
        return respond(f, HttpStatus.OK, Open311Document.object("discovery", m));
    }

    @Operation(summary = "The services (report categories)")
    @GetMapping("/open311/v2/services.{format}")
    ResponseEntity<String> services(@PathVariable String format, @ParameterObject @ModelAttribute Common in) {
        Format f = Format.of(format);
        Locale locale = locale(in.locale());
        checkJurisdiction(in.jurisdiction_id(), f, locale);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : backend.services()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_code", c.code());
            m.put("service_name", c.name(locale));
            m.put("description", blankToNull(c.description(locale)));
            m.put("metadata", !c.attributes().isEmpty());
            m.put("type", "realtime");
            m.put("keywords", blankToNull(c.keywords()));
            m.put("group", blankToNull(c.group(locale)));
            out.add(m);
        }
        return respond(f, HttpStatus.OK, Open311Document.list("services", "service", out));
    }

    @Operation(summary = "A service's definition: its questions (attributes)")
    @GetMapping("/open311/v2/services/{service_code}.{format}")
    ResponseEntity<String> serviceDefinition(@PathVariable("service_code") String code, @PathVariable String format,
                                             @ParameterObject @ModelAttribute Common in) {
        Format f = Format.of(format);
        Locale locale = locale(in.locale());
        checkJurisdiction(in.jurisdiction_id(), f, locale);
        Category c = backend.service(code)
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.serviceCode.unknown", code)));
        List<Map<String, Object>> attributes = new ArrayList<>();
        int order = 1;
        for (Category.Attribute a : c.attributes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", a.variable());
            m.put("code", a.code());
            m.put("datatype", a.datatype());
            m.put("required", a.required());
            m.put("datatype_description", messages.getMessage("open311.datatype." + a.datatype(), null, null, locale));
            m.put("order", order++);
            m.put("description", a.description(locale));
            if (a.isList()) {
                m.put("values", new Open311Document.Items("value", a.values().stream().map(v -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("key", v.key());
                    x.put("name", v.name(locale));
                    return x;
                }).toList()));
            }
            attributes.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_code", c.code());
        m.put("attributes", new Open311Document.Items("attribute", attributes));
        return respond(f, HttpStatus.OK, Open311Document.object("service_definition", m));
    }

    /**
     * The request list is written straight to the response (up to 1,000 requests, about 660 KiB in JSON): no
     * intermediate string. Everything that can fail with an Open311 error happens before the first byte.
     */
    @Operation(summary = "Service requests (published reports), newest first")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    @GetMapping("/open311/v2/requests.{format}")
    void requests(@PathVariable String format, @ParameterObject @ModelAttribute RequestQuery in,
                  HttpServletResponse response) throws IOException {
        Format f = Format.of(format);
        Locale locale = locale(in.locale());
        checkJurisdiction(in.jurisdiction_id(), f, locale);
        boolean extensions = "true".equals(opt(in.extensions()));
        int pageSize = intParam(in.page_size(), "page_size", Open311Adapter.MAX_REQUESTS, 1, Open311Adapter.MAX_REQUESTS, f, locale);
        int page = intParam(in.page(), "page", 1, 1, 1_000_000, f, locale);
        List<Report> found = backend.requests(filter(in, pageSize, page, f, locale));
        stream(response, f, Open311Document.list("service_requests", "request", render(found, extensions, locale)));
    }

    @Operation(summary = "One service request")
    @GetMapping("/open311/v2/requests/{service_request_id}.{format}")
    ResponseEntity<String> request(@PathVariable("service_request_id") String id, @PathVariable String format,
                                   @ParameterObject @ModelAttribute OneQuery in) {
        Format f = Format.of(format);
        Locale locale = locale(in.locale());
        checkJurisdiction(in.jurisdiction_id(), f, locale);
        Report r = parseId(id).flatMap(backend::request)
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.request.unknown", id)));
        return respond(f, HttpStatus.OK, Open311Document.list("service_requests", "request",
            render(List.of(r), "true".equals(opt(in.extensions())), locale)));
    }

    @Operation(summary = "The service request id of a token (from a POST)")
    @GetMapping("/open311/v2/tokens/{token}.{format}")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format,
                                 @ParameterObject @ModelAttribute Common in) {
        Format f = Format.of(format);
        Locale locale = locale(in.locale());
        checkJurisdiction(in.jurisdiction_id(), f, locale);
        Report r = backend.byToken(token)
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.token.unknown")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", String.valueOf(r.id()));
        m.put("token", r.publicToken());
        return respond(f, HttpStatus.OK, Open311Document.list("service_requests", "request", List.of(m)));
    }

    @Operation(summary = "Create a service request (needs api_key)",
        requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = NewRequest.class)),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = NewRequest.class))}))
    @ApiResponse(responseCode = "201", description = "Created: the id and a token")
    @PostMapping(value = "/open311/v2/requests.{format}",
        consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    ResponseEntity<String> create(@PathVariable String format, @Parameter(hidden = true) @ModelAttribute NewRequest in,
                                  @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                                  HttpServletRequest request) throws IOException {
        Format f = Format.of(format);
        Locale locale = locale(in.locale());
        String partner = backend.partnerFor(opt(in.api_key()))
            .orElseThrow(() -> error(HttpStatus.FORBIDDEN, f, msg(locale, "open311.error.apiKey")));
        // counted before any photo is decoded: every attempt with a valid key counts, refused or not
        jp.machi.shared.web.SubmissionLimits.Decision limit = limits.submission(request.getRemoteAddr(), opt(in.email()), null, false);
        if (!limit.allowed()) {
            throw new Open311Error(HttpStatus.TOO_MANY_REQUESTS, f,
                List.of(("email".equals(limit.limit()) ? "email: " : "") + msg(locale, limit.messageKey("report.api.rateLimited"), limit.messageArgs())),
                limit.retryAfterSeconds());
        }
        checkJurisdiction(in.jurisdiction_id(), f, locale);
        String code = opt(in.service_code());
        if (code == null) {
            throw badRequest(f, locale, "service_code", "open311.error.serviceCode.required");
        }
        Category c = backend.service(code)
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.serviceCode.unknown", code)));
        if (params.containsKey("media_url") && params.get("media_url").stream().anyMatch(v -> v != null && !v.isBlank())) {
            throw badRequest(f, locale, "media_url", "open311.error.mediaUrl");
        }
        GeoPoint place = location(in, f, locale);
        List<jp.machi.shared.image.ProcessedImage> processed = media(request, f, locale);
        Map<String, List<String>> answers = new LinkedHashMap<>();
        ReportForms.answers(params).forEach((k, v) -> {
            if (c.attribute(k).isPresent()) {
                answers.put(k, v);
            } else {
                // The specification's reference server lets unknown attributes through; so do we, without storing them.
                log.warn("Open311 POST from {}: unknown attribute[{}] for service {} ignored", partner, k, c.code());
            }
        });
        String name = String.join(" ", java.util.stream.Stream.of(opt(in.last_name()), opt(in.first_name()))
            .filter(x -> x != null).toList());
        NewReport r = new NewReport(c.code(), answers, opt(in.description()), place.lat(), place.lon(), opt(in.address_string()),
            processed, opt(in.email()), locale.getLanguage(), false, null, name.isBlank() ? null : name.strip(), null);
        Report saved;
        try {
            saved = backend.submit(partner, r);
        } catch (ReportRejected e) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, f, e.problems().stream().map(p -> problem(p, locale)).toList());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", String.valueOf(saved.id()));
        m.put("token", saved.publicToken());
        m.put("service_notice", notice(c, locale));
        m.put("account_id", null);
        return respond(f, HttpStatus.CREATED, Open311Document.list("service_requests", "request", List.of(m)));
    }

    // ---- reading the input -----------------------------------------------------------------------------------

    /** Location: lat and long together, or an address we can place (a 町丁目 of the ward). */
    private GeoPoint location(NewRequest in, Format f, Locale locale) {
        String latText = opt(in.lat());
        String longText = opt(in.lon());
        String address = opt(in.address_string());
        if (latText != null || longText != null) {
            if (latText == null || longText == null) {
                throw badRequest(f, locale, latText == null ? "lat" : "long", "open311.error.latLong.pair");
            }
            Double lat = NumberInput.decimal(latText);
            Double lon = NumberInput.decimal(longText);
            if (lat == null || lon == null) {
                throw badRequest(f, locale, lat == null ? "lat" : "long", "open311.error.latLong.invalid");
            }
            return new GeoPoint(lat, lon);
        } else if (address != null) {
            return backend.place(address).orElseThrow(() -> badRequest(f, locale, "address_string", "open311.error.address.unknown"));
        } else if (opt(in.address_id()) != null) {
            throw badRequest(f, locale, "address_id", "open311.error.addressId");
        }
        throw badRequest(f, locale, "lat", "open311.error.location.required");
    }

    private List<jp.machi.shared.image.ProcessedImage> media(HttpServletRequest request, Format f, Locale locale) throws IOException {
        List<jp.machi.shared.image.ProcessedImage> processed = new ArrayList<>();
        if (request instanceof MultipartHttpServletRequest multipart) {
            List<MultipartFile> files = new ArrayList<>();
            for (String part : List.of("media", "media[]")) {
                files.addAll(multipart.getFiles(part).stream().filter(x -> !x.isEmpty()).toList());
            }
            if (files.size() > ReportService.MAX_PHOTOS) {
                throw badRequest(f, locale, "media", "report.photo.tooMany", ReportService.MAX_PHOTOS);
            }
            for (MultipartFile file : files) {
                try {
                    processed.add(photos.process(file.getBytes()));
                } catch (PhotoProcessor.PhotoRejected e) {
                    throw badRequest(f, locale, "media", e.messageKey(), photos.maxBytes() / (1024 * 1024));
                } catch (jp.machi.shared.image.ImagesBusy e) {
                    throw new Open311Error(HttpStatus.SERVICE_UNAVAILABLE, f,
                        List.of("media: " + msg(locale, "report.api.photoBusy")), e.retryAfterSeconds());
                }
            }
        }
        return processed;
    }

    private Open311Repository.Filter filter(RequestQuery in, int pageSize, int page, Format f, Locale locale) {
        String ids = opt(in.service_request_id());
        if (ids != null) {
            // The specification: a list of ids overrides every other argument.
            List<Long> list = new ArrayList<>();
            for (String s : ids.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                list.add(parseId(s.strip()).orElseThrow(() -> badRequest(f, locale, "service_request_id", "open311.error.ids.invalid")));
            }
            if (list.isEmpty() || list.size() > Open311Adapter.MAX_REQUESTS) {
                throw badRequest(f, locale, "service_request_id", "open311.error.ids.invalid");
            }
            return new Open311Repository.Filter(list, null, null, null, null, pageSize, (page - 1) * pageSize);
        }
        Set<String> codes = null;
        String codeText = opt(in.service_code());
        if (codeText != null) {
            codes = new LinkedHashSet<>();
            for (String s : codeText.split(",")) {
                if (!s.isBlank()) {
                    codes.add(s.strip());
                }
            }
            if (codes.isEmpty()) {
                codes = null;
            }
        }
        Instant start = dateParam(in.start_date(), "start_date", f, locale);
        Instant end = dateParam(in.end_date(), "end_date", f, locale);
        Duration window = Open311Adapter.WINDOW;
        if (start == null && end == null) {
            end = clock.instant();
            start = end.minus(window);
        } else if (start == null) {
            start = end.minus(window);
        } else if (end == null) {
            end = start.plus(window);
        } else if (end.isBefore(start)) {
            throw badRequest(f, locale, "end_date", "open311.error.date.order");
        } else if (Duration.between(start, end).compareTo(window) > 0) {
            end = start.plus(window);
        }
        Boolean open = null;
        String statusText = opt(in.status());
        if (statusText != null) {
            Set<String> st = new LinkedHashSet<>();
            for (String s : statusText.split(",")) {
                String t = s.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("open") && !t.equals("closed")) {
                    throw badRequest(f, locale, "status", "open311.error.status.invalid");
                }
                if (!t.isEmpty()) {
                    st.add(t);
                }
            }
            open = st.size() == 1 ? st.contains("open") : null;
        }
        return new Open311Repository.Filter(null, codes, start, end, open, pageSize, (page - 1) * pageSize);
    }

    private void checkJurisdiction(String jurisdiction, Format f, Locale locale) {
        String j = opt(jurisdiction);
        if (j != null && !j.equals(ward.code())) {
            throw error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.jurisdiction", ward.code()));
        }
    }

    private static Optional<Long> parseId(String s) {
        return s != null && s.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }

    static Locale locale(String locale) {
        String l = opt(locale);
        return l != null && l.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private static String opt(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Open311Error badRequestInt(Format f, Locale locale, String name, int min, int max) {
        return badRequest(f, locale, name, "open311.error.int", min, max);
    }

    private int intParam(String value, String name, int dflt, int min, int max, Format f, Locale locale) {
        String s = opt(value);
        if (s == null) {
            return dflt;
        }
        if (!s.matches("[0-9]{1,9}") || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
            throw badRequestInt(f, locale, name, min, max);
        }
        return Integer.parseInt(s);
    }

    /** A W3C datetime; with no offset it is Japan time; a bare date is its start in Japan time; years 1868–9999. */
    private Instant dateParam(String value, String name, Format f, Locale locale) {
        String s = opt(value);
        if (s == null) {
            return null;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                t = LocalDateTime.parse(s).atZone(MachiClock.ZONE).toInstant();
            } catch (DateTimeParseException e2) {
                t = DateInput.parse(s).map(d -> d.atStartOfDay(MachiClock.ZONE).toInstant()).orElse(null);
            }
        }
        if (t == null || !DateInput.inRange(LocalDate.ofInstant(t, MachiClock.ZONE))) {
            throw badRequest(f, locale, name, "open311.error.date.invalid");
        }
        return t;
    }

    // ---- writing the output ----------------------------------------------------------------------------------

    private List<Map<String, Object>> render(List<Report> list, boolean extensions, Locale locale) {
        Open311Adapter.Details d = backend.details(list, extensions);
        // Names, notices and agencies are the same for every report of a category or department: format each
        // once per answer instead of once per report (a MessageFormat and a department lookup each).
        Map<String, String> serviceNames = new HashMap<>();
        Map<String, String> notices = new HashMap<>();
        Map<String, String> agencies = new HashMap<>();
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Report r : list) {
            Category c = d.categories().get(r.categoryCode());
            List<Open311Repository.Photo> ph = d.photos().getOrDefault(r.id(), List.of());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", String.valueOf(r.id()));
            m.put("status", r.status().open311());
            m.put("status_notes", r.statusReason());
            m.put("service_name", serviceNames.computeIfAbsent(r.categoryCode(), k -> c == null ? k : c.name(locale)));
            m.put("service_code", r.categoryCode());
            m.put("description", r.description());
            m.put("agency_responsible", agencies.computeIfAbsent(r.departmentCode(),
                k -> ward.department(k).map(x -> x.label(locale)).orElse(k)));
            m.put("service_notice", c == null ? null : notices.computeIfAbsent(c.code(), k -> notice(c, locale)));
            m.put("requested_datetime", w3c(r.requestedAt()));
            m.put("updated_datetime", w3c(r.updatedAt()));
            m.put("expected_datetime", r.status().isOpen() && r.dueDate() != null
                ? w3c(r.dueDate().atTime(Open311Adapter.CLOSING).atZone(MachiClock.ZONE).toInstant()) : null);
            m.put("address", blankToNull(r.address()));
            m.put("address_id", null);
            m.put("zipcode", null);
            m.put("lat", r.lat());
            m.put("long", r.lon());
            m.put("media_url", ph.isEmpty() ? null : photoUrl(r.id(), ph.getFirst().ordinal()));
            if (extensions) {
                m.put("attributes", new Open311Document.Items("attribute", attributes(c, d.answers().get(r.id()), locale)));
                Map<String, Object> ext = new LinkedHashMap<>();
                ext.put("detailed_status", detailed(r.status()));
                ext.put("detailed_status_name", msg(locale, "report.status." + r.status().slug()));
                ext.put("photos", new Open311Document.Items("photo", ph.stream().map(p -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("media_url", photoUrl(r.id(), p.ordinal()));
                    x.put("thumbnail_url", photoUrl(r.id(), p.ordinal()) + "/thumb");
                    x.put("stage", p.stage().toLowerCase(Locale.ROOT));
                    x.put("width", p.width());
                    x.put("height", p.height());
                    x.put("created_at", w3c(p.createdAt()));
                    return x;
                }).toList()));
                m.put("extended_attributes", ext);
                m.put("notes", new Open311Document.Items("note", d.notes().getOrDefault(r.id(), List.of()).stream().map(n -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("datetime", w3c(n.createdAt()));
                    x.put("description", n.text());
                    x.put("type", n.statusTo() == null ? "activity" : n.statusTo().isOpen() ? "opened" : "closed");
                    x.put("status", n.statusTo() == null ? null : detailed(n.statusTo()));
                    return x;
                }).toList()));
            }
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> attributes(Category c, Map<String, List<String>> answers, Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (c == null || answers == null) {
            return out;
        }
        for (Category.Attribute a : c.attributes()) {
            for (String v : answers.getOrDefault(a.code(), List.of())) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("label", a.description(locale));
                x.put("name", a.isList() ? a.value(v).map(val -> val.name(locale)).orElse(v) : v);
                x.put("value", v);
                x.put("code", a.code());
                out.add(x);
            }
        }
        return out;
    }

    /** The fine-grained status in the words of the widely used FixMyStreet extension. */
    static String detailed(ReportStatus s) {
        return switch (s) {
            case RECEIVED -> "open";
            case IN_PROGRESS -> "in_progress";
            case RESOLVED -> "fixed";
            case NOT_ACTIONABLE -> "no_further_action";
            case FORWARDED -> "not_councils_responsibility";
        };
    }

    private String notice(Category c, Locale locale) {
        return msg(locale, "open311.notice", c.targetWorkingDays());
    }

    private String photoUrl(long id, int ordinal) {
        return baseUrl + "/reports/" + id + "/photos/" + ordinal;
    }

    /**
     * A W3C datetime to the second in Japan time, {@code 2026-11-23T16:25:57+09:00}: what
     * {@code uuuu-MM-dd'T'HH:mm:ssXXX} prints, written by hand because a 1,000-request answer has 3,000 of them.
     */
    static String w3c(Instant i) {
        if (i == null) {
            return null;
        }
        ZoneOffset offset = MachiClock.ZONE.getRules().getOffset(i);
        LocalDateTime t = LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, offset);
        int year = t.getYear();
        if (year < 1000 || year > 9999 || offset.getTotalSeconds() % 60 != 0) {
            return W3C.format(i.truncatedTo(ChronoUnit.SECONDS).atZone(MachiClock.ZONE));
        }
        StringBuilder b = new StringBuilder(25).append(year);
        two(b.append('-'), t.getMonthValue());
        two(b.append('-'), t.getDayOfMonth());
        two(b.append('T'), t.getHour());
        two(b.append(':'), t.getMinute());
        two(b.append(':'), t.getSecond());
        return b.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId()).toString();
    }

    private static void two(StringBuilder b, int n) {
        b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private static void stream(HttpServletResponse response, Format f, Open311Document doc) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType((f == Format.json ? JSON : XML).toString());
        OutputStream out = response.getOutputStream();
        if (f == Format.json) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            doc.json(w);
            w.flush();
        } else {
            doc.xml(out);
        }
        out.flush();
    }

    static ResponseEntity<String> respond(Format f, HttpStatus status, Open311Document doc) {
        return ResponseEntity.status(status).contentType(f == Format.json ? JSON : XML)
            .body(f == Format.json ? doc.json() : doc.xml());
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private String problem(Problem p, Locale locale) {
        String field = switch (p.field()) {
            case "categoryCode" -> "service_code";
            case "address" -> "address_string";
            case "photos", "photo" -> "media";
            case "reporterName" -> "last_name";
            default -> p.field();
        };
        return field + ": " + ReportForms.messages(List.of(p), messages, locale).values().iterator().next();
    }

    private Open311Error badRequest(Format f, Locale locale, String parameter, String key, Object... args) {
        return error(HttpStatus.BAD_REQUEST, f, problem(Problem.of(parameter, key, args), locale));
    }

    private static Open311Error error(HttpStatus status, Format f, String description) {
        return new Open311Error(status, f, List.of(description));
    }

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<String> open311Error(Open311Error e) {
        return e.answer();
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class, MultipartException.class})
    ResponseEntity<String> upload(HttpServletRequest request, Exception e) {
        Locale locale = locale(request.getParameter("locale"));
        String key = e instanceof MaxUploadSizeExceededException ? "report.photo.requestTooLarge" : "report.upload.broken";
        return error(HttpStatus.BAD_REQUEST, Format.of(request), "media: " + msg(locale, key)).answer();
    }

    /** The two formats of GeoReport v2, chosen by the path's suffix. */
    enum Format {
        json, xml;

        /** The format of a suffix; any other is a 404 in XML, the format every GeoReport v2 client reads. */
        static Format of(String suffix) {
            return switch (suffix) {
                case "json" -> json;
                case "xml" -> xml;
                default -> throw new Open311Error(HttpStatus.NOT_FOUND, xml,
                    List.of("Unknown format: use .xml or .json / 形式は .xml または .json です。"));
            };
        }

        /** The format a request's path asks for (JSON only for {@code .json}). */
        static Format of(HttpServletRequest request) {
            return request.getRequestURI().endsWith(".json") ? json : xml;
        }
    }

    /** An answer in Open311's error format. */
    static final class Open311Error extends RuntimeException {
        final HttpStatus status;
        final Format format;
        final List<String> descriptions;
        /** Seconds for a Retry-After header (429, 503), or 0 for none. */
        final long retryAfter;

        Open311Error(HttpStatus status, Format format, List<String> descriptions) {
            this(status, format, descriptions, 0);
        }

        Open311Error(HttpStatus status, Format format, List<String> descriptions, long retryAfter) {
            super(status + " " + descriptions, null, false, false);
            this.status = status;
            this.format = format;
            this.descriptions = descriptions;
            this.retryAfter = retryAfter;
        }

        ResponseEntity<String> answer() {
            List<Map<String, Object>> errors = descriptions.stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", status.value());
                m.put("description", d);
                return m;
            }).toList();
            ResponseEntity<String> answer = respond(format, status, Open311Document.list("errors", "error", errors));
            return retryAfter <= 0 ? answer : ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)).body(answer.getBody());
        }
    }

    /**
     * Open311's error format for what Spring MVC or the input guard refuses under {@code /open311/v2/} — unknown
     * paths, methods and content types, over-long values — where no endpoint method runs. The specification knows
     * 400, 403 and 404: other refusals are answered as 400 (a 405 or 415 keeps its status).
     */
    @Component
    static class Errors implements ErrorFormat {
        private final MessageSource messages;

        Errors(MessageSource messages) {
            this.messages = messages;
        }

        @Override
        public boolean appliesTo(HttpServletRequest request) {
            return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/open311/");
        }

        @Override
        public ResponseEntity<?> answer(HttpServletRequest request, HttpStatus status, String parameter, String messageKey,
                                        Object... args) {
            Locale locale = locale(request.getParameter("locale"));
            String text = messages.getMessage(messageKey, args, messageKey, locale);
            return new Open311Error(status, Format.of(request), List.of(parameter == null ? text : parameter + ": " + text)).answer();
        }
    }
}
