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
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.Problem;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportQuery;
import jp.machi.report.internal.ReportRejected;
import jp.machi.report.internal.ReportReader;
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

/** The public list of reports with its map, one report's page and its photos. */
@Controller
class ReportPageController {

    private final ReportReader reader;
    private final WardProfile ward;
    private final StaffScope scope;
    private final String tileUrl;

    ReportPageController(ReportReader reader, WardProfile ward, StaffScope scope,
                         @org.springframework.beans.factory.annotation.Value("${machi.facility.tile-url:https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png}") String tileUrl) {
        this.reader = reader;
        this.ward = ward;
        this.scope = scope;
        this.tileUrl = tileUrl;
    }

    @GetMapping("/reports")
    String list(@RequestParam(required = false) String category, @RequestParam(required = false) String status,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
                jakarta.servlet.http.HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        ReportQuery q = ReportQueries.publicQuery(category, status, from, to, null, errors);
        model.addAttribute("categories", reader.categories(false));
        model.addAttribute("statuses", ReportStatus.values());
        model.addAttribute("filter", Map.of("category", category == null ? "" : category, "status",
            status == null ? "" : status, "from", from == null ? "" : from, "to", to == null ? "" : to));
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("reports", List.of());
        } else {
            model.addAttribute("reports", reader.search(q));
        }
        model.addAttribute("categoryNames", reader.categoryNames());
        model.addAttribute("ward", ward);
        model.addAttribute("tileUrl", tileUrl);
        model.addAttribute("apiUrl", apiUrl(q));
        return "report/list";
    }

    /** The GeoJSON API with the list's filters (only the valid ones: the page shows the errors); the map adds bbox. */
    private static String apiUrl(ReportQuery q) {
        var b = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/v1/reports");
        if (q.categoryCode() != null) {
            b.queryParam("category", q.categoryCode());
        }
        if (q.status() != null) {
            b.queryParam("status", q.status().name());
        }
        if (q.from() != null) {
            b.queryParam("from", LocalDate.ofInstant(q.from(), MachiClock.ZONE).toString());
        }
        if (q.to() != null) {
            b.queryParam("to", LocalDate.ofInstant(q.to(), MachiClock.ZONE).minusDays(1).toString());
        }
        return b.encode().build().toUriString();
    }

    @GetMapping("/reports/{id}")
    String show(@PathVariable long id, Model model, HttpSession session) {
        Report r = reader.report(id).filter(x -> x.published() || mayFetchUnpublished(x, session))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Category c = reader.category(r.categoryCode()).orElseThrow();
        model.addAttribute("report", r);
        model.addAttribute("category", c);
        model.addAttribute("answers", ReportForms.labels(c, reader.answers(id), org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        model.addAttribute("photos", reader.photos(id));
        model.addAttribute("updates", reader.updates(id, true));
        model.addAttribute("department", ward.department(r.departmentCode()).orElse(null));
        return "report/show";
    }

    @GetMapping("/reports/{id}/photos/{n}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable int n, HttpSession session) {
        return image(id, n, false, session);
    }

    @GetMapping("/reports/{id}/photos/{n}/thumb")
    ResponseEntity<byte[]> thumb(@PathVariable long id, @PathVariable int n, HttpSession session) {
        return image(id, n, true, session);
    }

    private ResponseEntity<byte[]> image(long id, int n, boolean thumb, HttpSession session) {
        Report r = reader.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean open = r.published();
        if (!open && !mayFetchUnpublished(r, session)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        byte[] bytes = reader.photoBytes(id, n, thumb).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // Published photos may be cached long (a redaction replaces them: the ETag changes); others stay private.
        CacheControl cache = open ? CacheControl.maxAge(Duration.ofDays(30)).cachePublic()
            : CacheControl.noStore();
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(cache)
            .eTag(Integer.toHexString(java.util.Arrays.hashCode(bytes)))
            .header("X-Content-Type-Options", "nosniff").body(bytes);
    }

    /** The reporter (by account or, without one, in the session they sent it from) and staff of the department. */
    boolean mayFetchUnpublished(Report r, HttpSession session) {
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me != null && me.isStaff() && scope.canSee(me.accountId(), r.departmentCode())) {
            return true;
        }
        if (me != null && r.reporterAccountId() != null && r.reporterAccountId() == me.accountId()) {
            return true;
        }
        return session != null && session.getAttribute(ReportDraft.MINE_KEY) instanceof Set<?> mine && mine.contains(r.id());
    }

    @SuppressWarnings("unchecked")
    static void remember(HttpSession session, long id) {
        Set<Long> mine = session.getAttribute(ReportDraft.MINE_KEY) instanceof Set<?> s ? (Set<Long>) s : new HashSet<>();
        mine.add(id);
        session.setAttribute(ReportDraft.MINE_KEY, new HashSet<>(mine));
    }

}
