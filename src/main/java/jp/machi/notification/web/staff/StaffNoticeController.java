package jp.machi.notification.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.MessageFactory;
import jp.machi.notification.internal.Notice;
import jp.machi.notification.internal.NoticeDraft;
import jp.machi.notification.internal.NoticeRepository;
import jp.machi.notification.internal.NoticeService;
import jp.machi.notification.internal.NotificationList;
import jp.machi.notification.internal.NotificationLists;
import jp.machi.notification.internal.Priority;
import jp.machi.notification.internal.Problem;
import jp.machi.notification.internal.Senders;
import jp.machi.notification.internal.SmtpConnector;
import jp.machi.notification.internal.Topics;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.Forms;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff write notices, preview them in each language, send, schedule, approve or cancel them. */
@Controller
class StaffNoticeController {

    private final NoticeService notices;
    private final NoticeRepository repository;
    private final Topics topics;
    private final Areas areas;
    private final NotificationLists lists;
    private final Senders senders;
    private final MessageFactory messages;
    private final SmtpConnector smtp;
    private final MessageSource texts;

    StaffNoticeController(NoticeService notices, NoticeRepository repository, Topics topics, Areas areas,
                          NotificationLists lists, Senders senders, MessageFactory messages, SmtpConnector smtp,
                          MessageSource texts) {
        this.notices = notices;
        this.repository = repository;
        this.topics = topics;
        this.areas = areas;
        this.lists = lists;
        this.senders = senders;
        this.messages = messages;
        this.smtp = smtp;
        this.texts = texts;
    }

    static MachiPrincipal me() {
        return CurrentActor.principal().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }

    static boolean admin() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_DEPT_ADMIN")
            || a.getAuthority().equals("ROLE_SYSTEM_ADMIN"));
    }

    @GetMapping("/staff/notifications")
    String index(Model model, Locale locale) {
        MachiPrincipal me = me();
        boolean maySend = senders.maySend(me.accountId());
        List<NotificationList> mine = lists.ofStaff(me.accountId());
        List<Notice> recent = repository.recent(mine.stream().map(NotificationList::id).toList(), true, 50);
        model.addAttribute("maySend", maySend);
        model.addAttribute("onDuty", senders.onDuty(me.accountId()));
        model.addAttribute("admin", admin());
        model.addAttribute("myLists", mine);
        model.addAttribute("awaiting", recent.stream().filter(n -> Notice.AWAITING_APPROVAL.equals(n.status())).toList());
        model.addAttribute("notices", recent);
        model.addAttribute("names", names(locale));
        model.addAttribute("smtp", smtp.configured());
        return "notification/staff/index";
    }

    Map<String, String> names(Locale locale) {
        Map<String, String> m = new LinkedHashMap<>();
        topics.all().forEach(t -> m.put("t:" + t.code(), t.name(locale)));
        lists.all().forEach(l -> m.put("l:" + l.id(), l.name(locale)));
        return m;
    }

    private void choices(Model model, Long listId) {
        model.addAttribute("topics", topics.active());
        model.addAttribute("districts", areas.districts());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("list", listId == null ? null : lists.find(listId).orElse(null));
    }

    private Long listParam(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        if (!list.matches("[0-9]{1,18}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Long.parseLong(list);
    }

    @GetMapping("/staff/notifications/new")
    String newForm(@RequestParam(required = false) String list, Model model) {
        Long listId = listParam(list);
        if (!notices.mayWrite(me().accountId(), listId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("form", NoticeForm.empty(listId));
        choices(model, listId);
        model.addAttribute("editing", null);
        return "notification/staff/form";
    }

    @PostMapping("/staff/notifications/new")
    String create(@ModelAttribute("form") NoticeForm form, BindingResult errors, Model model, Locale locale,
                  HttpServletResponse response) {
        Forms.requireReadable(errors);
        List<Problem> problems = new ArrayList<>();
        NoticeDraft draft = form.draft(problems);
        try {
            if (!problems.isEmpty()) {
                throw new Problem.Rejected(withChecks(problems, draft));
            }
            long id = notices.draft(draft, me().accountId());
            return "redirect:/staff/notifications/" + id;
        } catch (Problem.Rejected e) {
            reject(errors, e.problems(), locale);
        } catch (Problem.Forbidden e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        choices(model, draft.listId());
        model.addAttribute("editing", null);
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return "notification/staff/form";
    }

    /** The form's unreadable fields and every other problem of the draft, one per field. */
    private List<Problem> withChecks(List<Problem> unreadable, NoticeDraft draft) {
        List<Problem> all = new ArrayList<>(unreadable);
        for (Problem p : notices.check(draft)) {
            if (all.stream().noneMatch(x -> x.field().equals(p.field()))) {
                all.add(p);
            }
        }
        return all;
    }

    private void reject(BindingResult errors, List<Problem> problems, Locale locale) {
        for (Problem p : problems) {
            String message = texts.getMessage(p.key(), p.args().toArray(), p.key(), locale);
            if (List.of("topic", "listId", "areas", "priority", "titleJa", "bodyJa", "titleEn", "bodyEn", "expiresAt", "scheduledAt")
                .contains(p.field())) {
                errors.rejectValue(p.field(), p.key(), message);
            } else {
                errors.reject(p.key(), message);
            }
        }
    }

    private Notice visible(String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Notice n = notices.find(Long.parseLong(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (n.isList() && !notices.mayWrite(me().accountId(), n.listId()) && !admin()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return n;
    }

    @GetMapping("/staff/notifications/{id}")
    String show(@PathVariable String id, Model model, Locale locale) {
        Notice n = visible(id);
        MachiPrincipal me = me();
        model.addAttribute("notice", n);
        model.addAttribute("names", names(locale));
        model.addAttribute("previews", List.of(messages.preview(n, "ja"), messages.preview(n, "en")));
        model.addAttribute("audience", n.released() ? n.recipients() : repository.audience(n));
        model.addAttribute("counts", repository.deliveryCounts(n.id()));
        boolean mayWrite = notices.mayWrite(me.accountId(), n.listId());
        model.addAttribute("mayWrite", mayWrite);
        model.addAttribute("mayApprove", Notice.AWAITING_APPROVAL.equals(n.status()) && senders.maySend(me.accountId())
            && n.createdBy() != me.accountId());
        model.addAttribute("needsDuty", n.priority() == Priority.EMERGENCY && !n.isList() && !senders.onDuty(me.accountId()));
        model.addAttribute("needsApproval", !n.isList() && n.priority() != Priority.EMERGENCY && n.wardWide());
        model.addAttribute("ownApproval", Notice.AWAITING_APPROVAL.equals(n.status()) && n.createdBy() == me.accountId());
        model.addAttribute("smtp", smtp.configured());
        return "notification/staff/show";
    }

    @GetMapping("/staff/notifications/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        Notice n = visible(id);
        if (!Notice.DRAFT.equals(n.status()) || !notices.mayWrite(me().accountId(), n.listId())) {
            return "redirect:/staff/notifications/" + n.id();
        }
        model.addAttribute("form", NoticeForm.of(n));
        model.addAttribute("editing", n.id());
        choices(model, n.listId());
        return "notification/staff/form";
    }

    @PostMapping("/staff/notifications/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute("form") NoticeForm form, BindingResult errors, Model model,
                  Locale locale, HttpServletResponse response) {
        Forms.requireReadable(errors);
        Notice n = visible(id);
        List<Problem> problems = new ArrayList<>();
        NoticeDraft draft = form.draft(problems);
        try {
            if (!problems.isEmpty()) {
                throw new Problem.Rejected(withChecks(problems, draft));
            }
            notices.update(n.id(), new NoticeDraft(draft.topic(), n.listId(), draft.areas(), draft.priority(), draft.titleJa(),
                draft.bodyJa(), draft.titleEn(), draft.bodyEn(), draft.expiresAt(), draft.scheduledAt()), me().accountId());
            return "redirect:/staff/notifications/" + n.id();
        } catch (Problem.Rejected e) {
            reject(errors, e.problems(), locale);
        } catch (Problem.Forbidden e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("editing", n.id());
        choices(model, n.listId());
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return "notification/staff/form";
    }

    @PostMapping("/staff/notifications/{id}/{action:send|approve|cancel}")
    String act(@PathVariable String id, @PathVariable String action, Locale locale, RedirectAttributes redirect) {
        Notice n = visible(id);
        long me = me().accountId();
        try {
            switch (action) {
                case "send" -> redirect.addFlashAttribute("done", "notification.staff.done." + notices.send(n.id(), me).apiStatus());
                case "approve" -> redirect.addFlashAttribute("done", "notification.staff.done." + notices.approve(n.id(), me).apiStatus());
                default -> {
                    notices.cancel(n.id(), me);
                    redirect.addFlashAttribute("done", "notification.staff.done.cancelled");
                }
            }
        } catch (Problem.Rejected e) {
            Problem p = e.problems().getFirst();
            redirect.addFlashAttribute("refused", texts.getMessage(p.key(), p.args().toArray(), p.key(), locale));
        } catch (Problem.Forbidden e) {
            redirect.addFlashAttribute("refused", texts.getMessage(e.key(), null, e.key(), locale));
        }
        return "redirect:/staff/notifications/" + n.id();
    }
}
