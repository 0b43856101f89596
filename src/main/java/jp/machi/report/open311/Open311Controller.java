package jp.machi.report.open311;

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
import java.time.LocalTime;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.CategoryRepository;
import jp.machi.report.internal.DistrictCentres;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.Problem;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportRejected;
import jp.machi.report.internal.ReportRepository;
import jp.machi.report.internal.ReportService;
import jp.machi.report.web.ReportForms;
import jp.machi.shared.DemoMode;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Open311 GeoReport v2 ({@code /open311/v2/}), as the specification describes it: the format is the path
 * suffix ({@code .xml} or {@code .json}), POST is form-encoded (multipart is accepted too, for photos), errors are
 * {@code errors/error{code,description}} with 400, 403 or 404. Nothing here uses the browser session.
 */
@RestController
class Open311Controller {

    static final int MAX_REQUESTS = 1000;
    static final Duration WINDOW = Duration.ofDays(90);
    static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    /** Ward offices close at 17:15; a due date is expected by then. */
    private static final LocalTime CLOSING = LocalTime.of(17, 15);
    private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=utf-8");
    private static final MediaType XML = MediaType.parseMediaType("text/xml; charset=utf-8");
    private static final Logger log = LoggerFactory.getLogger(Open311Controller.class);

    enum Format { json, xml }

    /** An answer in Open311's error format. */
    static final class Open311Error extends RuntimeException {
        final HttpStatus status;
        final Format format;
        final List<String> descriptions;

        Open311Error(HttpStatus status, Format format, List<String> descriptions) {
            super(status + " " + descriptions, null, false, false);
            this.status = status;
            this.format = format;
            this.descriptions = descriptions;
        }
    }

    private final CategoryRepository categories;
    private final ReportRepository reports;
    private final ReportService service;
    private final Open311Repository open311;
    private final Open311ApiKeys keys;
    private final PhotoProcessor photos;
    private final DistrictCentres centres;
    private final WardProfile ward;
    private final MessageSource messages;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DemoMode demo;
    private final String baseUrl;
    private final String changeset;

    Open311Controller(CategoryRepository categories, ReportRepository reports, ReportService service,
                      Open311Repository open311, Open311ApiKeys keys, PhotoProcessor photos, DistrictCentres centres,
                      WardProfile ward, MessageSource messages, AuditLog audit, TransactionTemplate tx, Clock clock,
                      DemoMode demo, @Value("${machi.base-url}") String baseUrl) {
        this.categories = categories;
        this.reports = reports;
        this.service = service;
        this.open311 = open311;
        this.keys = keys;
        this.photos = photos;
        this.centres = centres;
        this.ward = ward;
        this.messages = messages;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.demo = demo;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        // Categories change only with a deployment or a restart; clients refresh their caches when this moves.
        this.changeset = w3c(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    // ---- routing ---------------------------------------------------------------------------------------------

    @GetMapping("/open311/v2/{file}")
    void get(@PathVariable String file, @RequestParam MultiValueMap<String, String> params,
             HttpServletResponse response) throws IOException {
        Format f = format(file);
        Locale locale = locale(params);
        checkJurisdiction(params, f, locale);
        Open311Document doc = switch (name(file)) {
            case "discovery" -> discovery(locale);
            case "services" -> services(locale);
            case "requests" -> requests(params, f, locale);
            default -> throw notFound(f, locale);
        };
        stream(response, f, doc);
    }

    @GetMapping("/open311/v2/services/{file}")
    ResponseEntity<String> definition(@PathVariable String file, @RequestParam MultiValueMap<String, String> params) {
        Format f = format(file);
        Locale locale = locale(params);
        checkJurisdiction(params, f, locale);
        Category c = categories.find(name(file)).filter(Category::active)
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.serviceCode.unknown", name(file))));
        return ok(f, serviceDefinition(c, locale));
    }

    @GetMapping("/open311/v2/requests/{file}")
    ResponseEntity<String> request(@PathVariable String file, @RequestParam MultiValueMap<String, String> params) {
        Format f = format(file);
        Locale locale = locale(params);
        checkJurisdiction(params, f, locale);
        long id = parseId(name(file)).orElseThrow(() -> requestNotFound(f, locale, name(file)));
        List<Report> found = open311.requests(new Open311Repository.Filter(List.of(id), null, null, null, null, 1, 0));
        if (found.isEmpty()) {
            throw requestNotFound(f, locale, name(file));
        }
        return ok(f, Open311Document.list("service_requests", "request",
            render(found, "true".equals(opt(params, "extensions")), locale)));
    }

    @GetMapping("/open311/v2/tokens/{file}")
    ResponseEntity<String> token(@PathVariable String file, @RequestParam MultiValueMap<String, String> params) {
        Format f = format(file);
        Locale locale = locale(params);
        checkJurisdiction(params, f, locale);
        String token = name(file);
        Report r = (token.matches("[0-9a-f]{32}") ? reports.findByToken(token) : Optional.<Report>empty())
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.token.unknown")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", String.valueOf(r.id()));
        m.put("token", r.publicToken());
        return ok(f, Open311Document.list("service_requests", "request", List.of(m)));
    }

    @PostMapping("/open311/v2/{file}")
    ResponseEntity<String> post(@PathVariable String file, @RequestParam MultiValueMap<String, String> params,
                                HttpServletRequest request) throws IOException {
        Format f = format(file);
        Locale locale = locale(params);
        if (!"requests".equals(name(file))) {
            throw notFound(f, locale);
        }
        String partner = keys.partnerFor(opt(params, "api_key"))
            .orElseThrow(() -> error(HttpStatus.FORBIDDEN, f, msg(locale, "open311.error.apiKey")));
        checkJurisdiction(params, f, locale);
        String code = opt(params, "service_code");
        if (code == null) {
            throw badRequest(f, locale, "service_code", "open311.error.serviceCode.required");
        }
        Category c = categories.find(code).filter(Category::active)
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.serviceCode.unknown", code)));
        if (params.containsKey("media_url") && params.get("media_url").stream().anyMatch(v -> v != null && !v.isBlank())) {
            throw badRequest(f, locale, "media_url", "open311.error.mediaUrl");
        }
        // Location: lat and long together, or an address we can place (a 町丁目 of the ward).
        String latText = opt(params, "lat");
        String longText = opt(params, "long");
        String address = opt(params, "address_string");
        Double lat = null;
        Double lon = null;
        if (latText != null || longText != null) {
            if (latText == null || longText == null) {
                throw badRequest(f, locale, latText == null ? "lat" : "long", "open311.error.latLong.pair");
            }
            lat = number(latText);
            lon = number(longText);
            if (lat == null || lon == null) {
                throw badRequest(f, locale, lat == null ? "lat" : "long", "open311.error.latLong.invalid");
            }
        } else if (address != null) {
            jp.machi.shared.image.GeoPoint p = place(address)
                .orElseThrow(() -> badRequest(f, locale, "address_string", "open311.error.address.unknown"));
            lat = p.lat();
            lon = p.lon();
        } else if (opt(params, "address_id") != null) {
            throw badRequest(f, locale, "address_id", "open311.error.addressId");
        } else {
            throw badRequest(f, locale, "lat", "open311.error.location.required");
        }
        List<jp.machi.shared.image.ProcessedImage> processed = new ArrayList<>();
        if (request instanceof MultipartHttpServletRequest multipart) {
            List<MultipartFile> files = new ArrayList<>();
            for (String part : List.of("media", "media[]")) {
                files.addAll(multipart.getFiles(part).stream().filter(x -> !x.isEmpty()).toList());
            }
            if (files.size() > ReportService.MAX_PHOTOS) {
                throw badRequest(f, locale, "media", "report.photo.tooMany", ReportService.MAX_PHOTOS);
            }
            for (MultipartFile file1 : files) {
                try {
                    processed.add(photos.process(file1.getBytes()));
                } catch (PhotoProcessor.PhotoRejected e) {
                    throw badRequest(f, locale, "media", e.messageKey(), photos.maxBytes() / (1024 * 1024));
                }
            }
        }
        Map<String, List<String>> answers = new LinkedHashMap<>();
        ReportForms.answers(params).forEach((k, v) -> {
            if (c.attribute(k).isPresent()) {
                answers.put(k, v);
            } else {
                // The specification's reference server lets unknown attributes through; so do we, without storing them.
                log.warn("Open311 POST from {}: unknown attribute[{}] for service {} ignored", partner, k, c.code());
            }
        });
        String name = String.join(" ", java.util.stream.Stream.of(opt(params, "last_name"), opt(params, "first_name"))
            .filter(x -> x != null).toList());
        NewReport r = new NewReport(c.code(), answers, opt(params, "description"), lat, lon, address, processed,
            opt(params, "email"), locale.getLanguage(), false, null, name.isBlank() ? null : name.strip(), null);
        long id;
        try {
            id = tx.execute(s -> {
                long newId = service.submit(r, false);
                audit.record(AuditEvent.byCurrentActor("report.create.open311", null, "report:" + newId,
                    "report received through Open311 from partner " + partner));
                return newId;
            });
        } catch (ReportRejected e) {
            throw error(HttpStatus.BAD_REQUEST, f, e.problems().stream().map(p -> problem(p, locale)).toList());
        }
        Report saved = reports.find(id).orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", String.valueOf(id));
        m.put("token", saved.publicToken());
        m.put("service_notice", notice(c, saved, locale));
        m.put("account_id", null);
        return respond(f, HttpStatus.CREATED, Open311Document.list("service_requests", "request", List.of(m)));
    }

    // ---- documents -------------------------------------------------------------------------------------------

    private Open311Document discovery(Locale locale) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPEC);
        endpoint.put("url", baseUrl + "/open311/v2");
        endpoint.put("changeset", changeset);
        endpoint.put("type", demo.enabled() ? "test" : "production");
        endpoint.put("formats", new Open311Document.Items("format", List.of("text/xml", "application/json")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changeset", changeset);
        m.put("contact", msg(locale, "open311.discovery.contact", ward.name(locale), baseUrl + "/reports"));
        m.put("key_service", msg(locale, "open311.discovery.keyService", ward.name(locale)));
        m.put("endpoints", new Open311Document.Items("endpoint", List.of(endpoint)));
        return Open311Document.object("discovery", m);
    }

    private Open311Document services(Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : categories.all(true)) {
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
        return Open311Document.list("services", "service", out);
    }

    private Open311Document serviceDefinition(Category c, Locale locale) {
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
        return Open311Document.object("service_definition", m);
    }

    private Open311Document requests(MultiValueMap<String, String> params, Format f, Locale locale) {
        boolean extensions = "true".equals(opt(params, "extensions"));
        int pageSize = intParam(params, "page_size", MAX_REQUESTS, 1, MAX_REQUESTS, f, locale);
        int page = intParam(params, "page", 1, 1, 1_000_000, f, locale);
        String ids = opt(params, "service_request_id");
        Open311Repository.Filter filter;
        if (ids != null) {
            // The specification: a list of ids overrides every other argument.
            List<Long> list = new ArrayList<>();
            for (String s : ids.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                Optional<Long> id = parseId(s.strip());
                if (id.isEmpty()) {
                    throw badRequest(f, locale, "service_request_id", "open311.error.ids.invalid");
                }
                list.add(id.get());
            }
            if (list.isEmpty() || list.size() > MAX_REQUESTS) {
                throw badRequest(f, locale, "service_request_id", "open311.error.ids.invalid");
            }
            filter = new Open311Repository.Filter(list, null, null, null, null, pageSize, (page - 1) * pageSize);
        } else {
            Set<String> codes = null;
            String codeText = opt(params, "service_code");
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
            Instant start = dateParam(params, "start_date", f, locale);
            Instant end = dateParam(params, "end_date", f, locale);
            if (start == null && end == null) {
                end = clock.instant();
                start = end.minus(WINDOW);
            } else if (start == null) {
                start = end.minus(WINDOW);
            } else if (end == null) {
                end = start.plus(WINDOW);
            } else if (end.isBefore(start)) {
                throw badRequest(f, locale, "end_date", "open311.error.date.order");
            } else if (Duration.between(start, end).compareTo(WINDOW) > 0) {
                end = start.plus(WINDOW);
            }
            Boolean open = null;
            String statusText = opt(params, "status");
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
            filter = new Open311Repository.Filter(null, codes, start, end, open, pageSize, (page - 1) * pageSize);
        }
        return Open311Document.list("service_requests", "request", render(open311.requests(filter), extensions, locale));
    }

    private List<Map<String, Object>> render(List<Report> list, boolean extensions, Locale locale) {
        Map<String, Category> cats = categories.all(false).stream()
            .collect(Collectors.toMap(Category::code, Function.identity()));
        List<Long> ids = list.stream().map(Report::id).toList();
        Map<Long, List<Open311Repository.Photo>> photoMap = open311.photos(ids);
        Map<Long, Map<String, List<String>>> answerMap = extensions ? open311.answers(ids) : Map.of();
        Map<Long, List<Open311Repository.Note>> noteMap = extensions ? open311.publicNotes(ids) : Map.of();
        // Names, notices and agencies are the same for every report of a category or department: format each
        // once per answer instead of once per report (a MessageFormat and a department lookup each).
        Map<String, String> serviceNames = new HashMap<>();
        Map<String, String> notices = new HashMap<>();
        Map<String, String> agencies = new HashMap<>();
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Report r : list) {
            Category c = cats.get(r.categoryCode());
            List<Open311Repository.Photo> ph = photoMap.getOrDefault(r.id(), List.of());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", String.valueOf(r.id()));
            m.put("status", r.status().open311());
            m.put("status_notes", r.statusReason());
            m.put("service_name", serviceNames.computeIfAbsent(r.categoryCode(), k -> c == null ? k : c.name(locale)));
            m.put("service_code", r.categoryCode());
            m.put("description", r.description());
            m.put("agency_responsible", agencies.computeIfAbsent(r.departmentCode(),
                k -> ward.department(k).map(d -> d.label(locale)).orElse(k)));
            m.put("service_notice", c == null ? null : notices.computeIfAbsent(c.code(), k -> notice(c, r, locale)));
            m.put("requested_datetime", w3c(r.requestedAt()));
            m.put("updated_datetime", w3c(r.updatedAt()));
            m.put("expected_datetime", r.status().isOpen() && r.dueDate() != null
                ? w3c(r.dueDate().atTime(CLOSING).atZone(MachiClock.ZONE).toInstant()) : null);
            m.put("address", blankToNull(r.address()));
            m.put("address_id", null);
            m.put("zipcode", null);
            m.put("lat", r.lat());
            m.put("long", r.lon());
            m.put("media_url", ph.isEmpty() ? null : photoUrl(r.id(), ph.getFirst().ordinal()));
            if (extensions) {
                m.put("attributes", new Open311Document.Items("attribute", attributes(c, answerMap.get(r.id()), locale)));
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
                m.put("notes", new Open311Document.Items("note", noteMap.getOrDefault(r.id(), List.of()).stream().map(n -> {
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

    private String notice(Category c, Report r, Locale locale) {
        return msg(locale, "open311.notice", c.targetWorkingDays());
    }

    private String photoUrl(long id, int ordinal) {
        return baseUrl + "/reports/" + id + "/photos/" + ordinal;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Optional<jp.machi.shared.image.GeoPoint> place(String address) {
        String best = null;
        for (String d : ward.districts()) {
            if (address.contains(d) && (best == null || d.length() > best.length())) {
                best = d;
            }
        }
        return best == null ? Optional.empty() : centres.centre(best);
    }

    private void checkJurisdiction(MultiValueMap<String, String> params, Format f, Locale locale) {
        String j = opt(params, "jurisdiction_id");
        if (j != null && !j.equals(ward.code())) {
            throw error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.jurisdiction", ward.code()));
        }
    }

    private static Format format(String file) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        if (ext.equals("json")) {
            return Format.json;
        }
        if (ext.equals("xml")) {
            return Format.xml;
        }
        // XML is the format every GeoReport v2 client reads.
        throw new Open311Error(HttpStatus.NOT_FOUND, Format.xml,
            List.of("Unknown format: use .xml or .json / 形式は .xml または .json です。"));
    }

    private static String name(String file) {
        return file.substring(0, file.lastIndexOf('.'));
    }

    private static Optional<Long> parseId(String s) {
        if (!s.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }

    static Locale locale(MultiValueMap<String, String> params) {
        String l = opt(params, "locale");
        return l != null && l.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private static String opt(MultiValueMap<String, String> params, String name) {
        String v = params.getFirst(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Double number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private int intParam(MultiValueMap<String, String> params, String name, int dflt, int min, int max, Format f,
                         Locale locale) {
        String s = opt(params, name);
        if (s == null) {
            return dflt;
        }
        if (!s.matches("[0-9]{1,9}") || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
            throw badRequest(f, locale, name, "open311.error.int", min, max);
        }
        return Integer.parseInt(s);
    }

    /** A W3C datetime; with no offset it is Japan time; a bare date is its start in Japan time. */
    private Instant dateParam(MultiValueMap<String, String> params, String name, Format f, Locale locale) {
        String s = opt(params, name);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(MachiClock.ZONE).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(s).atStartOfDay(MachiClock.ZONE).toInstant();
                } catch (DateTimeParseException e3) {
                    throw badRequest(f, locale, name, "open311.error.date.invalid");
                }
            }
        }
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

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private String problem(Problem p, Locale locale) {
        String field = switch (p.field()) {
            case "categoryCode" -> "service_code";
            case "address" -> "address_string";
            case "photos", "photo" -> "media";
            default -> p.field();
        };
        return field + ": " + ReportForms.messages(List.of(p), messages, locale).values().iterator().next();
    }

    private Open311Error badRequest(Format f, Locale locale, String parameter, String key, Object... args) {
        return error(HttpStatus.BAD_REQUEST, f, problem(Problem.of(parameter, key, args), locale));
    }

    private Open311Error notFound(Format f, Locale locale) {
        return error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.notFound"));
    }

    private Open311Error requestNotFound(Format f, Locale locale, String id) {
        return error(HttpStatus.NOT_FOUND, f, msg(locale, "open311.error.request.unknown", id));
    }

    private static Open311Error error(HttpStatus status, Format f, String description) {
        return new Open311Error(status, f, List.of(description));
    }

    private static Open311Error error(HttpStatus status, Format f, List<String> descriptions) {
        return new Open311Error(status, f, descriptions);
    }

    /**
     * Writes a 200 answer straight to the response (the request list is up to 1,000 requests, about 660 KiB in
     * JSON): no intermediate string, no second copy in a message converter. Everything that can fail with an
     * Open311 error has happened before the first byte is written.
     */
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

    private static ResponseEntity<String> ok(Format f, Open311Document doc) {
        return respond(f, HttpStatus.OK, doc);
    }

    private static ResponseEntity<String> respond(Format f, HttpStatus status, Open311Document doc) {
        return ResponseEntity.status(status).contentType(f == Format.json ? JSON : XML)
            .body(f == Format.json ? doc.json() : doc.xml());
    }

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<String> open311Error(Open311Error e) {
        List<Map<String, Object>> errors = e.descriptions.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", e.status.value());
            m.put("description", d);
            return m;
        }).toList();
        return respond(e.format, e.status, Open311Document.list("errors", "error", errors));
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class, MultipartException.class})
    ResponseEntity<String> upload(HttpServletRequest request, Exception e) {
        Format f = request.getRequestURI().endsWith(".json") ? Format.json : Format.xml;
        Locale locale = "en".equals(request.getParameter("locale")) ? Locale.ENGLISH : Locale.JAPANESE;
        String key = e instanceof MaxUploadSizeExceededException ? "report.photo.requestTooLarge" : "report.upload.broken";
        return open311Error(error(HttpStatus.BAD_REQUEST, f, "media: " + msg(locale, key)));
    }
}
