package jp.machi.report.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.identity.Accounts;
import jp.machi.identity.StaffScope;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.Report;
import jp.machi.report.internal.ReportRejected;
import jp.machi.report.internal.ReportReader;
import jp.machi.report.internal.ReportService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff: the handling of one report (status, assignee, notes, department, publication, photos). Every action is audited by the service. */
@Controller
public class StaffReportController {

    private final ReportService service;
    private final ReportReader reader;
    private final StaffScope scope;
    private final WardProfile ward;
    private final Accounts accounts;
    private final MessageSource messages;
    private final String tileUrl;

    StaffReportController(ReportService service, ReportReader reader, StaffScope scope, WardProfile ward,
                          Accounts accounts, MessageSource messages,
                          @Value("${machi.facility.tile-url:https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png}") String tileUrl) {
        this.tileUrl = tileUrl;
        this.service = service;
        this.reader = reader;
        this.scope = scope;
        this.ward = ward;
        this.accounts = accounts;
        this.messages = messages;
    }

    private static MachiPrincipal me() {
        return CurrentActor.principal().filter(MachiPrincipal::isStaff)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    @GetMapping("/staff/reports/{id}")
    String show(@PathVariable long id, Model model, Locale locale) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        Report r = service.readForStaff(id);
        Category c = reader.category(r.categoryCode()).orElseThrow();
        model.addAttribute("report", r);
        model.addAttribute("category", c);
        model.addAttribute("answers", jp.machi.report.web.ReportForms.labels(c, reader.answers(id), locale));
        model.addAttribute("photos", reader.photos(id));
        model.addAttribute("updates", reader.updates(id, false));
        model.addAttribute("templates", reader.templates(r.departmentCode()));
        model.addAttribute("followers", reader.followerCount(id));
        model.addAttribute("reporter", r.reporterAccountId() == null ? null : accounts.find(r.reporterAccountId()).orElse(null));
        model.addAttribute("assignee", r.assigneeAccountId() == null ? null : accounts.find(r.assigneeAccountId()).orElse(null));
        model.addAttribute("colleagues", accounts.staffOf(r.departmentCode()));
        model.addAttribute("tileUrl", tileUrl);
        model.addAttribute("department", ward.department(r.departmentCode()).orElse(null));
        model.addAttribute("departments", ward.departments());
        model.addAttribute("statuses", ReportStatus.values());
        model.addAttribute("today", LocalDate.now(MachiClock.ZONE));
        model.addAttribute("me", me().accountId());
        Map<Long, String> authors = new LinkedHashMap<>();
        reader.updates(id, false).stream().map(u -> u.authorStaffId()).filter(java.util.Objects::nonNull).distinct()
            .forEach(a -> authors.put(a, accounts.find(a).map(x -> x.displayName()).orElse("#" + a)));
        model.addAttribute("authors", authors);
        return "report/staff/show";
    }

    @PostMapping("/staff/reports/{id}/status")
    String status(@PathVariable long id, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String text,
                  RedirectAttributes redirect, Model model, Locale locale, HttpServletResponse response) {
        try {
            ReportStatus to;
            try {
                to = ReportStatus.valueOf(status == null ? "" : status);
            } catch (IllegalArgumentException e) {
                throw new ReportRejected(jp.machi.report.internal.Problem.of("status", "report.staff.status.invalid"));
            }
            service.changeStatus(id, to, reason, text);
        } catch (ReportRejected e) {
            // the problem on the form it came from, with what was typed, not on a page of its own
            model.addAttribute("statusForm", Map.of("status", status == null ? "" : status, "reason", reason == null ? "" : reason,
                "text", text == null ? "" : text));
            return refused(id, e, model, locale, response);
        }
        return done(id, "report.staff.done.status", redirect);
    }

    /** The report's page again with the problems at the top (each linking to its field) and a 422. */
    private String refused(long id, ReportRejected e, Model model, Locale locale, HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("errors", jp.machi.report.web.ReportForms.messages(e.problems(), messages, locale));
        return show(id, model, locale);
    }

    @PostMapping("/staff/reports/{id}/assign")
    String assign(@PathVariable long id, @RequestParam(required = false) String assignee, RedirectAttributes redirect,
                  Model model, Locale locale, HttpServletResponse response) {
        Long staff = null;
        try {
            if ("me".equals(assignee)) {
                staff = me().accountId();
            } else if (assignee != null && !assignee.isBlank()) {
                try {
                    staff = Long.parseLong(assignee.strip());
                } catch (NumberFormatException e) {
                    throw new ReportRejected(jp.machi.report.internal.Problem.of("assignee", "report.staff.assignee.invalid"));
                }
            }
            service.assign(id, staff);
        } catch (ReportRejected e) {
            return refused(id, e, model, locale, response);
        }
        return done(id, "report.staff.done.assign", redirect);
    }

    @PostMapping("/staff/reports/{id}/updates")
    String update(@PathVariable long id, @RequestParam(required = false) String text,
                  @RequestParam(required = false) String kind, RedirectAttributes redirect) {
        boolean internal = !"PUBLIC".equals(kind);
        service.addUpdate(id, text, internal);
        return done(id, internal ? "report.staff.done.note" : "report.staff.done.update", redirect);
    }

    @PostMapping("/staff/reports/{id}/move")
    String move(@PathVariable long id, @RequestParam(required = false) String department,
                @RequestParam(required = false) String note, RedirectAttributes redirect) {
        service.move(id, department, note);
        redirect.addFlashAttribute("done", "report.staff.done.move");
        // after the move the report may be outside the staff member's departments
        return scope.canSee(me().accountId(), department) ? "redirect:/staff/reports/" + id : "redirect:/staff/reports";
    }

    @PostMapping("/staff/reports/{id}/publish")
    String publish(@PathVariable long id, @RequestParam(required = false) String published, RedirectAttributes redirect) {
        service.setPublished(id, "true".equals(published));
        return done(id, "true".equals(published) ? "report.staff.done.publish" : "report.staff.done.unpublish", redirect);
    }

    @PostMapping("/staff/reports/{id}/photos")
    String afterPhoto(@PathVariable long id, @RequestParam(name = "photo", required = false) MultipartFile photo,
                      RedirectAttributes redirect, Model model, Locale locale, HttpServletResponse response) throws IOException {
        try {
            if (photo == null || photo.isEmpty()) {
                throw new ReportRejected(jp.machi.report.internal.Problem.of("photo", "report.photo.empty"));
            }
            try {
                service.addAfterPhoto(id, photo.getBytes());
            } catch (PhotoProcessor.PhotoRejected e) {
                throw new ReportRejected(jp.machi.report.internal.Problem.of("photo", e.messageKey(), 10));
            }
        } catch (ReportRejected e) {
            return refused(id, e, model, locale, response);
        }
        return done(id, "report.staff.done.photo", redirect);
    }

    @PostMapping("/staff/reports/{id}/photos/{n}/redact")
    String redact(@PathVariable long id, @PathVariable int n, @RequestParam(required = false) List<String> x,
                  @RequestParam(required = false) List<String> y, @RequestParam(required = false) List<String> w,
                  @RequestParam(required = false) List<String> h, RedirectAttributes redirect,
                  Model model, Locale locale, HttpServletResponse response) {
        try {
            redact(id, n, x, y, w, h);
        } catch (ReportRejected e) {
            model.addAttribute("redactPhoto", n);
            return refused(id, e, model, locale, response);
        }
        return done(id, "report.staff.done.redact", redirect);
    }

    private void redact(long id, int n, List<String> x, List<String> y, List<String> w, List<String> h) {
        List<jp.machi.shared.image.Rect> rects = new ArrayList<>();
        int count = x == null ? 0 : x.size();
        if (count == 0 || y == null || w == null || h == null || y.size() != count || w.size() != count || h.size() != count) {
            throw new ReportRejected(jp.machi.report.internal.Problem.of("x", "report.staff.redact.required"));
        }
        for (int i = 0; i < count; i++) {
            if (x.get(i).isBlank() && y.get(i).isBlank() && w.get(i).isBlank() && h.get(i).isBlank()) {
                continue;
            }
            try {
                rects.add(new jp.machi.shared.image.Rect(Integer.parseInt(x.get(i).strip()), Integer.parseInt(y.get(i).strip()),
                    Integer.parseInt(w.get(i).strip()), Integer.parseInt(h.get(i).strip())));
            } catch (NumberFormatException e) {
                throw new ReportRejected(jp.machi.report.internal.Problem.of("x", "report.staff.redact.number"));
            }
        }
        if (rects.isEmpty()) {
            throw new ReportRejected(jp.machi.report.internal.Problem.of("x", "report.staff.redact.required"));
        }
        try {
            service.redact(id, n, rects);
        } catch (PhotoProcessor.PhotoRejected e) {
            throw new ReportRejected(jp.machi.report.internal.Problem.of("x", e.messageKey(), 10));
        }
    }

    private static String done(long id, String key, RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", key);
        return "redirect:/staff/reports/" + id;
    }
}
