package jp.machi.report.web;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.machi.identity.StaffScope;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.Category;
import jp.machi.ward.DistrictCentres;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.Problem;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportQuery;
import jp.machi.report.internal.ReportRejected;
import jp.machi.report.internal.ReportReader;
import jp.machi.report.internal.ReportRateLimits;
import jp.machi.report.internal.ReportService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Posting a report, one question per step as GOV.UK does it: category → details (with photos) → check → send, or
 * "it is one of these" (follow an existing report instead). The draft lives in the session until it is sent.
 */
@Controller
class ReportFormController {

    private final ReportReader reader;
    private final ReportService service;
    private final PhotoProcessor photos;
    private final DistrictCentres centres;
    private final WardProfile ward;
    private final MessageSource messages;
    private final String tileUrl;
    private final ReportRateLimits limits;

    ReportFormController(ReportReader reader, ReportService service, PhotoProcessor photos, DistrictCentres centres,
                         WardProfile ward, MessageSource messages, ReportRateLimits limits,
                         @org.springframework.beans.factory.annotation.Value("${machi.facility.tile-url:https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png}") String tileUrl) {
        this.reader = reader;
        this.service = service;
        this.photos = photos;
        this.centres = centres;
        this.ward = ward;
        this.messages = messages;
        this.tileUrl = tileUrl;
        this.limits = limits;
    }

    @GetMapping("/reports/new")
    String choose(@RequestParam(required = false) String category, Model model, Locale locale) {
        if (category != null && !category.isBlank()) {
            return "redirect:/reports/new/" + org.springframework.web.util.UriUtils.encodePathSegment(category, "UTF-8");
        }
        model.addAttribute("categories", reader.categories(true));
        return "report/choose";
    }

    @GetMapping("/reports/new/{code}")
    String form(@PathVariable String code, @RequestParam(required = false) String edit, HttpSession session, Model model) {
        Category c = activeCategory(code);
        ReportDraft draft = edit == null ? null : draft(session);
        if (draft != null && draft.report().categoryCode().equals(c.code())) {
            // 「内容を直す」: the form as it was sent, with its photos still attached
            model.addAttribute("values", draft.formValues());
            model.addAttribute("answers", draft.report().answers());
            model.addAttribute("keptPhotos", draft.report().photos().size());
        } else {
            model.addAttribute("values", Map.of());
            model.addAttribute("answers", Map.of());
        }
        model.addAttribute("category", c);
        model.addAttribute("errors", Map.of());
        addFormChoices(model);
        return "report/form";
    }

    /** A photo of the report being written (thumbnail), from the draft in this session only. */
    @GetMapping("/reports/new/photo/{index}")
    org.springframework.http.ResponseEntity<byte[]> draftPhoto(@PathVariable int index, HttpSession session) {
        ReportDraft draft = draft(session);
        if (draft == null || index < 0 || index >= draft.report().photos().size()) {
            return org.springframework.http.ResponseEntity.notFound().build();
        }
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.IMAGE_JPEG)
            .header("Cache-Control", "private, no-store").body(draft.report().photos().get(index).thumbnail());
    }

    @PostMapping("/reports/new/{code}")
    String send(@PathVariable String code, @RequestParam MultiValueMap<String, String> params,
                @RequestParam(name = "photo", required = false) List<MultipartFile> files, Model model, Locale locale,
                HttpSession session, jakarta.servlet.http.HttpServletResponse response) throws IOException {
        Category c = activeCategory(code);
        Map<String, List<String>> answers = ReportForms.answers(params);
        // counted before anything else, photos above all: every attempt counts, refused or not
        MachiPrincipal sender = CurrentActor.principal().orElse(null);
        var actingFor = CurrentActor.actingFor().orElse(null);
        jp.machi.shared.web.SubmissionLimits.Decision limit = limits.submission(CurrentActor.remoteAddress(), params.getFirst("email"),
            actingFor != null ? Long.valueOf(actingFor.accountId()) : sender != null && !sender.isStaff() ? sender.accountId() : null,
            sender != null && sender.isStaff());
        if (!limit.allowed()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
            Map<String, String> errors = new java.util.LinkedHashMap<>();
            // not a field's fault: the summary links to the page's main content
            errors.put("main", messages.getMessage(limit.messageKey("report.rateLimited"), limit.messageArgs(), locale));
            model.addAttribute("category", c);
            model.addAttribute("values", params.toSingleValueMap());
            model.addAttribute("answers", answers);
            model.addAttribute("errors", errors);
            addFormChoices(model);
            return "report/form";
        }
        List<Problem> problems = new ArrayList<>();
        boolean busy = false;
        Double lat = number(params.getFirst("lat"), "lat", problems);
        Double lon = number(params.getFirst("lon"), "lat", problems);
        String district = params.getFirst("district");
        if ((lat == null || lon == null) && district != null && !district.isBlank()) {
            if (!ward.districts().contains(district)) {
                problems.add(Problem.of("district", "report.district.invalid"));
            } else {
                var centre = centres.centre(district);
                if (centre.isPresent()) {
                    lat = centre.get().lat();
                    lon = centre.get().lon();
                } else {
                    problems.add(Problem.of("district", "report.district.noCentre"));
                }
            }
        }
        List<jp.machi.shared.image.ProcessedImage> processed = new ArrayList<>();
        // photos attached before 「内容を直す」 stay unless unticked
        ReportDraft earlier = draft(session);
        List<String> keep = params.get("keep") == null ? List.of() : params.get("keep");
        if (earlier != null && earlier.report().categoryCode().equals(c.code())) {
            for (int i = 0; i < earlier.report().photos().size(); i++) {
                if (keep.contains(Integer.toString(i))) {
                    processed.add(earlier.report().photos().get(i));
                }
            }
        }
        List<MultipartFile> uploads = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
        if (processed.size() + uploads.size() > ReportService.MAX_PHOTOS) {
            problems.add(Problem.of("photo", "report.photo.tooMany", ReportService.MAX_PHOTOS));
        } else {
            for (MultipartFile f : uploads) {
                try {
                    processed.add(photos.process(f.getBytes()));
                } catch (PhotoProcessor.PhotoRejected e) {
                    problems.add(Problem.of("photo", e.messageKey(), photos.maxBytes() / (1024 * 1024)));
                    break;
                } catch (jp.machi.shared.image.ImagesBusy e) {
                    problems.add(Problem.of("photo", "report.photo.busy"));
                    busy = true;
                    break;
                }
            }
        }
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        var proxy = CurrentActor.actingFor().orElse(null);
        Long reporter = proxy != null ? Long.valueOf(proxy.accountId()) : me != null && !me.isStaff() ? me.accountId() : null;
        String name = proxy != null ? proxy.displayName() : me != null && !me.isStaff() ? me.displayName() : null;
        String address = joinAddress(district, params.getFirst("address"));
        NewReport draft = new NewReport(c.code(), answers, params.getFirst("description"), lat, lon, address, processed,
            params.getFirst("email"), reporter != null && me != null && proxy == null ? me.preferredLanguage() : locale.getLanguage(),
            "yes".equals(params.getFirst("showName")), reporter, name,
            proxy != null && me != null ? me.accountId() : null);
        problems.addAll(service.validate(draft, true).stream()
            .filter(p -> problems.stream().noneMatch(q -> q.field().equals(p.field()))).toList());
        if (!problems.isEmpty()) {
            response.setStatus(busy ? HttpStatus.SERVICE_UNAVAILABLE.value() : HttpStatus.BAD_REQUEST.value());
            if (busy) {
                response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER,
                    Long.toString(jp.machi.shared.image.ImagesBusy.RETRY_AFTER_SECONDS));
            }
            model.addAttribute("category", c);
            model.addAttribute("values", params.toSingleValueMap());
            model.addAttribute("answers", answers);
            model.addAttribute("errors", ReportForms.messages(problems, messages, locale));
            if (earlier != null && earlier.report().categoryCode().equals(c.code())) {
                model.addAttribute("keptPhotos", earlier.report().photos().size());
            }
            addFormChoices(model);
            return "report/form";
        }
        Map<String, String> typed = new java.util.LinkedHashMap<>(params.toSingleValueMap());
        typed.remove("_csrf");
        typed.remove("keep");
        session.setAttribute(ReportDraft.SESSION_KEY, new ReportDraft(draft, district, ReportForms.labels(c, answers, locale),
            typed));
        return "redirect:/reports/new/check";
    }

    @GetMapping("/reports/new/check")
    String check(HttpSession session, Model model) {
        ReportDraft draft = draft(session);
        if (draft == null) {
            return "redirect:/reports/new";
        }
        NewReport r = draft.report();
        model.addAttribute("draft", draft);
        model.addAttribute("category", reader.category(r.categoryCode()).orElseThrow());
        model.addAttribute("nearby", service.nearby(r.categoryCode(), r.lat(), r.lon()));
        model.addAttribute("suggestion", r.photos().isEmpty() ? null : r.photos().getFirst().exifLocation());
        return "report/check";
    }

    @PostMapping("/reports/new/check")
    String confirm(HttpSession session, RedirectAttributes redirect) {
        ReportDraft draft = draft(session);
        if (draft == null) {
            return "redirect:/reports/new";
        }
        long id = service.submit(draft.report(), true);
        session.removeAttribute(ReportDraft.SESSION_KEY);
        ReportPageController.remember(session, id);
        redirect.addFlashAttribute("sent", true);
        return "redirect:/reports/" + id;
    }

    /** "It is one of these": add the reporter to an existing report instead of sending a duplicate. */
    @PostMapping("/reports/new/follow/{id}")
    String followInstead(@PathVariable long id, HttpSession session, RedirectAttributes redirect) {
        ReportDraft draft = draft(session);
        if (draft == null) {
            return "redirect:/reports/" + id;
        }
        NewReport r = draft.report();
        service.follow(id, r.reporterAccountId(), r.email(), r.language());
        session.removeAttribute(ReportDraft.SESSION_KEY);
        redirect.addFlashAttribute("followed", true);
        return "redirect:/reports/" + id;
    }

    /**
     * The page for a too-large or unreadable upload or a rejected report, reached by a forward from {@code ReportUploadAdvice}
     * (exception handlers get no {@code @ModelAttribute}s, so they could not render the site's shell).
     */
    @org.springframework.web.bind.annotation.RequestMapping(ReportUploadAdvice.PROBLEM_PATH)
    String uploadProblem(jakarta.servlet.http.HttpServletRequest request, Model model,
                         jakarta.servlet.http.HttpServletResponse response) {
        // Only what the advice put on this request; reached directly it is a plain "too large" page.
        Object key = request.getAttribute(ReportUploadAdvice.PROBLEM_KEY);
        Object args = request.getAttribute(ReportUploadAdvice.PROBLEM_ARGS);
        Object status = request.getAttribute(ReportUploadAdvice.PROBLEM_STATUS);
        response.setStatus(status instanceof Integer s ? s : HttpStatus.CONTENT_TOO_LARGE.value());
        model.addAttribute("messageKey", key instanceof String k ? k : "report.photo.requestTooLarge");
        model.addAttribute("messageArgs", args instanceof Object[] a ? a : new Object[0]);
        return "report/problem";
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Category activeCategory(String code) {
        return reader.activeCategory(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void addFormChoices(Model model) {
        model.addAttribute("districts", ward.districts());
        model.addAttribute("maxMb", photos.maxBytes() / (1024 * 1024));
        // the place map (progressive enhancement, report-place.js): tiles, centre and the ward's outline
        model.addAttribute("ward", ward);
        model.addAttribute("tileUrl", tileUrl);
        model.addAttribute("boundaryJson", ward.boundary().stream()
            .map(p -> "[" + p.get(0) + "," + p.get(1) + "]").collect(java.util.stream.Collectors.joining(",", "[", "]")));
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        model.addAttribute("signedInResident", me != null && !me.isStaff());
        model.addAttribute("proxy", CurrentActor.actingFor().orElse(null));
    }

    private static ReportDraft draft(HttpSession session) {
        return session.getAttribute(ReportDraft.SESSION_KEY) instanceof ReportDraft d ? d : null;
    }

    private static Double number(String s, String field, List<Problem> problems) {
        if (s == null || s.isBlank()) {
            return null;
        }
        Double d = jp.machi.shared.text.NumberInput.decimal(s);
        if (d == null && problems.stream().noneMatch(p -> p.field().equals(field))) {
            problems.add(Problem.of(field, "report.place.invalid"));
        }
        return d;
    }

    private static String joinAddress(String district, String rest) {
        String d = district == null ? "" : district.strip();
        String r = rest == null ? "" : rest.strip();
        return (d + " " + r).strip();
    }
}
