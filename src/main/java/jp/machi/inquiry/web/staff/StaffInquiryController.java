package jp.machi.inquiry.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.Accounts;
import jp.machi.identity.StaffScope;
import jp.machi.inquiry.internal.Attachments;
import jp.machi.inquiry.internal.DepartmentRouter;
import jp.machi.inquiry.internal.FaqCategory;
import jp.machi.inquiry.internal.FaqService;
import jp.machi.inquiry.internal.Inquiry;
import jp.machi.inquiry.internal.InquiryRepository;
import jp.machi.inquiry.internal.InquiryService;
import jp.machi.inquiry.internal.Problem;
import jp.machi.inquiry.internal.Texts;
import jp.machi.inquiry.web.WebProblems;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff side of the desk: the queue per department, one thread (audited), reply by mail with templates,
 * internal notes, assignment, transfer, close, "make this answer an FAQ", proxy entry of phone and counter
 * inquiries, reply templates.
 */
@Controller
class StaffInquiryController {

    private final InquiryRepository inquiries;
    private final InquiryService service;
    private final FaqService faqService;
    private final DepartmentRouter router;
    private final StaffScope scope;
    private final Accounts accounts;
    private final WardProfile ward;
    private final MessageSource messages;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    StaffInquiryController(InquiryRepository inquiries, InquiryService service, FaqService faqService,
                           DepartmentRouter router, StaffScope scope, Accounts accounts, WardProfile ward,
                           MessageSource messages, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.inquiries = inquiries;
        this.service = service;
        this.faqService = faqService;
        this.router = router;
        this.scope = scope;
        this.accounts = accounts;
        this.ward = ward;
        this.messages = messages;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    private static MachiPrincipal me() {
        return CurrentActor.principal().orElseThrow();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MachiClock.ZONE));
    }

    private List<String> myDepartments(long staffId) {
        return ward.departments().stream().map(WardProfile.Department::code).filter(d -> scope.canSee(staffId, d)).toList();
    }

    @GetMapping("/staff/inquiries")
    String queue(@RequestParam(required = false) String department, @RequestParam(required = false) String status,
                 @RequestParam(required = false) String mine, Model model, Locale locale) {
        long staffId = me().accountId();
        List<String> departments = myDepartments(staffId);
        List<String> shown = department != null && departments.contains(department) ? List.of(department) : departments;
        Inquiry.Status st = switch (status == null ? "" : status) {
            case "open" -> Inquiry.Status.OPEN;
            case "answered" -> Inquiry.Status.ANSWERED;
            case "closed" -> Inquiry.Status.CLOSED;
            default -> null;
        };
        var rows = inquiries.queue(shown, st, "yes".equals(mine) ? staffId : null, 300);
        tx.executeWithoutResult(s -> audit.record(AuditEvent.byCurrentActor("inquiry.queue", null,
            "departments:" + String.join(",", shown), AuditDetail.of("inquiry.audit.queue", rows.size()))));
        model.addAttribute("rows", rows);
        model.addAttribute("departments", departments.stream()
            .map(d -> new Option(d, ward.department(d).map(x -> x.label(locale)).orElse(d))).toList());
        model.addAttribute("filter", Map.of("department", department == null ? "" : department,
            "status", status == null ? "" : status, "mine", mine == null ? "" : mine));
        model.addAttribute("today", today());
        model.addAttribute("labels", WebProblems.departmentLabels(ward, locale));
        model.addAttribute("targetDays", service.targetDays());
        return "inquiry/staff/queue";
    }

    @GetMapping("/staff/inquiries/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) Long template, Model model, Locale locale) {
        Inquiry i = service.openForStaff(me().accountId(), id);
        String reply = "";
        if (template != null) {
            reply = inquiries.template(template).filter(t -> t.departmentCode() == null
                || scope.canSee(me().accountId(), t.departmentCode())).map(InquiryRepository.Template::body).orElse("");
        }
        prepare(model, i, reply, Map.of(), locale);
        return "inquiry/staff/show";
    }

    private void prepare(Model model, Inquiry i, String reply, Map<String, String> errors, Locale locale) {
        long staffId = me().accountId();
        List<Inquiry.Message> messages = inquiries.messages(i.id());
        model.addAttribute("inquiry", i);
        model.addAttribute("messages", messages);
        model.addAttribute("filesByMessage", inquiries.attachments(i.id()).stream()
            .collect(java.util.stream.Collectors.groupingBy(Inquiry.Attachment::messageId)));
        model.addAttribute("resident", i.residentAccountId() == null ? null : accounts.find(i.residentAccountId()).orElse(null));
        model.addAttribute("replyAddress", service.replyAddress(i).orElse(null));
        model.addAttribute("templates", inquiries.templates(myDepartments(staffId)));
        model.addAttribute("reply", reply);
        model.addAttribute("errors", errors);
        model.addAttribute("today", today());
        model.addAttribute("labels", WebProblems.departmentLabels(ward, locale));
        model.addAttribute("assignee", i.assigneeAccountId() == null ? null
            : accounts.find(i.assigneeAccountId()).map(a -> a.displayName()).orElse("#" + i.assigneeAccountId()));
        model.addAttribute("colleagues", service.colleagues(i.departmentCode()));
        model.addAttribute("me", staffId);
        model.addAttribute("otherDepartments", ward.departments().stream().filter(d -> !d.code().equals(i.departmentCode()))
            .map(d -> new Option(d.code(), d.label(locale))).toList());
        String first = messages.stream().filter(m -> m.kind() == Inquiry.Message.Kind.RESIDENT).map(Inquiry.Message::body)
            .findFirst().orElse("");
        var proposals = router.propose(first);
        model.addAttribute("proposal", proposals.isEmpty() ? null
            : ward.department(proposals.getFirst().department()).map(d -> d.label(locale)).orElse(null));
        // the names of the staff in the thread: its authors, and those it was given to ("assigned:<id>")
        java.util.stream.Stream<Long> named = java.util.stream.Stream.concat(
            messages.stream().map(Inquiry.Message::authorAccountId).filter(a -> a != null),
            messages.stream().filter(m -> m.kind() == Inquiry.Message.Kind.ASSIGN && m.body() != null
                && m.body().matches("assigned:\\d{1,18}")).map(m -> Long.parseLong(m.body().substring(9))));
        model.addAttribute("authors", named.distinct()
            .collect(java.util.stream.Collectors.toMap(a -> a, a -> accounts.find(a).map(x -> x.displayName()).orElse("#" + a))));
        model.addAttribute("categories", List.of(FaqCategory.values()));
    }

    @PostMapping("/staff/inquiries/{id}/reply")
    String reply(@PathVariable long id, @RequestParam(required = false) String text, Model model, Locale locale,
                 HttpServletResponse response, RedirectAttributes redirect) {
        String t = Texts.clean(text);
        if (t.isEmpty() || t.length() > 8000) {
            return refuse(id, "reply", t.isEmpty() ? "inquiry.staff.error.reply" : "inquiry.staff.error.long", t, model,
                locale, response);
        }
        service.reply(me().accountId(), id, t, locale);
        redirect.addFlashAttribute("done", "replied");
        return "redirect:/staff/inquiries/" + id;
    }

    @PostMapping("/staff/inquiries/{id}/note")
    String note(@PathVariable long id, @RequestParam(required = false) String text, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        String t = Texts.clean(text);
        if (t.isEmpty() || t.length() > 8000) {
            return refuse(id, "note", t.isEmpty() ? "inquiry.staff.error.note" : "inquiry.staff.error.long", "", model,
                locale, response);
        }
        service.note(me().accountId(), id, t);
        redirect.addFlashAttribute("done", "noted");
        return "redirect:/staff/inquiries/" + id;
    }

    @PostMapping("/staff/inquiries/{id}/transfer")
    String transfer(@PathVariable long id, @RequestParam(required = false) String department,
                    @RequestParam(required = false) String reason, Model model, Locale locale,
                    HttpServletResponse response, RedirectAttributes redirect) {
        Inquiry i = inquiries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (department == null || ward.department(department).isEmpty() || department.equals(i.departmentCode())) {
            return refuse(id, "department", "inquiry.staff.error.transfer", "", model, locale, response);
        }
        String r = Texts.clean(reason);
        if (r.length() > 2000) {
            return refuse(id, "reason", "inquiry.staff.error.long", "", model, locale, response);
        }
        service.transfer(me().accountId(), id, department, r);
        redirect.addFlashAttribute("done", "transferred");
        // the staff member may not see the other department's work: back to their queue
        return scope.canSee(me().accountId(), department) ? "redirect:/staff/inquiries/" + id : "redirect:/staff/inquiries";
    }

    /** {@code assignee}: a colleague's account id, or empty for nobody; {@code to=me|none} is the one-button form. */
    @PostMapping("/staff/inquiries/{id}/assign")
    String assign(@PathVariable long id, @RequestParam(required = false) String assignee,
                  @RequestParam(required = false) String to, Model model, Locale locale, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Long target;
        if (assignee != null) {
            if (assignee.isBlank()) {
                target = null;
            } else if (assignee.strip().matches("\\d{1,18}")) {
                target = Long.parseLong(assignee.strip());
            } else {
                return refuse(id, "assignee", "inquiry.staff.error.assignee", "", model, locale, response);
            }
        } else {
            target = "none".equals(to) ? null : me().accountId();
        }
        if (!service.assign(me().accountId(), id, target)) {
            return refuse(id, "assignee", "inquiry.staff.error.assignee", "", model, locale, response);
        }
        redirect.addFlashAttribute("done", "assigned");
        return "redirect:/staff/inquiries/" + id;
    }

    @PostMapping("/staff/inquiries/{id}/close")
    String close(@PathVariable long id, RedirectAttributes redirect) {
        service.close(me().accountId(), id);
        redirect.addFlashAttribute("done", "closed");
        return "redirect:/staff/inquiries/" + id;
    }

    /** "Make this answer an FAQ": a draft with the question and the last reply, opened for review and editing. */
    @PostMapping("/staff/inquiries/{id}/faq")
    String toFaq(@PathVariable long id, @RequestParam(required = false) String category, RedirectAttributes redirect) {
        Inquiry i = service.openForStaff(me().accountId(), id);
        List<Inquiry.Message> messages = inquiries.messages(id);
        String question = messages.stream().filter(m -> m.kind() == Inquiry.Message.Kind.RESIDENT).map(Inquiry.Message::body)
            .findFirst().orElse("");
        String answer = messages.stream().filter(m -> m.kind() == Inquiry.Message.Kind.REPLY).map(Inquiry.Message::body)
            .reduce((a, b) -> b).orElse("");
        FaqCategory c = FaqCategory.bySlug(category == null ? "" : category).orElse(FaqCategory.OTHER);
        long faq = faqService.draftFrom(id, i.departmentCode(), question, answer, c, me().accountId());
        redirect.addFlashAttribute("fromInquiry", id);
        return "redirect:/staff/faq/" + faq;
    }

    @GetMapping("/staff/inquiries/{id}/files/{file}")
    ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long file) {
        Inquiry i = service.openForStaff(me().accountId(), id);
        var meta = inquiries.attachments(i.id()).stream().filter(a -> a.id() == file).findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        byte[] content = inquiries.attachmentContent(i.id(), file)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(meta.contentType()))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(meta.filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
            .header("X-Content-Type-Options", "nosniff").cacheControl(CacheControl.noStore()).body(content);
    }

    private String refuse(long id, String field, String key, String reply, Model model, Locale locale,
                          HttpServletResponse response) {
        Inquiry i = service.openForStaff(me().accountId(), id);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        prepare(model, i, reply, Map.of(field, messages.getMessage(key, null, locale)), locale);
        return "inquiry/staff/show";
    }

    // ---- proxy entry (phone, counter) ----------------------------------------------------------------------------

    @GetMapping("/staff/inquiries/new")
    String proxyForm(Model model, Locale locale) {
        prepareProxy(model, Map.of(), Map.of(), locale);
        return "inquiry/staff/proxy";
    }

    @PostMapping("/staff/inquiries/new")
    String proxySend(@RequestParam Map<String, String> params, Model model, Locale locale, HttpServletResponse response,
                     RedirectAttributes redirect) {
        long staffId = me().accountId();
        Inquiry.Channel channel = "counter".equals(params.get("channel")) ? Inquiry.Channel.COUNTER : Inquiry.Channel.PHONE;
        String dept = params.get("department");
        InquiryService.Draft d = new InquiryService.Draft(channel, params.get("text"), dept, null, null, params.get("name"),
            params.get("email"), params.get("phone"), "en".equals(params.get("language")) ? "en" : "ja", List.of(), staffId);
        List<Problem> problems = new ArrayList<>(service.check(d));
        if (!"phone".equals(params.get("channel")) && !"counter".equals(params.get("channel"))) {
            problems.add(Problem.of("channel", "inquiry.proxy.error.channel"));
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            prepareProxy(model, params, WebProblems.messages(problems, messages, locale), locale);
            return "inquiry/staff/proxy";
        }
        var opened = service.open(d);
        redirect.addFlashAttribute("done", "entered");
        return scope.canSee(staffId, dept) ? "redirect:/staff/inquiries/" + opened.id() : "redirect:/staff/inquiries";
    }

    private void prepareProxy(Model model, Map<String, String> values, Map<String, String> errors, Locale locale) {
        long staffId = me().accountId();
        Set<String> mine = Set.copyOf(myDepartments(staffId));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("departments", ward.departments().stream().map(d -> new Option(d.code(), d.label(locale))).toList());
        model.addAttribute("defaultDepartment", values.getOrDefault("department",
            ward.departments().stream().map(WardProfile.Department::code).filter(mine::contains).findFirst().orElse("")));
    }

    // ---- reply templates -----------------------------------------------------------------------------------------

    @GetMapping("/staff/inquiries/templates")
    String templates(Model model, Locale locale) {
        prepareTemplates(model, Map.of(), Map.of(), locale);
        return "inquiry/staff/templates";
    }

    @PostMapping("/staff/inquiries/templates")
    String addTemplate(@RequestParam Map<String, String> params, Model model, Locale locale,
                       HttpServletResponse response, RedirectAttributes redirect) {
        long staffId = me().accountId();
        String dept = params.getOrDefault("department", "");
        String title = Texts.line(params.get("title"));
        String body = Texts.clean(params.get("body"));
        List<Problem> problems = new ArrayList<>();
        if (dept.isEmpty() || !myDepartments(staffId).contains(dept)) {
            problems.add(Problem.of("department", "inquiry.templates.error.department"));
        }
        if (title.isEmpty() || title.length() > 100) {
            problems.add(Problem.of("title", "inquiry.templates.error.title"));
        }
        if (body.isEmpty() || body.length() > 4000) {
            problems.add(Problem.of("body", "inquiry.templates.error.body"));
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            prepareTemplates(model, params, WebProblems.messages(problems, messages, locale), locale);
            return "inquiry/staff/templates";
        }
        tx.executeWithoutResult(s -> {
            long tid = inquiries.insertTemplate(dept, title, body);
            audit.record(AuditEvent.byCurrentActor("inquiry.template.add", null, "template:" + tid,
                AuditDetail.of("inquiry.audit.department", AuditDetail.department(dept))));
        });
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/inquiries/templates";
    }

    @PostMapping("/staff/inquiries/templates/{id}/delete")
    String deleteTemplate(@PathVariable long id, RedirectAttributes redirect) {
        var t = inquiries.template(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (t.departmentCode() == null || !scope.canSee(me().accountId(), t.departmentCode())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        tx.executeWithoutResult(s -> {
            inquiries.deleteTemplate(id);
            audit.record(AuditEvent.byCurrentActor("inquiry.template.delete", null, "template:" + id,
                AuditDetail.of("inquiry.audit.department", AuditDetail.department(t.departmentCode()))));
        });
        redirect.addFlashAttribute("deleted", true);
        return "redirect:/staff/inquiries/templates";
    }

    private void prepareTemplates(Model model, Map<String, String> values, Map<String, String> errors, Locale locale) {
        long staffId = me().accountId();
        List<String> mine = myDepartments(staffId);
        model.addAttribute("templates", inquiries.templates(mine));
        model.addAttribute("departments", mine.stream()
            .map(d -> new Option(d, ward.department(d).map(x -> x.label(locale)).orElse(d))).toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("labels", WebProblems.departmentLabels(ward, locale));
    }
}
