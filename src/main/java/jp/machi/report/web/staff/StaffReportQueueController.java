package jp.machi.report.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.StaffScope;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportQuery;
import jp.machi.report.internal.ReportReader;
import jp.machi.shared.csv.CsvWriter;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;

/**
 * Staff: the department's queue of reports, as a page and as CSV for a spreadsheet — the same departments, filters and
 * limit, so the file holds exactly what the page lists. The CSV is written by {@link CsvWriter} (UTF-8 with BOM, CRLF,
 * the formula-injection rule: descriptions and addresses are typed by the public). Every export is audited: it
 * carries personal places.
 */
@Controller
class StaffReportQueueController {

    static final List<String> HEADER = List.of("number", "received", "category", "status", "department", "due date",
        "overdue", "address", "lat", "lon", "published", "description");

    /** The queue's filters as the page's form sends them. */
    record QueueFilter(String status, String category, String overdue) {
        Map<String, String> asMap() {
            return Map.of("status", status == null ? "" : status, "category", category == null ? "" : category,
                "overdue", overdue == null ? "" : overdue);
        }
    }

    private final ReportReader reader;
    private final StaffScope scope;
    private final WardProfile ward;
    private final AuditLog audit;
    private final MessageSource messages;

    StaffReportQueueController(ReportReader reader, StaffScope scope, WardProfile ward, AuditLog audit,
                               MessageSource messages) {
        this.reader = reader;
        this.scope = scope;
        this.ward = ward;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/staff/reports")
    String queue(@ModelAttribute QueueFilter filter, Model model) {
        List<String> departments = departments();
        model.addAttribute("reports", reader.search(query(filter, departments)));
        model.addAttribute("today", LocalDate.now(MachiClock.ZONE));
        model.addAttribute("categories", reader.categories(false));
        model.addAttribute("categoryNames", reader.categoryNames());
        model.addAttribute("statuses", ReportStatus.values());
        model.addAttribute("filter", filter.asMap());
        model.addAttribute("departments", departments.stream().map(d -> ward.department(d).orElseThrow()).toList());
        return "report/staff/queue";
    }

    @GetMapping("/staff/reports/export.csv")
    void export(@ModelAttribute QueueFilter filter, Locale locale, HttpServletResponse response) throws IOException {
        List<String> departments = departments();
        ReportQuery q = query(filter, departments);
        List<Report> found = reader.search(q);
        LocalDate today = LocalDate.now(MachiClock.ZONE);
        Map<String, Category> names = reader.categoryNames();
        DateTimeFormatter received = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(MachiClock.ZONE);
        audit.record(AuditEvent.byCurrentActor("report.export", null, "reports",
            AuditDetail.of("report.audit.export", found.size(),
                q.status() == null ? AuditDetail.word("audit.detail.any")
                    : AuditDetail.word("report.status." + q.status().name().toLowerCase(Locale.ROOT).replace('_', '-')),
                q.categoryCode() == null ? AuditDetail.word("audit.detail.any")
                    : names.containsKey(q.categoryCode()) ? AuditDetail.named(names.get(q.categoryCode()).nameJa(), names.get(q.categoryCode()).nameEn())
                    : q.categoryCode(),
                AuditDetail.word(q.overdueOnly() ? "report.audit.overdue.only" : "report.audit.overdue.any"),
                AuditDetail.departments(departments))));
        response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("reports-" + today + ".csv").build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try (CsvWriter csv = CsvWriter.to(response.getOutputStream())) {
            csv.row(HEADER);
            for (Report r : found) {
                Category c = names.get(r.categoryCode());
                csv.row(r.id(), received.format(r.requestedAt()), c != null ? c.name(locale) : r.categoryCode(),
                    messages.getMessage("report.status." + r.status().slug(), null, r.status().name(), locale),
                    ward.department(r.departmentCode()).map(d -> d.label(locale)).orElse(r.departmentCode()),
                    r.dueDate().toString(), r.overdue(today) ? "yes" : "no", r.address(), r.lat(), r.lon(),
                    r.published() ? "yes" : "no", r.description());
            }
        }
    }

    /** The departments the signed-in staff member may see: all the ward's departments filtered by the scope. */
    private List<String> departments() {
        MachiPrincipal me = CurrentActor.principal().filter(MachiPrincipal::isStaff)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        return ward.departments().stream().map(WardProfile.Department::code)
            .filter(d -> scope.canSee(me.accountId(), d)).toList();
    }

    private static ReportQuery query(QueueFilter filter, List<String> departments) {
        ReportStatus st = null;
        if (filter.status() != null && !filter.status().isBlank() && !"all".equals(filter.status())) {
            try {
                st = ReportStatus.valueOf(filter.status());
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            }
        }
        String category = filter.category() == null || filter.category().isBlank() ? null : filter.category();
        return new ReportQuery(category, st, null, null, null, "yes".equals(filter.overdue()), departments, false, null, 500, 0);
    }
}
