package jp.machi.inquiry.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.identity.StaffScope;
import jp.machi.inquiry.internal.Faq;
import jp.machi.inquiry.internal.FaqCategory;
import jp.machi.inquiry.internal.FaqRepository;
import jp.machi.inquiry.internal.FaqService;
import jp.machi.inquiry.web.WebProblems;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff write FAQ entries of their departments: drafts, review and publishing, review dates, archiving. */
@Controller
class StaffFaqController {

    private static final int LINK_ROWS = FaqService.MAX_LINKS;

    private final FaqRepository faqs;
    private final FaqService service;
    private final StaffScope scope;
    private final WardProfile ward;
    private final MessageSource messages;
    private final Clock clock;

    StaffFaqController(FaqRepository faqs, FaqService service, StaffScope scope, WardProfile ward, MessageSource messages,
                       Clock clock) {
        this.faqs = faqs;
        this.service = service;
        this.scope = scope;
        this.ward = ward;
        this.messages = messages;
        this.clock = clock;
    }

    private static long me() {
        return CurrentActor.principal().orElseThrow().accountId();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MachiClock.ZONE));
    }

    @GetMapping("/staff/faq")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String review,
                @RequestParam(required = false) String category, Model model, Locale locale) {
        long staffId = me();
        List<String> departments = ward.departments().stream().map(WardProfile.Department::code)
            .filter(d -> scope.canSee(staffId, d)).toList();
        Faq.Status st = switch (status == null ? "" : status) {
            case "draft" -> Faq.Status.DRAFT;
            case "published" -> Faq.Status.PUBLISHED;
            case "archived" -> Faq.Status.ARCHIVED;
            default -> null;
        };
        FaqCategory c = category == null ? null : FaqCategory.bySlug(category).orElse(null);
        boolean due = "due".equals(review);
        model.addAttribute("entries", faqs.list(st, c, departments, null, due, today(), 500));
        model.addAttribute("reviewDue", faqs.list(null, null, departments, null, true, today(), 500).size());
        model.addAttribute("drafts", faqs.list(Faq.Status.DRAFT, null, departments, null, false, today(), 500).size());
        model.addAttribute("filter", Map.of("status", status == null ? "" : status, "review", due ? "due" : "",
            "category", c == null ? "" : c.slug()));
        model.addAttribute("categories", List.of(FaqCategory.values()));
        model.addAttribute("today", today());
        model.addAttribute("labels", jp.machi.inquiry.web.WebProblems.departmentLabels(ward, locale));
        return "inquiry/staff/faq-list";
    }

    @GetMapping("/staff/faq/new")
    String create(Model model, Locale locale) {
        long staffId = me();
        String dept = ward.departments().stream().map(WardProfile.Department::code).filter(d -> scope.canSee(staffId, d))
            .findFirst().orElse("");
        FaqService.Form empty = new FaqService.Form("", "", "", "", "", dept, "public",
            today().plusMonths(FaqService.DEFAULT_REVIEW_MONTHS).toString(), List.of(), List.of(), List.of());
        prepare(model, null, empty, Map.of(), locale);
        return "inquiry/staff/faq-edit";
    }

    @PostMapping("/staff/faq/new")
    String createSave(FormParams p, Model model, Locale locale, HttpServletResponse response,
                      RedirectAttributes redirect) {
        FaqRepository.Content content = checked(null, p.form(), model, locale, response);
        if (content == null) {
            return "inquiry/staff/faq-edit";
        }
        long id = service.create(content, me());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/faq/" + id;
    }

    @GetMapping("/staff/faq/{id}")
    String edit(@PathVariable long id, Model model, Locale locale) {
        Faq f = faqs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        mayEdit(f);
        prepare(model, f, FaqService.Form.of(f), Map.of(), locale);
        return "inquiry/staff/faq-edit";
    }

    @PostMapping("/staff/faq/{id}")
    String save(@PathVariable long id, FormParams p, Model model, Locale locale, HttpServletResponse response,
                RedirectAttributes redirect) {
        Faq f = faqs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        mayEdit(f);
        FaqRepository.Content content = checked(f, p.form(), model, locale, response);
        if (content == null) {
            return "inquiry/staff/faq-edit";
        }
        service.update(id, content, me());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/faq/" + id;
    }

    /**
     * The form's content when it is valid and of a department the signed-in staff may edit; otherwise null, with
     * the edit page prepared again ({@code before} the FAQ being edited, null on create) and a 400.
     */
    private FaqRepository.Content checked(Faq before, FaqService.Form form, Model model, Locale locale,
                                          HttpServletResponse response) {
        FaqService.Checked checked = service.check(form);
        if (checked.content() != null && !service.mayEdit(me(), checked.content().departmentCode())) {
            checked = new FaqService.Checked(null, List.of(jp.machi.inquiry.internal.Problem.of("department",
                "inquiry.faq.error.notYours")));
        }
        if (checked.content() == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            prepare(model, before, form, WebProblems.messages(checked.problems(), messages, locale), locale);
        }
        return checked.content();
    }

    /** Publishing is the review: the reviewer confirms that no one's personal data is left in the text. */
    @PostMapping("/staff/faq/{id}/publish")
    String publish(@PathVariable long id, @RequestParam(required = false) String confirmed, Model model, Locale locale,
                   HttpServletResponse response, RedirectAttributes redirect) {
        Faq f = faqs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        mayEdit(f);
        if (!"yes".equals(confirmed)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            prepare(model, f, FaqService.Form.of(f), Map.of("confirmed",
                messages.getMessage("inquiry.faq.error.confirm", null, locale)), locale);
            return "inquiry/staff/faq-edit";
        }
        service.publish(id, me());
        redirect.addFlashAttribute("published", true);
        return "redirect:/staff/faq/" + id;
    }

    @PostMapping("/staff/faq/{id}/archive")
    String archive(@PathVariable long id, RedirectAttributes redirect) {
        Faq f = faqs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        mayEdit(f);
        service.archive(id, me());
        redirect.addFlashAttribute("archived", true);
        return "redirect:/staff/faq/" + id;
    }

    private void mayEdit(Faq f) {
        if (!service.mayEdit(me(), f.departmentCode())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private void prepare(Model model, Faq faq, FaqService.Form form, Map<String, String> errors, Locale locale) {
        model.addAttribute("faq", faq);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("categories", List.of(FaqCategory.values()));
        model.addAttribute("departments", ward.departments().stream().map(d -> new Option(d.code(), d.label(locale))).toList());
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < LINK_ROWS; i++) {
            rows.add(i);
        }
        model.addAttribute("linkRows", rows);
        model.addAttribute("today", today());
    }

    /** The form's fields as posted (links as indexed rows). */
    record FormParams(String questionJa, String questionEn, String answerJa, String answerEn, String category,
                      String department, String visibility, String reviewOn, List<String> linkPath,
                      List<String> linkLabelJa, List<String> linkLabelEn) {
        /** The form as typed; a form sent without any link field (not our page's) has empty link lists. */
        FaqService.Form form() {
            return new FaqService.Form(questionJa, questionEn, answerJa, answerEn, category, department, visibility,
                reviewOn, orEmpty(linkPath), orEmpty(linkLabelJa), orEmpty(linkLabelEn));
        }

        private static List<String> orEmpty(List<String> values) {
            return values == null ? List.of() : values;
        }
    }
}
