package jp.machi.notification.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.notification.NotificationType;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.Eligibility;
import jp.machi.notification.internal.EligibilityService;
import jp.machi.notification.internal.MessageFactory;
import jp.machi.notification.internal.NotificationList;
import jp.machi.notification.internal.NotificationLists;
import jp.machi.notification.internal.Problem;
import jp.machi.notification.internal.Profile;
import jp.machi.notification.internal.Rule;
import jp.machi.notification.internal.Rules;
import jp.machi.notification.internal.Senders;
import jp.machi.notification.internal.SubscriptionService;
import jp.machi.notification.internal.Topic;
import jp.machi.notification.internal.Topics;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What senders keep: topics, the rules of personal notices (on/off and wording), the services residents may be
 * eligible for; and for a list's staff, the list's members and join code.
 */
@Controller
class StaffSettingsController {

    private final Topics topics;
    private final Rules rules;
    private final EligibilityService eligibility;
    private final NotificationLists lists;
    private final SubscriptionService subscriptions;
    private final Senders senders;
    private final Areas areas;
    private final AuditLog audit;
    private final MessageSource messages;
    private final MessageFactory factory;

    StaffSettingsController(Topics topics, Rules rules, EligibilityService eligibility, NotificationLists lists,
                            SubscriptionService subscriptions, Senders senders, Areas areas, AuditLog audit,
                            MessageSource messages, MessageFactory factory) {
        this.topics = topics;
        this.rules = rules;
        this.eligibility = eligibility;
        this.lists = lists;
        this.subscriptions = subscriptions;
        this.senders = senders;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.factory = factory;
    }

    private long sender() {
        long me = StaffNoticeController.me().accountId();
        if (!senders.maySend(me) && !StaffNoticeController.admin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return me;
    }

    private String msg(Problem p, Locale locale) {
        return messages.getMessage(p.key(), p.args().toArray(), p.key(), locale);
    }

    private static String text(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.replace("\r\n", "\n").strip();
        return t.isEmpty() || t.length() > max || t.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n') ? null : t;
    }

    // ---- topics ----

    @GetMapping("/staff/notifications/topics")
    String topics(Model model) {
        sender();
        model.addAttribute("topics", topics.all());
        return "notification/staff/topics";
    }

    @PostMapping("/staff/notifications/topics")
    @Transactional
    String saveTopic(@RequestParam Map<String, String> p, Locale locale, RedirectAttributes redirect) {
        sender();
        String code = p.getOrDefault("code", "").strip();
        String nameJa = text(p.get("nameJa"), 100);
        String nameEn = text(p.get("nameEn"), 100);
        String descJa = p.get("descriptionJa") == null || p.get("descriptionJa").isBlank() ? "" : text(p.get("descriptionJa"), 300);
        String descEn = p.get("descriptionEn") == null || p.get("descriptionEn").isBlank() ? "" : text(p.get("descriptionEn"), 300);
        int position;
        try {
            position = Integer.parseInt(p.getOrDefault("position", "0").strip());
        } catch (NumberFormatException e) {
            position = -1;
        }
        boolean existing = "true".equals(p.get("existing"));
        if (!code.matches("[a-z][a-z0-9-]{1,39}") || nameJa == null || nameEn == null || descJa == null || descEn == null
            || position < 0 || position > 1000) {
            redirect.addFlashAttribute("refused", messages.getMessage("notification.topics.invalid", null, locale));
            return "redirect:/staff/notifications/topics";
        }
        Topic t = new Topic(code, nameJa, nameEn, descJa, descEn, position, !existing || "true".equals(p.get("active")));
        if (existing) {
            if (topics.find(code).isEmpty()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            topics.update(t);
        } else if (!topics.add(t)) {
            redirect.addFlashAttribute("refused", messages.getMessage("notification.topics.taken", null, locale));
            return "redirect:/staff/notifications/topics";
        }
        factory.forgetNames();
        audit.record(AuditEvent.byCurrentActor("notification.topic.save", null, "topic:" + code,
            AuditDetail.of("notification.audit.topic", AuditDetail.named(nameJa, nameEn))));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/notifications/topics";
    }

    // ---- rules of personal notices ----

    @GetMapping("/staff/notifications/rules")
    String rules(Model model) {
        sender();
        model.addAttribute("rules", rules.all());
        return "notification/staff/rules";
    }

    @GetMapping("/staff/notifications/rules/{code}")
    String rule(@PathVariable String code, Model model) {
        sender();
        Rule r = rules.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("rule", r);
        model.addAttribute("values", Map.of("subjectJa", r.subjectJa(), "bodyJa", r.bodyJa(), "reasonJa", r.reasonJa(),
            "subjectEn", r.subjectEn(), "bodyEn", r.bodyEn(), "reasonEn", r.reasonEn()));
        model.addAttribute("errors", Map.of());
        return "notification/staff/rule";
    }

    @PostMapping("/staff/notifications/rules/{code}")
    String saveRule(@PathVariable String code, @RequestParam Map<String, String> p, Model model, Locale locale,
                    RedirectAttributes redirect, HttpServletResponse response) {
        long me = sender();
        Rule r = rules.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        NotificationType type = r.type();
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String f : List.of("subjectJa", "bodyJa", "reasonJa", "subjectEn", "bodyEn", "reasonEn")) {
            String raw = p.getOrDefault(f, "");
            int max = f.startsWith("body") ? 5000 : f.startsWith("subject") ? 300 : 500;
            String v = text(raw, max);
            values.put(f, raw);
            if (v == null || f.startsWith("subject") && v.contains("\n")) {
                errors.put(f, messages.getMessage("notification.rules.invalid", new Object[] {max}, locale));
                continue;
            }
            for (String used : NotificationType.placeholdersIn(v)) {
                if (!type.placeholders().contains(used)) {
                    errors.put(f, messages.getMessage("notification.rules.placeholder", new Object[] {"((" + used + "))"}, locale));
                }
            }
        }
        if (!errors.isEmpty()) {
            model.addAttribute("rule", r);
            model.addAttribute("values", values);
            model.addAttribute("errors", errors);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/staff/rule";
        }
        rules.save(code, "true".equals(p.get("enabled")), text(values.get("subjectJa"), 300), text(values.get("bodyJa"), 5000),
            text(values.get("subjectEn"), 300), text(values.get("bodyEn"), 5000), text(values.get("reasonJa"), 500),
            text(values.get("reasonEn"), 500), me);
        audit.record(AuditEvent.byCurrentActor("notification.rule.save", null, "rule:" + code,
            AuditDetail.of("true".equals(p.get("enabled")) ? "notification.audit.rule.on" : "notification.audit.rule.off")));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/notifications/rules";
    }

    // ---- services residents may be eligible for ----

    @GetMapping("/staff/notifications/eligibility")
    String eligibility(Model model) {
        sender();
        model.addAttribute("services", eligibility.all());
        return "notification/staff/eligibility";
    }

    @GetMapping("/staff/notifications/eligibility/{id}")
    String eligibilityForm(@PathVariable String id, Model model) {
        sender();
        Eligibility e = "new".equals(id) ? new Eligibility(0, "", "", null, null, null, List.of(), List.of(), null, null, true, null)
            : id.matches("[0-9]{1,18}") ? eligibility.find(Long.parseLong(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
            : null;
        if (e == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("e", e);
        model.addAttribute("errors", Map.of());
        model.addAttribute("districts", areas.districts());
        model.addAttribute("bands", Profile.AGE_BANDS);
        return "notification/staff/eligibility-form";
    }

    @PostMapping("/staff/notifications/eligibility/{id}")
    String saveEligibility(@PathVariable String id, @RequestParam Map<String, String> p,
                           @RequestParam(name = "districts", required = false) List<String> districts,
                           @RequestParam(name = "ageBands", required = false) List<String> bands,
                           Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        long me = sender();
        long eid = "new".equals(id) ? 0 : id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
        if (eid < 0 || eid > 0 && eligibility.find(eid).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        Integer min = months(p.get("childMinMonths"), "childMinMonths", errors, locale);
        Integer max = months(p.get("childMaxMonths"), "childMaxMonths", errors, locale);
        Eligibility e = new Eligibility(eid, trim(p.get("titleJa")), trim(p.get("bodyJa")), trim(p.get("titleEn")), trim(p.get("bodyEn")),
            trim(p.get("link")), districts == null ? List.of() : districts, bands == null ? List.of() : bands, min, max,
            "true".equals(p.get("active")), null);
        List<Problem> problems = new ArrayList<>(eligibility.check(e));
        for (Problem x : problems) {
            errors.putIfAbsent(x.field(), msg(x, locale));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("e", e);
            model.addAttribute("errors", errors);
            model.addAttribute("districts", areas.districts());
            model.addAttribute("bands", Profile.AGE_BANDS);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/staff/eligibility-form";
        }
        long saved = eligibility.save(e, me);
        int sent = eligibility.matchAll(saved);
        redirect.addFlashAttribute("matched", sent);
        return "redirect:/staff/notifications/eligibility";
    }

    private Integer months(String s, String field, Map<String, String> errors, Locale locale) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            errors.put(field, messages.getMessage("notification.eligibility.months.invalid", null, locale));
            return null;
        }
    }

    private static String trim(String s) {
        return s == null || s.strip().isEmpty() ? null : s.replace("\r\n", "\n").strip();
    }

    // ---- a list's staff: members and the join code ----

    @GetMapping("/staff/notifications/lists/{id}")
    String list(@PathVariable String id, Model model) {
        NotificationList l = ownList(id);
        model.addAttribute("list", l);
        model.addAttribute("members", subscriptions.members(l));
        return "notification/staff/list";
    }

    @PostMapping("/staff/notifications/lists/{id}/code")
    String newCode(@PathVariable String id, RedirectAttributes redirect) {
        NotificationList l = ownList(id);
        lists.newJoinCode(l.id());
        audit.record(AuditEvent.byCurrentActor("notification.list.code", null, "notification-list:" + l.id(),
            AuditDetail.of("notification.audit.list.code", AuditDetail.named(l.nameJa(), l.nameEn()))));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/notifications/lists/" + l.id();
    }

    private NotificationList ownList(String id) {
        long me = StaffNoticeController.me().accountId();
        NotificationList l = id.matches("[0-9]{1,18}") ? lists.find(Long.parseLong(id)).orElse(null) : null;
        if (l == null || !lists.isStaff(l.id(), me) && !StaffNoticeController.admin()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return l;
    }
}
