package jp.machi.report.web;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.ReportReader;
import jp.machi.report.internal.ReportService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * My reports (My Page): the まちレポ a resident sent, with where each stands, and the ones they follow. Staff acting
 * for a resident (代理入力) see the resident's, and that view is recorded.
 */
@Controller
class MyReportsController {

    private final ReportService service;
    private final ReportReader categories;
    private final AuditLog audit;

    MyReportsController(ReportService service, ReportReader categories, AuditLog audit) {
        this.service = service;
        this.categories = categories;
        this.audit = audit;
    }

    @GetMapping("/account/reports")
    String mine(Model model, Locale locale) {
        long id = CurrentActor.actingFor().map(CurrentActor.ProxySubject::accountId)
            .orElseGet(() -> CurrentActor.principal().map(MachiPrincipal::accountId).orElseThrow());
        if (CurrentActor.actingFor().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("report.mine.read", id, "account:" + id,
                AuditDetail.of("report.audit.mine.read")));
        }
        Map<String, String> names = categories.categories(false).stream()
            .collect(Collectors.toMap(Category::code, c -> c.name(locale)));
        model.addAttribute("mine", service.mine(id));
        model.addAttribute("categoryNames", names);
        return "report/mine";
    }
}
