package jp.machi.report.internal;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.holiday.WorkingDays;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.StaffScope;
import jp.machi.report.ReportStatus;
import jp.machi.report.ReportStatusChanged;
import jp.machi.report.Reports;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** The use cases of まちレポ; each public method is one transaction. */
@Service
public class ReportService implements Reports {

    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_PHOTOS = 4;
    /** The longest reporter name (family and given name together; the column holds 200). */
    public static final int MAX_NAME = 200;
    public static final double NEARBY_METRES = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReportRepository reports;
    private final CategoryRepository categories;
    private final WardProfile ward;
    private final WorkingDays workingDays;
    private final AuditLog audit;
    private final StaffScope scope;
    private final ApplicationEventPublisher events;
    private final PhotoProcessor photos;
    private final Clock clock;

    public ReportService(ReportRepository reports, CategoryRepository categories, WardProfile ward,
                         WorkingDays workingDays, AuditLog audit, StaffScope scope, ApplicationEventPublisher events,
                         PhotoProcessor photos, Clock clock) {
        this.reports = reports;
        this.categories = categories;
        this.ward = ward;
        this.workingDays = workingDays;
        this.audit = audit;
        this.scope = scope;
        this.events = events;
        this.photos = photos;
        this.clock = clock;
    }

    // ---- residents -------------------------------------------------------------------------------------------

    /** Everything wrong with a new report (empty when it can be stored). Photos are checked when processed. */
    public List<Problem> validate(NewReport r, boolean emailRequired) {
        List<Problem> problems = new ArrayList<>();
        Optional<Category> category = categories.find(r.categoryCode()).filter(Category::active);
        if (category.isEmpty()) {
            problems.add(Problem.of("categoryCode", r.categoryCode() == null || r.categoryCode().isBlank()
                ? "report.category.required" : "report.category.unknown"));
        } else {
            problems.addAll(validateAnswers(category.get(), r.answers()));
        }
        String d = r.description() == null ? "" : r.description().strip();
        if (d.isEmpty()) {
            problems.add(Problem.of("description", "report.description.required"));
        } else if (d.codePointCount(0, d.length()) > MAX_DESCRIPTION) {
            problems.add(Problem.of("description", "report.description.tooLong", MAX_DESCRIPTION));
        }
        if (r.lat() == null || r.lon() == null) {
            problems.add(Problem.of("lat", "report.place.required"));
        } else if (!Double.isFinite(r.lat()) || !Double.isFinite(r.lon()) || !ward.contains(r.lat(), r.lon())) {
            problems.add(Problem.of("lat", "report.place.outside", ward.name(java.util.Locale.JAPANESE)));
        }
        if (r.address() != null && r.address().length() > 300) {
            problems.add(Problem.of("address", "report.address.tooLong", 300));
        }
        if (r.reporterName() != null && r.reporterName().strip().length() > MAX_NAME) {
            problems.add(Problem.of("reporterName", "report.name.tooLong", MAX_NAME));
        }
        if (r.photos() != null && r.photos().size() > MAX_PHOTOS) {
            problems.add(Problem.of("photos", "report.photo.tooMany", MAX_PHOTOS));
        }
        if (r.reporterAccountId() == null) {
            if (r.email() == null || r.email().isBlank()) {
                if (emailRequired) {
                    problems.add(Problem.of("email", "report.email.required"));
                }
            } else if (!r.email().matches("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$") || r.email().length() > 320) {
                problems.add(Problem.of("email", "report.email.invalid"));
            }
        }
        return problems;
    }

    /** Checks the answers by each attribute's datatype and whether it is required. */
    public List<Problem> validateAnswers(Category c, Map<String, List<String>> answers) {
        List<Problem> problems = new ArrayList<>();
        for (String code : answers.keySet()) {
            if (c.attribute(code).isEmpty()) {
                problems.add(Problem.of("attribute[" + code + "]", "report.attribute.unknown", code));
            }
        }
        for (Category.Attribute a : c.attributes()) {
            if (!a.variable()) {
                continue;
            }
            String field = "attribute[" + a.code() + "]";
            List<String> values = answers.getOrDefault(a.code(), List.of()).stream()
                .filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
            if (values.isEmpty()) {
                if (a.required()) {
                    problems.add(Problem.of(field, "report.attribute.required", a.descriptionJa(), a.descriptionEn()));
                }
                continue;
            }
            if (!"multivaluelist".equals(a.datatype()) && values.size() > 1) {
                problems.add(Problem.of(field, "report.attribute.single", a.descriptionJa(), a.descriptionEn()));
                continue;
            }
            for (String v : values) {
                boolean ok = switch (a.datatype()) {
                    case "number" -> isNumber(v);
                    case "datetime" -> isDateTime(v);
                    case "string" -> v.length() <= 200;
                    case "text" -> v.length() <= 2000;
                    default -> a.value(v).isPresent();
                };
                if (!ok) {
                    problems.add(Problem.of(field, "report.attribute.invalid." + a.datatype(), a.descriptionJa(),
                        a.descriptionEn()));
                    break;
                }
            }
        }
        return problems;
    }

    private static boolean isNumber(String v) {
        try {
            new BigDecimal(v);
            return v.length() <= 30;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDateTime(String v) {
        try {
            OffsetDateTime.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            try {
                java.time.LocalDateTime.parse(v);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    /** Stores a report with its answers and photos in one transaction, or nothing. Returns the new id. */
    @Transactional
    public long submit(NewReport r, boolean emailRequired) {
        List<Problem> problems = validate(r, emailRequired);
        if (!problems.isEmpty()) {
            throw new ReportRejected(problems);
        }
        Category c = categories.find(r.categoryCode()).orElseThrow();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, MachiClock.ZONE);
        String language = "en".equals(r.language()) ? "en" : "ja";
        Report report = new Report(0, newToken(), c.code(), r.description().strip(), r.lat(), r.lon(),
            r.address() == null ? "" : r.address().strip(), ReportStatus.RECEIVED, null, c.departmentCode(), null,
            r.reporterAccountId(), r.reporterAccountId() == null && r.email() != null && !r.email().isBlank()
                ? r.email().strip() : null,
            r.reporterName(), r.showName() && r.reporterName() != null, language, r.enteredByStaffId(),
            !c.publishRequiresApproval(), false, now, now, workingDays.add(today, c.targetWorkingDays()), null);
        long id = reports.insert(report);
        for (Map.Entry<String, List<String>> e : r.answers().entrySet()) {
            int i = 0;
            for (String v : e.getValue()) {
                if (v != null && !v.isBlank()) {
                    reports.insertAnswer(id, e.getKey(), i++, v.strip());
                }
            }
        }
        if (r.photos() != null) {
            for (jp.machi.shared.image.ProcessedImage p : r.photos()) {
                reports.insertPhoto(id, "BEFORE", p, now);
            }
        }
        if (r.enteredByStaffId() != null) {
            audit.record(AuditEvent.byCurrentActor("report.create.proxy", r.reporterAccountId(), "report:" + id,
                AuditDetail.of("report.audit.create.proxy", AuditDetail.named(c.nameJa(), c.nameEn()))));
        } else {
            audit.record(AuditEvent.byCurrentActor("report.create", r.reporterAccountId(), "report:" + id,
                AuditDetail.of("report.audit.create", AuditDetail.named(c.nameJa(), c.nameEn()))));
        }
        return id;
    }

    /** Adds a person to an existing open report instead of a duplicate; false when they already follow it. */
    @Transactional
    public boolean follow(long reportId, Long accountId, String email, String language) {
        Report r = reports.find(reportId).filter(x -> x.published() && x.status().isOpen())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (accountId == null && (email == null || !email.matches("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$"))) {
            throw new ReportRejected(Problem.of("email", email == null || email.isBlank()
                ? "report.email.required" : "report.email.invalid"));
        }
        boolean added = reports.addFollower(r.id(), accountId, email, "en".equals(language) ? "en" : "ja", clock.instant());
        if (added) {
            audit.record(AuditEvent.byCurrentActor("report.follow", accountId, "report:" + reportId,
                AuditDetail.of("report.audit.follow")));
        }
        return added;
    }

    /** What a resident sees of their own まちレポ business: the reports they sent and those they follow. */
    public record Mine(List<Report> sent, List<Report> following) {}

    @Transactional(readOnly = true)
    public Mine mine(long accountId) {
        return new Mine(reports.sentBy(accountId, 200), reports.followedBy(accountId, 200));
    }

    /** {sent, still open}: one cheap query for My Page's status line. */
    public long[] sentCounts(long accountId) {
        return reports.sentCounts(accountId);
    }

    public List<Report> nearby(String category, double lat, double lon) {
        return reports.nearbyOpen(category, lat, lon, NEARBY_METRES).stream().filter(Report::published).toList();
    }

    // ---- staff -----------------------------------------------------------------------------------------------

    /** The report, if the signed-in staff member's departments cover it; 404 otherwise (no hint it exists). */
    public Report forStaff(long id) {
        MachiPrincipal p = staff();
        return reports.find(id).filter(r -> scope.canSee(p.accountId(), r.departmentCode()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private MachiPrincipal staff() {
        return CurrentActor.principal().filter(MachiPrincipal::isStaff)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private Report lockForStaff(long id) {
        MachiPrincipal p = staff();
        return reports.findForUpdate(id).filter(r -> scope.canSee(p.accountId(), r.departmentCode()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Records that staff opened a report with its reporter's personal data. */
    @Transactional
    public Report readForStaff(long id) {
        Report r = forStaff(id);
        if (r.reporterAccountId() != null || r.reporterEmail() != null) {
            audit.record(AuditEvent.byCurrentActor("report.reporter.read", r.reporterAccountId(), "report:" + id,
                AuditDetail.of("report.audit.reporter.read")));
        }
        return r;
    }

    @Transactional
    public void changeStatus(long id, ReportStatus to, String reason, String publicText) {
        Report r = lockForStaff(id);
        String why = reason == null ? null : reason.strip();
        if (to.requiresReason() && (why == null || why.isEmpty())) {
            throw new ReportRejected(Problem.of("reason", "report.staff.reason.required"));
        }
        if (why != null && why.length() > 2000) {
            throw new ReportRejected(Problem.of("reason", "report.staff.text.tooLong", 2000));
        }
        if (to == r.status()) {
            throw new ReportRejected(Problem.of("status", "report.staff.status.same"));
        }
        Instant now = clock.instant();
        Report updated = new Report(r.id(), r.publicToken(), r.categoryCode(), r.description(), r.lat(), r.lon(),
            r.address(), to, why == null || why.isEmpty() ? null : why, r.departmentCode(), r.assigneeAccountId(),
            r.reporterAccountId(), r.reporterEmail(), r.reporterName(), r.reporterNamePublic(), r.language(),
            r.enteredByStaffId(), r.published(), r.demo(), r.requestedAt(), now, r.dueDate(),
            to.isOpen() ? null : now);
        reports.update(updated);
        String text = publicText == null || publicText.isBlank() ? (why == null ? "" : why) : publicText.strip();
        reports.insertUpdate(id, "PUBLIC", text, r.status(), to, null, null, staff().accountId(), now);
        audit.record(AuditEvent.byCurrentActor("report.status.change", null, "report:" + id,
            AuditDetail.of("report.audit.status", status(r.status()), status(to))));
        events.publishEvent(new ReportStatusChanged(id, r.status(), to, updated.statusReason(), now));
    }

    @Transactional
    public void assign(long id, Long staffAccountId) {
        Report r = lockForStaff(id);
        if (staffAccountId != null && !scope.canSee(staffAccountId, r.departmentCode())) {
            throw new ReportRejected(Problem.of("assignee", "report.staff.assignee.invalid"));
        }
        reports.update(with(r, r.status(), r.statusReason(), r.departmentCode(), staffAccountId, r.published()));
        audit.record(AuditEvent.byCurrentActor("report.assign", null, "report:" + id,
            staffAccountId == null ? AuditDetail.of("report.audit.unassigned")
                : AuditDetail.of("report.audit.assigned", staffAccountId)));
    }

    /** An internal note (never public) or a public update. */
    @Transactional
    public void addUpdate(long id, String text, boolean internal) {
        Report r = lockForStaff(id);
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new ReportRejected(Problem.of("text", "report.staff.text.required"));
        }
        if (t.length() > 4000) {
            throw new ReportRejected(Problem.of("text", "report.staff.text.tooLong", 4000));
        }
        Instant now = clock.instant();
        reports.insertUpdate(id, internal ? "INTERNAL" : "PUBLIC", t, null, null, null, null, staff().accountId(), now);
        reports.update(with(r, r.status(), r.statusReason(), r.departmentCode(), r.assigneeAccountId(), r.published()));
        audit.record(AuditEvent.byCurrentActor(internal ? "report.note" : "report.update.public", null, "report:" + id,
            AuditDetail.of(internal ? "report.audit.note" : "report.audit.update.public")));
    }

    /** Moves the report to another department: same report, same thread, the move is on the record. */
    @Transactional
    public void move(long id, String department, String note) {
        Report r = lockForStaff(id);
        if (department == null || ward.department(department).isEmpty()) {
            throw new ReportRejected(Problem.of("department", "report.staff.department.invalid"));
        }
        if (department.equals(r.departmentCode())) {
            throw new ReportRejected(Problem.of("department", "report.staff.department.same"));
        }
        Instant now = clock.instant();
        reports.update(with(r, r.status(), r.statusReason(), department, null, r.published()));
        reports.insertUpdate(id, "INTERNAL", note == null ? "" : note.strip(), null, null, r.departmentCode(), department,
            staff().accountId(), now);
        audit.record(AuditEvent.byCurrentActor("report.move", null, "report:" + id,
            AuditDetail.of("report.audit.move", AuditDetail.department(r.departmentCode()), AuditDetail.department(department))));
    }

    @Transactional
    public void setPublished(long id, boolean published) {
        Report r = lockForStaff(id);
        reports.update(with(r, r.status(), r.statusReason(), r.departmentCode(), r.assigneeAccountId(), published));
        audit.record(AuditEvent.byCurrentActor(published ? "report.publish" : "report.unpublish", null, "report:" + id,
            AuditDetail.of(published ? "report.audit.publish" : "report.audit.unpublish")));
    }

    @Transactional
    public void addAfterPhoto(long id, byte[] upload) throws PhotoProcessor.PhotoRejected {
        Report r = lockForStaff(id);
        if (reports.photos(id).size() >= 8) {
            throw new ReportRejected(Problem.of("photo", "report.photo.tooMany", 8));
        }
        jp.machi.shared.image.ProcessedImage p = photos.process(upload);
        reports.insertPhoto(id, "AFTER", p, clock.instant());
        reports.update(with(r, r.status(), r.statusReason(), r.departmentCode(), r.assigneeAccountId(), r.published()));
        audit.record(AuditEvent.byCurrentActor("report.photo.after", null, "report:" + id,
            AuditDetail.of("report.audit.photo.after")));
    }

    /** Blacks out rectangles (faces, number plates) of a stored photo; the unredacted pixels are gone. */
    @Transactional
    public void redact(long id, int ordinal, List<jp.machi.shared.image.Rect> rects) throws PhotoProcessor.PhotoRejected {
        Report r = lockForStaff(id);
        ReportPhoto photo = reports.photos(id).stream().filter(p -> p.ordinal() == ordinal).findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        for (jp.machi.shared.image.Rect rect : rects) {
            if (rect.w() <= 0 || rect.h() <= 0 || rect.x() < 0 || rect.y() < 0 || rect.x() >= photo.width()
                || rect.y() >= photo.height()) {
                throw new ReportRejected(Problem.of("x", "report.staff.redact.outside", photo.width(), photo.height()));
            }
        }
        byte[] web = reports.photoBytes(id, ordinal, false).orElseThrow();
        reports.replacePhoto(id, ordinal, photos.redact(web, rects));
        reports.update(with(r, r.status(), r.statusReason(), r.departmentCode(), r.assigneeAccountId(), r.published()));
        audit.record(AuditEvent.byCurrentActor("report.photo.redact", null, "report:" + id,
            AuditDetail.of("report.audit.photo.redact", ordinal, rects.size())));
    }

    private static AuditDetail.Word status(ReportStatus s) {
        return AuditDetail.word("report.status." + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    private Report with(Report r, ReportStatus status, String reason, String department, Long assignee, boolean published) {
        return new Report(r.id(), r.publicToken(), r.categoryCode(), r.description(), r.lat(), r.lon(), r.address(),
            status, reason, department, assignee, r.reporterAccountId(), r.reporterEmail(), r.reporterName(),
            r.reporterNamePublic(), r.language(), r.enteredByStaffId(), published, r.demo(), r.requestedAt(),
            clock.instant(), r.dueDate(), r.resolvedAt());
    }

    static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ---- Reports port ----------------------------------------------------------------------------------------

    @Override
    public Optional<ReportStatus> statusOf(long reportId) {
        return reports.find(reportId).map(Report::status);
    }

    @Override
    public long openPublishedCount() {
        return reports.openPublishedCount();
    }

    @Override
    public java.util.List<jp.machi.report.ReportWatcher> watchers(long reportId) {
        Report r = reports.find(reportId).orElse(null);
        if (r == null) {
            return java.util.List.of();
        }
        java.util.List<jp.machi.report.ReportWatcher> all = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (r.reporterAccountId() != null) {
            all.add(new jp.machi.report.ReportWatcher(r.reporterAccountId(), null, null));
            seen.add("a" + r.reporterAccountId());
        } else if (r.reporterEmail() != null && !r.reporterEmail().isBlank()) {
            all.add(new jp.machi.report.ReportWatcher(null, r.reporterEmail(), r.language()));
            seen.add("e" + r.reporterEmail().toLowerCase(java.util.Locale.ROOT));
        }
        for (ReportRepository.Follower f : reports.followers(reportId)) {
            String key = f.accountId() != null ? "a" + f.accountId() : "e" + (f.email() == null ? "" : f.email().toLowerCase(java.util.Locale.ROOT));
            if ((f.accountId() != null || f.email() != null && !f.email().isBlank()) && seen.add(key)) {
                all.add(new jp.machi.report.ReportWatcher(f.accountId(), f.accountId() != null ? null : f.email(), f.language()));
            }
        }
        return all;
    }

    @Override
    public Optional<String> categoryName(long reportId, java.util.Locale locale) {
        return reports.find(reportId).map(r -> categories.find(r.categoryCode()).map(c -> c.name(locale)).orElse(r.categoryCode()));
    }
}
