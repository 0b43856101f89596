package jp.machi.notification.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.EligibilityService;
import jp.machi.notification.internal.Inbox;
import jp.machi.notification.internal.NotificationLists;
import jp.machi.notification.internal.PersonalNoticeService;
import jp.machi.notification.internal.Problem;
import jp.machi.notification.internal.Profile;
import jp.machi.notification.internal.Rules;
import jp.machi.notification.internal.Subscription;
import jp.machi.notification.internal.SubscriptionService;
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

/**
 * My Page: the inbox (personal notices and the notices delivered to the person's subscriptions), the settings (ward
 * mail topics and areas, lists, each kind of personal notice) and "about me" for services one may be eligible for.
 * Staff acting for a resident (代理入力) see and change the resident's, recorded in the audit log.
 */
@Controller
class AccountNotificationsController {

    private final Accounts accounts;
    private final SubscriptionService subscriptions;
    private final PersonalNoticeService personal;
    private final EligibilityService eligibility;
    private final Inbox inbox;
    private final Rules rules;
    private final Topics topics;
    private final Areas areas;
    private final NotificationLists lists;
    private final AuditLog audit;
    private final MessageSource messages;

    AccountNotificationsController(Accounts accounts, SubscriptionService subscriptions, PersonalNoticeService personal,
                                   EligibilityService eligibility, Inbox inbox, Rules rules, Topics topics, Areas areas,
                                   NotificationLists lists, AuditLog audit, MessageSource messages) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.personal = personal;
        this.eligibility = eligibility;
        this.inbox = inbox;
        this.rules = rules;
        this.topics = topics;
        this.areas = areas;
        this.lists = lists;
        this.audit = audit;
        this.messages = messages;
    }

    /** The resident whose page this is: the signed-in resident, or the one staff act for; 403 for staff otherwise. */
    private AccountSummary subject(String what) {
        MachiPrincipal me = CurrentActor.principal().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        long id;
        if (me.isStaff()) {
            id = CurrentActor.actingFor().map(CurrentActor.ProxySubject::accountId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
            audit.record(AuditEvent.byCurrentActor("notification.account." + what, id, "account:" + id,
                AuditDetail.of("notification.audit.account", AuditDetail.word("notification.audit.account." + what))));
        } else {
            id = me.accountId();
        }
        return accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/account/notifications")
    String inbox(Model model, Locale locale) {
        AccountSummary a = subject("inbox");
        model.addAttribute("items", inbox.of(a.id(), locale.getLanguage(), 100));
        model.addAttribute("topicNames", topicNames(locale));
        model.addAttribute("listNames", listNames(locale));
        model.addAttribute("typeNames", typeNames(locale));
        return "notification/inbox";
    }

    @GetMapping("/account/notifications/{kind}/{ref}")
    String item(@PathVariable String kind, @PathVariable String ref, Model model, Locale locale) {
        AccountSummary a = subject("inbox");
        if (!ref.matches("[0-9]{1,18}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Inbox.Item item = inbox.open(a.id(), kind, Long.parseLong(ref), locale.getLanguage())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("item", item);
        model.addAttribute("topicNames", topicNames(locale));
        model.addAttribute("listNames", listNames(locale));
        model.addAttribute("typeNames", typeNames(locale));
        return "notification/inbox-item";
    }

    private Map<String, String> topicNames(Locale locale) {
        Map<String, String> m = new LinkedHashMap<>();
        topics.all().forEach(t -> m.put(t.code(), t.name(locale)));
        return m;
    }

    private Map<Long, String> listNames(Locale locale) {
        Map<Long, String> m = new LinkedHashMap<>();
        lists.all().forEach(l -> m.put(l.id(), l.name(locale)));
        return m;
    }

    private Map<String, String> typeNames(Locale locale) {
        Map<String, String> m = new LinkedHashMap<>();
        rules.types().forEach(t -> m.put(t.code(), t.name().in(locale)));
        return m;
    }

    // ---- settings ----

    private void settings(AccountSummary a, Model model, Locale locale, SubscriptionForm form, JoinForm join) {
        List<Subscription> mine = subscriptions.ofAccount(a);
        Subscription ward = mine.stream().filter(s -> !s.isList()).findFirst().orElse(null);
        model.addAttribute("ward", ward);
        model.addAttribute("memberships", mine.stream().filter(Subscription::isList).toList());
        model.addAttribute("listNames", listNames(locale));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form != null ? form : ward != null ? SubscriptionForm.of(ward)
                : SubscriptionForm.empty(a.email(), a.preferredLanguage()));
        }
        if (!model.containsAttribute("join")) {
            model.addAttribute("join", join != null ? join : new JoinForm("", a.email(), "", a.preferredLanguage()));
        }
        model.addAttribute("topics", topics.active());
        model.addAttribute("districts", areas.districts());
        model.addAttribute("radiusSupported", areas.radiusSupported());
        model.addAttribute("hasPoint", ward != null && ward.hasPoint());
        model.addAttribute("rules", rules.all().stream().filter(r -> r.enabled()).toList());
        model.addAttribute("choices", personal.choices(a.id()));
        model.addAttribute("email", a.email());
    }

    @GetMapping("/account/notifications/settings")
    String settings(Model model, Locale locale) {
        settings(subject("settings.read"), model, locale, null, null);
        return "notification/settings";
    }

    @PostMapping("/account/notifications/settings")
    String save(@ModelAttribute("form") SubscriptionForm form, BindingResult errors, Model model, Locale locale,
                RedirectAttributes redirect, HttpServletResponse response) {
        Forms.requireReadable(errors);
        AccountSummary a = subject("settings.change");
        Subscription existing = subscriptions.ofAccount(a).stream().filter(s -> !s.isList()).findFirst().orElse(null);
        try {
            subscriptions.saveForAccount(a, form.input(areas, existing));
        } catch (Problem.Rejected e) {
            SubscriptionForm.reject(errors, e.problems(), messages, locale);
            settings(a, model, locale, form, null);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/settings";
        }
        redirect.addFlashAttribute("saved", "ward");
        return "redirect:/account/notifications/settings";
    }

    @PostMapping("/account/notifications/settings/end")
    String endWard(RedirectAttributes redirect) {
        AccountSummary a = subject("settings.change");
        subscriptions.ofAccount(a).stream().filter(s -> !s.isList()).findFirst().ifPresent(s -> subscriptions.end(s, "ACCOUNT"));
        redirect.addFlashAttribute("saved", "ended");
        return "redirect:/account/notifications/settings";
    }

    @PostMapping("/account/notifications/join")
    String join(@ModelAttribute("join") JoinForm join, BindingResult errors, Model model, Locale locale,
                RedirectAttributes redirect, HttpServletResponse response) {
        Forms.requireReadable(errors);
        AccountSummary a = subject("settings.change");
        try {
            subscriptions.joinForAccount(a, join.code(), join.label());
        } catch (Problem.Rejected e) {
            for (Problem p : e.problems()) {
                errors.rejectValue(p.field(), p.key(), messages.getMessage(p.key(), p.args().toArray(), p.key(), locale));
            }
            settings(a, model, locale, null, join);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/settings";
        }
        redirect.addFlashAttribute("saved", "joined");
        return "redirect:/account/notifications/settings";
    }

    @PostMapping("/account/notifications/lists/{id}/leave")
    String leave(@PathVariable String id, RedirectAttributes redirect) {
        AccountSummary a = subject("settings.change");
        Optional<Subscription> s = id.matches("[0-9]{1,18}") ? subscriptions.ofAccount(a).stream()
            .filter(x -> x.isList() && x.id() == Long.parseLong(id)).findFirst() : Optional.empty();
        s.ifPresent(x -> subscriptions.end(x, "ACCOUNT"));
        if (s.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("saved", "left");
        return "redirect:/account/notifications/settings";
    }

    @PostMapping("/account/notifications/types")
    String types(@RequestParam Map<String, String> params, RedirectAttributes redirect) {
        AccountSummary a = subject("settings.change");
        for (var r : rules.all()) {
            String value = params.get("type-" + r.type().code());
            if (value == null) {
                continue;
            }
            String mode = switch (value) {
                case "MAIL" -> null;
                case PersonalNoticeService.INBOX_ONLY, PersonalNoticeService.OFF -> value;
                default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            };
            personal.choose(a.id(), r.type().code(), mode);
        }
        redirect.addFlashAttribute("saved", "types");
        return "redirect:/account/notifications/settings#types";
    }

    // ---- about me (services one may be eligible for) ----

    /** The "about me" form: district, age band, children's birth months as yyyy-MM (one per line or field). */
    record ProfileForm(String district, String ageBand, List<String> children) {
        ProfileForm {
            children = children == null ? List.of() : children;
        }
    }

    @GetMapping("/account/notifications/profile")
    String profile(Model model) {
        AccountSummary a = subject("profile.read");
        Profile p = eligibility.profile(a.id());
        List<String> children = new ArrayList<>(p.children().stream().map(YearMonth::toString).toList());
        while (children.size() < 3) {
            children.add("");
        }
        model.addAttribute("form", new ProfileForm(p.district() == null ? "" : p.district(), p.ageBand() == null ? "" : p.ageBand(), children));
        model.addAttribute("districts", areas.districts());
        model.addAttribute("bands", Profile.AGE_BANDS);
        return "notification/profile";
    }

    @PostMapping("/account/notifications/profile")
    String saveProfile(@ModelAttribute("form") ProfileForm form, BindingResult errors, Model model, Locale locale,
                       RedirectAttributes redirect, HttpServletResponse response) {
        Forms.requireReadable(errors);
        AccountSummary a = subject("profile.change");
        List<YearMonth> children = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String c : form.children()) {
            if (c == null || c.isBlank()) {
                continue;
            }
            try {
                children.add(YearMonth.parse(c.strip()));
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(Problem.of("children", "notification.profile.children.invalid"));
                break;
            }
        }
        try {
            if (!problems.isEmpty()) {
                throw new Problem.Rejected(problems);
            }
            int sent = eligibility.saveProfile(new Profile(a.id(), blank(form.district()), blank(form.ageBand()), children));
            redirect.addFlashAttribute("matched", sent);
        } catch (Problem.Rejected e) {
            for (Problem p : e.problems()) {
                errors.rejectValue(p.field(), p.key(), messages.getMessage(p.key(), p.args().toArray(), p.key(), locale));
            }
            model.addAttribute("districts", areas.districts());
            model.addAttribute("bands", Profile.AGE_BANDS);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/profile";
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/account/notifications/profile";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
