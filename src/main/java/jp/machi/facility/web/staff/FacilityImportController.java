package jp.machi.facility.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.machi.facility.internal.FacilityService;
import jp.machi.facility.internal.opendata.Dataset;
import jp.machi.facility.internal.opendata.ImportPlan;
import jp.machi.facility.internal.opendata.OpenDataImport;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Department admins import the standard CSVs: upload → preview of what will change → confirm (one transaction) or
 * cancel. The upload waits server-side under a short-lived token bound to the staff member.
 */
@Controller
@RequestMapping("/staff/facilities/import")
@PreAuthorize("hasRole('DEPT_ADMIN')")
class FacilityImportController {

    /** A problem in the reader's language. */
    record ProblemRow(int line, String column, String message) {}

    private final OpenDataImport imports;
    private final FacilityService facilities;
    private final WardProfile ward;
    private final MessageSource messages;

    FacilityImportController(OpenDataImport imports, FacilityService facilities, WardProfile ward, MessageSource messages) {
        this.imports = imports;
        this.facilities = facilities;
        this.ward = ward;
        this.messages = messages;
    }

    private static long accountId() {
        return CurrentActor.principal().map(MachiPrincipal::accountId).orElseThrow();
    }

    @GetMapping
    String form(Model model, Locale locale) {
        return formPage(model, locale, null, null);
    }

    @PostMapping
    String upload(@RequestParam(required = false) String dataset, @RequestParam(required = false) String department,
                  @RequestParam(value = "file", required = false) MultipartFile file, Model model, Locale locale,
                  HttpServletResponse response) throws IOException {
        long account = accountId();
        List<ProblemRow> problems = new ArrayList<>();
        Optional<Dataset> d = Optional.ofNullable(dataset).flatMap(Dataset::byParameter);
        if (d.isEmpty()) {
            problems.add(new ProblemRow(0, null, messages.getMessage("facility.data.error.dataset", null, locale)));
        }
        if (department == null || !facilities.editableDepartments(account).contains(department)) {
            problems.add(new ProblemRow(0, null, messages.getMessage("facility.data.error.department", null, locale)));
        }
        if (file == null || file.isEmpty()) {
            problems.add(new ProblemRow(0, null, messages.getMessage("facility.data.error.noFile", null, locale)));
        } else if (file.getSize() > OpenDataImport.MAX_BYTES) {
            problems.add(new ProblemRow(0, null, messages.getMessage("facility.data.error.tooLarge",
                new Object[] {OpenDataImport.MAX_BYTES / 1024 / 1024}, locale)));
        }
        if (problems.isEmpty()) {
            OpenDataImport.Prepared prepared = imports.prepare(account, d.get(), department, file.getOriginalFilename(), file.getBytes());
            if (prepared.token() != null) {
                return "redirect:/staff/facilities/import/" + prepared.token();
            }
            problems.addAll(localize(prepared.plan(), locale));
            model.addAttribute("plan", prepared.plan());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("selectedDataset", dataset);
        model.addAttribute("selectedDepartment", department);
        return formPage(model, locale, problems, file == null ? null : file.getOriginalFilename());
    }

    @GetMapping("/{token}")
    String preview(@PathVariable String token, Model model) {
        long account = accountId();
        ImportPlan plan = imports.preview(account, token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return previewPage(model, token, plan, imports.fileName(account, token).orElse(null));
    }

    @PostMapping("/{token}/apply")
    String apply(@PathVariable String token, Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        long account = accountId();
        String fileName = imports.fileName(account, token).orElse(null);
        OpenDataImport.Applied applied = imports.apply(account, token)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (applied.stale()) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("stale", true);
            if (!applied.plan().ok()) {
                model.addAttribute("problems", localize(applied.plan(), locale));
            }
            return previewPage(model, token, applied.plan(), fileName);
        }
        ImportPlan p = applied.plan();
        redirect.addFlashAttribute("applied", messages.getMessage("facility.data.applied",
            new Object[] {p.count(ImportPlan.Kind.NEW), p.count(ImportPlan.Kind.CHANGED), p.count(ImportPlan.Kind.UNCHANGED)}, locale));
        return "redirect:/staff/facilities/import";
    }

    @PostMapping("/{token}/cancel")
    String cancel(@PathVariable String token, RedirectAttributes redirect) {
        imports.cancel(accountId(), token);
        redirect.addFlashAttribute("cancelled", true);
        return "redirect:/staff/facilities/import";
    }

    private List<ProblemRow> localize(ImportPlan plan, Locale locale) {
        return plan.problems().stream().map(p -> new ProblemRow(p.line(), p.column(),
            messages.getMessage(p.key(), p.args().toArray(), p.key(), locale))).toList();
    }

    private String formPage(Model model, Locale locale, List<ProblemRow> problems, String fileName) {
        long account = accountId();
        List<Option> datasets = new ArrayList<>();
        for (Dataset d : Dataset.values()) {
            datasets.add(new Option(d.parameter(), messages.getMessage("facility.data.dataset." + d.parameter(), null, locale)));
        }
        List<Option> departments = new ArrayList<>();
        for (String code : facilities.editableDepartments(account)) {
            ward.department(code).ifPresent(dep -> departments.add(new Option(code, dep.label(locale))));
        }
        model.addAttribute("datasets", datasets);
        model.addAttribute("departments", departments);
        model.addAttribute("problems", problems);
        model.addAttribute("fileName", fileName);
        model.addAttribute("maxMegabytes", OpenDataImport.MAX_BYTES / 1024 / 1024);
        model.addAttribute("wardCode", ward.code());
        return "facility/staff/data-import";
    }

    private String previewPage(Model model, String token, ImportPlan plan, String fileName) {
        model.addAttribute("token", token);
        model.addAttribute("plan", plan);
        model.addAttribute("fileName", fileName);
        model.addAttribute("newRows", plan.rows(ImportPlan.Kind.NEW));
        model.addAttribute("changedRows", plan.rows(ImportPlan.Kind.CHANGED));
        model.addAttribute("unchangedRows", plan.rows(ImportPlan.Kind.UNCHANGED));
        return "facility/staff/data-preview";
    }
}
