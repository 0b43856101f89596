package jp.machi.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import jp.machi.audit.AuditLog;
import jp.machi.audit.internal.AuditActor;
import jp.machi.audit.internal.AuditChainCheck;
import jp.machi.audit.internal.AuditChainVerifier;
import jp.machi.audit.internal.AuditSearch;
import jp.machi.shared.time.MachiClock;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The auditors' pages: search, CSV export and the chain check. Looking at entries is itself an access to
 * personal data, so every search and export is recorded before anything is shown.
 */
@Controller
@RequestMapping("/audit")
@PreAuthorize("hasRole('AUDITOR')")
class AuditController {

    private final AuditSearch search;
    private final AuditChainVerifier verifier;
    private final AuditLog auditLog;
    private final AuditWords words;

    AuditController(AuditSearch search, AuditChainVerifier verifier, AuditLog auditLog, AuditWords words) {
        this.search = search;
        this.verifier = verifier;
        this.auditLog = auditLog;
        this.words = words;
    }

    @GetMapping
    ModelAndView search(@ModelAttribute("form") AuditSearchForm form) {
        AuditSearchForm f = form == null ? AuditSearchForm.EMPTY : form;
        AuditFilters.Parsed parsed = AuditFilters.parse(f);
        ModelAndView mav = new ModelAndView("audit/search");
        mav.addObject("form", f);
        mav.addObject("errors", parsed.errors());
        mav.addObject("fieldErrors", parsed.errorsByField());
        if (!parsed.valid()) {
            mav.setStatus(HttpStatus.BAD_REQUEST);
            return mav;
        }
        AuditSearch.Page page = search.search(parsed.query(), parsed.page());
        auditLog.record(AuditActor.event("audit.search", "audit:log", AuditFilters.describe("audit.audit.search", f,
            words::named, page.page(), page.total())));
        mav.addObject("rows", page.entries().stream().map(AuditRow::of).toList());
        mav.addObject("page", page);
        mav.addObject("pageCount", Math.max(1, (page.total() + AuditSearch.PAGE_SIZE - 1) / AuditSearch.PAGE_SIZE));
        mav.addObject("previousHref", page.hasPrevious() ? AuditFilters.link("/audit", f, page.page() - 1) : null);
        mav.addObject("nextHref", page.hasNext() ? AuditFilters.link("/audit", f, page.page() + 1) : null);
        mav.addObject("exportHref", AuditFilters.link("/audit/export.csv", f, null));
        return mav;
    }

    @GetMapping("/export.csv")
    void export(@ModelAttribute("form") AuditSearchForm form, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        AuditSearchForm f = form == null ? AuditSearchForm.EMPTY : form;
        AuditFilters.Parsed parsed = AuditFilters.parse(f);
        if (!parsed.valid()) {
            // the search page explains what is wrong, with status 400
            response.sendRedirect(request.getContextPath() + AuditFilters.link("/audit", f, null));
            return;
        }
        // recorded (and committed) before streaming: an export that breaks off half way is still on the record
        auditLog.record(AuditActor.event("audit.export", "audit:log", AuditFilters.describe("audit.audit.export", f, words::named)));
        String filename = "audit-log-" + LocalDate.now(MachiClock.ZONE).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        search.exportCsv(parsed.query(), response.getOutputStream());
    }

    @GetMapping("/verify")
    String verifyPage(Model model) {
        // after POST-redirect-GET the result arrives as a flash attribute
        if (model.getAttribute("verification") instanceof AuditChainCheck check) {
            model.addAttribute("checkedAt", AuditRow.TOKYO.format(check.checkedAt()));
        }
        return "audit/verify";
    }

    /**
     * Runs the check. {@code anchorNumber} and {@code anchorHash} (both optional, together) are a checkpoint the
     * auditor keeps outside the database, e.g. from the anchor mail: the log must still have that hash at that number.
     */
    @PostMapping("/verify")
    ModelAndView verify(@RequestParam(name = "anchorNumber", required = false) String anchorNumber,
                        @RequestParam(name = "anchorHash", required = false) String anchorHash,
                        RedirectAttributes redirect) {
        String number = anchorNumber == null ? "" : anchorNumber.strip();
        String hash = anchorHash == null ? "" : anchorHash.strip().toLowerCase(java.util.Locale.ROOT);
        AuditChainVerifier.GivenAnchor given = null;
        if (!number.isEmpty() || !hash.isEmpty()) {
            Long n = number.matches("[0-9]{1,18}") ? Long.valueOf(number) : null;
            String error = n == null || n < 1 ? "audit.verify.anchor.number.invalid"
                : !hash.matches("[0-9a-f]{64}") ? "audit.verify.anchor.hash.invalid" : null;
            if (error != null) {
                ModelAndView mav = new ModelAndView("audit/verify");
                mav.setStatus(HttpStatus.BAD_REQUEST);
                mav.addObject("anchorError", error);
                mav.addObject("anchorErrorField", error.contains(".number.") ? "anchorNumber" : "anchorHash");
                mav.addObject("anchorNumber", number.length() > 30 ? number.substring(0, 30) : number);
                mav.addObject("anchorHash", hash.length() > 80 ? hash.substring(0, 80) : hash);
                return mav;
            }
            given = new AuditChainVerifier.GivenAnchor(n, hash);
        }
        redirect.addFlashAttribute("verification", verifier.verify(given, false));
        return new ModelAndView("redirect:/audit/verify");
    }
}
