package jp.machi.report.web.admin;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.StaffScope;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.CategoryRepository;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportQuery;
import jp.machi.report.internal.ReportRepository;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Staff: the queue as CSV for a spreadsheet. Same departments and filters as {@code /staff/reports}; UTF-8 with a
 * BOM (so Excel in Japan reads it as UTF-8), CRLF, RFC 4180 quoting, and a guard against formula injection
 * because descriptions and addresses are typed by the public. Every export is audited: it carries personal places.
 */
@RestController
class StaffReportExportController {

    static final String HEADER = "number,received,category,status,department,due date,overdue,address,lat,lon,published,description";

    private final ReportRepository reports;
    private final CategoryRepository categories;
    private final StaffScope scope;
    private final WardProfile ward;
    private final AuditLog audit;
    private final MessageSource messages;

    StaffReportExportController(ReportRepository reports, CategoryRepository categories, StaffScope scope,
                                WardProfile ward, AuditLog audit, MessageSource messages) {
        this.reports = reports;
        this.categories = categories;
        this.scope = scope;
        this.ward = ward;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/staff/reports/export.csv")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) String category,
                                  @RequestParam(required = false) String overdue, Locale locale) {
        MachiPrincipal me = CurrentActor.principal().filter(MachiPrincipal::isStaff)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        ReportStatus st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = ReportStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            }
        }
        List<String> departments = ward.departments().stream().map(WardProfile.Department::code)
            .filter(d -> scope.canSee(me.accountId(), d)).toList();
        // the queue's query, with the queue's limit, so the file holds exactly what the page lists
        ReportQuery q = new ReportQuery(category == null || category.isBlank() ? null : category, st, null, null,
            null, "yes".equals(overdue), departments, false, null, 500, 0);
        List<Report> found = reports.search(q);
        LocalDate today = LocalDate.now(MachiClock.ZONE);
        Map<String, Category> names = categories.all(false).stream()
            .collect(Collectors.toMap(Category::code, c -> c, (a, b) -> a));
        DateTimeFormatter received = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(MachiClock.ZONE);

        StringBuilder out = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (Report r : found) {
            Category c = names.get(r.categoryCode());
            row(out, List.of(
                Long.toString(r.id()),
                received.format(r.requestedAt()),
                c != null ? c.name(locale) : r.categoryCode(),
                messages.getMessage("report.status." + r.status().slug(), null, r.status().name(), locale),
                ward.department(r.departmentCode()).map(d -> d.label(locale)).orElse(r.departmentCode()),
                r.dueDate().toString(),
                r.overdue(today) ? "yes" : "no",
                r.address() == null ? "" : r.address(),
                Double.toString(r.lat()),
                Double.toString(r.lon()),
                r.published() ? "yes" : "no",
                r.description() == null ? "" : r.description()));
        }
        audit.record(AuditEvent.byCurrentActor("report.export", null, "reports",
            "CSV export of " + found.size() + " reports (status=" + (st == null ? "any" : st.name()) + ", category="
                + (q.categoryCode() == null ? "any" : q.categoryCode()) + ", overdue=" + q.overdueOnly()
                + ", departments=" + String.join("/", departments) + ")"));
        String filename = "reports-" + today + ".csv";
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180 quoting, after neutralising a leading formula character (=, +, -, @, and tab/CR that Excel also reads). */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            // line breaks inside a quoted cell follow the file's CRLF, as Excel expects
            v = v.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
