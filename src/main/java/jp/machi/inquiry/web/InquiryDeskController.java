package jp.machi.inquiry.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.inquiry.internal.Attachments;
import jp.machi.inquiry.internal.DepartmentRouter;
import jp.machi.inquiry.internal.Faq;
import jp.machi.inquiry.internal.FaqRepository;
import jp.machi.inquiry.internal.FeedbackRepository;
import jp.machi.inquiry.internal.Inquiry;
import jp.machi.inquiry.internal.InquiryRateLimits;
import jp.machi.inquiry.internal.InquiryService;
import jp.machi.inquiry.internal.Problem;
import jp.machi.inquiry.internal.SearchVisits;
import jp.machi.inquiry.internal.Texts;
import jp.machi.search.SearchQuery;
import jp.machi.search.SearchResults;
import jp.machi.search.SiteSearch;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import jp.machi.shared.web.SubmissionLimits;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one inquiry desk: the resident writes in their own words (step 1); Machi shows the FAQ that match and proposes
 * the department from the words (step 2), where the resident can change it, add a reply address or files, and send.
 */
@Controller
class InquiryDeskController {

    private final InquiryService service;
    private final DepartmentRouter router;
    private final SiteSearch search;
    private final FaqRepository faqs;
    private final FeedbackRepository feedback;
    private final Attachments attachments;
    private final WardProfile ward;
    private final MessageSource messages;
    private final InquiryRateLimits limits;
    private final SearchVisits visits;

    InquiryDeskController(InquiryService service, DepartmentRouter router, SiteSearch search, FaqRepository faqs,
                          FeedbackRepository feedback, Attachments attachments, WardProfile ward, MessageSource messages,
                          InquiryRateLimits limits, SearchVisits visits) {
        this.limits = limits;
        this.visits = visits;
        this.service = service;
        this.router = router;
        this.search = search;
        this.faqs = faqs;
        this.feedback = feedback;
        this.attachments = attachments;
        this.ward = ward;
        this.messages = messages;
    }

    /** Who writes: a signed-in resident, staff acting for one (代理入力), or a visitor with a reply address. */
    record Writer(Long residentId, String displayName, Long staffId, boolean proxy) {
        static Writer now() {
            MachiPrincipal p = CurrentActor.principal().orElse(null);
            var proxy = CurrentActor.actingFor().orElse(null);
            if (proxy != null && p != null) {
                return new Writer(proxy.accountId(), proxy.displayName(), p.accountId(), true);
            }
            if (p != null && !p.isStaff()) {
                return new Writer(p.accountId(), p.displayName(), null, false);
            }
            return new Writer(null, null, null, false);
        }

        boolean signedIn() {
            return residentId != null;
        }
    }

    @GetMapping("/inquiries/new")
    String start(@RequestParam(required = false) String text, Model model) {
        model.addAttribute("text", text == null ? "" : Texts.clean(text));
        model.addAttribute("errors", Map.of());
        return "inquiry/desk";
    }

    @PostMapping("/inquiries/new")
    String check(@RequestParam(required = false) String text, Model model, Locale locale, HttpServletResponse response) {
        String t = Texts.clean(text);
        Map<String, String> errors = new LinkedHashMap<>();
        if (t.isEmpty()) {
            errors.put("text", messages.getMessage("inquiry.desk.error.text", null, locale));
        } else if (t.length() > InquiryService.MAX_TEXT) {
            errors.put("text", messages.getMessage("inquiry.desk.error.textLong", new Object[] {InquiryService.MAX_TEXT}, locale));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("text", t);
            model.addAttribute("errors", errors);
            return "inquiry/desk";
        }
        List<DepartmentRouter.Proposal> proposals = router.propose(t);
        String proposed = proposals.isEmpty() ? null : proposals.getFirst().department();
        prepareSend(model, t, proposed, proposed, Map.of(), Map.of(), locale);
        return "inquiry/desk-send";
    }

    /** "One of these answered my question": counted as resolved, nothing is sent. */
    @PostMapping("/inquiries/resolved")
    String resolved(@RequestParam(required = false) String faq, RedirectAttributes redirect) {
        Faq f = faq != null && faq.matches("\\d{1,18}") ? faqs.find(Long.parseLong(faq)).orElse(null) : null;
        if (f != null && f.status() == Faq.Status.PUBLISHED && !f.staffOnly()) {
            feedback.record(f.id(), f.category(), true, FeedbackRepository.Source.DESK);
            redirect.addFlashAttribute("thanks", "yes");
            return "redirect:/faq/" + f.id();
        }
        return "redirect:/inquiries/new";
    }

    @PostMapping("/inquiries")
    String send(@RequestParam Map<String, String> params,
                @RequestParam(name = "file", required = false) List<MultipartFile> files, Model model, Locale locale,
                HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        Writer w = Writer.now();
        SubmissionLimits.Decision limit = limits.newInquiry(CurrentActor.remoteAddress(),
            w.signedIn() ? null : params.get("email"), w.residentId(), w.staffId() != null);
        if (!limit.allowed()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
            prepareSend(model, Texts.clean(params.get("text")), validDepartment(params.get("proposed")),
                params.get("department"), params,
                Map.of("text", messages.getMessage(limit.messageKey("inquiry.rateLimited"), limit.messageArgs(), locale)),
                locale);
            return "inquiry/desk-send";
        }
        List<Problem> problems = new ArrayList<>();
        List<Attachments.Checked> checked = new ArrayList<>();
        List<MultipartFile> uploads = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
        if (uploads.size() > Attachments.MAX_FILES) {
            problems.add(Problem.of("file", "inquiry.attachment.tooMany", Attachments.MAX_FILES));
        } else {
            for (MultipartFile f : uploads) {
                try {
                    checked.add(attachments.check(f.getOriginalFilename(), f.getBytes()));
                } catch (Attachments.Rejected e) {
                    problems.add(Problem.of("file", e.messageKey(), attachments.maxBytes() / (1024 * 1024)));
                    break;
                }
            }
        }
        InquiryService.Draft draft = new InquiryService.Draft(w.proxy() ? Inquiry.Channel.COUNTER : Inquiry.Channel.WEB,
            params.get("text"), params.get("department"), validDepartment(params.get("proposed")), w.residentId(),
            w.signedIn() ? w.displayName() : params.get("name"), w.signedIn() ? null : params.get("email"), null,
            locale.getLanguage(), checked, w.staffId());
        problems.addAll(service.check(draft));
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            prepareSend(model, Texts.clean(params.get("text")), validDepartment(params.get("proposed")),
                params.get("department"), params, WebProblems.messages(problems, messages, locale), locale);
            return "inquiry/desk-send";
        }
        InquiryService.Opened opened = service.open(draft);
        if (w.staffId() == null) {
            // a site search in this session that led here did not resolve the question
            visits.inquirySent(request.getSession(false));
        }
        redirect.addFlashAttribute("sentId", opened.id());
        redirect.addFlashAttribute("sentToken", opened.token());
        redirect.addFlashAttribute("signedIn", w.signedIn());
        return "redirect:/inquiries/sent";
    }

    @GetMapping("/inquiries/sent")
    String sent(Model model) {
        if (!model.containsAttribute("sentId")) {
            return "redirect:/inquiries/new";
        }
        return "inquiry/desk-sent";
    }

    private String validDepartment(String code) {
        return code != null && ward.department(code).isPresent() ? code : null;
    }

    private void prepareSend(Model model, String text, String proposed, String chosen, Map<String, String> values,
                             Map<String, String> errors, Locale locale) {
        Writer w = Writer.now();
        SearchResults found = search.search(new SearchQuery(SearchQuery.normalise(text).length() > SearchQuery.MAX_LENGTH
            ? SearchQuery.normalise(text).substring(0, SearchQuery.MAX_LENGTH) : SearchQuery.normalise(text),
            "faq", locale, false, 0, 5));
        if (found.hits().isEmpty() && !SearchQuery.normalise(text).isEmpty()) {
            // long texts: search with the content words of the text instead
            String words = String.join(" ", search.terms(text, locale).stream().distinct().limit(12).toList());
            if (!words.isBlank()) {
                found = search.search(new SearchQuery(words, "faq", locale, false, 0, 5));
            }
        }
        model.addAttribute("text", text);
        model.addAttribute("matches", found.hits());
        model.addAttribute("proposed", proposed);
        model.addAttribute("proposedLabel", proposed == null ? null : ward.department(proposed).map(d -> d.label(locale)).orElse(null));
        model.addAttribute("chosen", chosen != null ? chosen : proposed);
        model.addAttribute("departments", ward.departments().stream().map(d -> new Option(d.code(), d.label(locale))).toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("writer", w);
        model.addAttribute("maxMb", attachments.maxBytes() / (1024 * 1024));
        model.addAttribute("maxFiles", Attachments.MAX_FILES);
        model.addAttribute("targetDays", service.targetDays());
    }
}
