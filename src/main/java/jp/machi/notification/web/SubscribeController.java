package jp.machi.notification.web;

import java.util.Locale;
import java.util.Optional;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.NotificationLists;
import jp.machi.notification.internal.PersonalNoticeService;
import jp.machi.notification.internal.PersonalRecord;
import jp.machi.notification.internal.Problem;
import jp.machi.notification.internal.Rules;
import jp.machi.notification.internal.Subscription;
import jp.machi.notification.internal.SubscriptionService;
import jp.machi.notification.internal.Topics;
import jp.machi.shared.security.CurrentActor;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Subscribing without an account: the form, "check your mail", the confirmation page (a button: opening the link
 * confirms nothing), the preference page, the unsubscribe page behind every mail's link, stopping a kind of personal
 * notice, and joining a school's or nursery's list with its code.
 */
@Controller
class SubscribeController {

    private final SubscriptionService subscriptions;
    private final PersonalNoticeService personal;
    private final Topics topics;
    private final Areas areas;
    private final NotificationLists lists;
    private final Rules rules;
    private final MessageSource messages;

    SubscribeController(SubscriptionService subscriptions, PersonalNoticeService personal, Topics topics, Areas areas,
                        NotificationLists lists, Rules rules, MessageSource messages) {
        this.subscriptions = subscriptions;
        this.personal = personal;
        this.topics = topics;
        this.areas = areas;
        this.lists = lists;
        this.rules = rules;
        this.messages = messages;
    }

    private void choices(Model model, boolean hasPoint) {
        model.addAttribute("topics", topics.active());
        model.addAttribute("districts", areas.districts());
        model.addAttribute("radiusSupported", areas.radiusSupported());
        model.addAttribute("hasPoint", hasPoint);
    }

    private static boolean signedInResident() {
        return CurrentActor.principal().map(p -> !p.isStaff()).orElse(false);
    }

    @GetMapping("/notifications/subscribe")
    String form(Model model, Locale locale) {
        if (signedInResident()) {
            return "redirect:/account/notifications/settings";
        }
        model.addAttribute("form", SubscriptionForm.empty("", locale.getLanguage()));
        choices(model, false);
        return "notification/subscribe";
    }

    @PostMapping("/notifications/subscribe")
    String subscribe(@ModelAttribute("form") SubscriptionForm form, BindingResult errors, Model model, Locale locale,
                     jakarta.servlet.http.HttpServletResponse response) {
        Forms.requireReadable(errors);
        try {
            subscriptions.request(form.email(), form.input(areas, null));
        } catch (Problem.Rejected e) {
            SubscriptionForm.reject(errors, e.problems(), messages, locale);
            choices(model, false);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/subscribe";
        }
        return "redirect:/notifications/subscribe/sent";
    }

    @GetMapping("/notifications/subscribe/sent")
    String sent() {
        return "notification/subscribe-sent";
    }

    @GetMapping("/notifications/confirm/{token}")
    String confirmPage(@PathVariable String token, Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        Optional<Subscription> s = subscriptions.pending(token);
        if (s.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        model.addAttribute("token", token);
        describe(s.get(), model, locale);
        return "notification/confirm";
    }

    @PostMapping("/notifications/confirm/{token}")
    String confirm(@PathVariable String token, Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        Optional<Subscription> s = subscriptions.confirm(token);
        if (s.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        describe(s.get(), model, locale);
        model.addAttribute("manage", subscriptions.managePath(s.get().id()));
        return "notification/confirmed";
    }

    private void describe(Subscription s, Model model, Locale locale) {
        model.addAttribute("subscription", s);
        model.addAttribute("list", s.isList() ? lists.find(s.listId()).map(l -> l.name(locale)).orElse("") : null);
        model.addAttribute("topicNames", s.topics().stream().map(t -> topics.find(t).map(x -> x.name(locale)).orElse(t)).toList());
        model.addAttribute("areasText", subscriptions.areasText(s.areas(), s.nearRadiusM(), locale));
    }

    // ---- the preference page (token from the mails) ----

    @GetMapping("/notifications/manage/{token}")
    String manage(@PathVariable String token, Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        Optional<Subscription> s = subscriptions.byManageToken(token);
        if (s.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        model.addAttribute("token", token);
        describe(s.get(), model, locale);
        if (!s.get().isList()) {
            model.addAttribute("form", SubscriptionForm.of(s.get()));
            choices(model, s.get().hasPoint());
        }
        return "notification/manage";
    }

    @PostMapping("/notifications/manage/{token}")
    String save(@PathVariable String token, @ModelAttribute("form") SubscriptionForm form, BindingResult errors, Model model,
                Locale locale, RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        Forms.requireReadable(errors);
        Optional<Subscription> s = subscriptions.byManageToken(token).filter(x -> !x.isList());
        if (s.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        try {
            subscriptions.update(s.get().id(), form.input(areas, s.get()));
        } catch (Problem.Rejected e) {
            SubscriptionForm.reject(errors, e.problems(), messages, locale);
            model.addAttribute("token", token);
            describe(s.get(), model, locale);
            choices(model, s.get().hasPoint());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/manage";
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/notifications/manage/" + token;
    }

    @PostMapping("/notifications/manage/{token}/end")
    String endAll(@PathVariable String token, jakarta.servlet.http.HttpServletResponse response) {
        Optional<Subscription> s = subscriptions.byManageToken(token);
        if (s.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        subscriptions.end(s.get(), "PAGE");
        return "redirect:/notifications/unsubscribed";
    }

    // ---- the unsubscribe link of every mail ----

    @GetMapping("/notifications/unsubscribe/{token}")
    String unsubscribePage(@PathVariable String token, Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        Optional<SubscriptionService.UnsubscribeTarget> target = subscriptions.unsubscribeTarget(token);
        if (target.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        model.addAttribute("token", token);
        Subscription s = target.get().subscription();
        model.addAttribute("gone", s == null || (target.get().topic() != null && !s.topics().contains(target.get().topic())));
        model.addAttribute("topicName", target.get().topic() == null ? null
            : topics.find(target.get().topic()).map(t -> t.name(locale)).orElse(target.get().topic()));
        model.addAttribute("list", s != null && s.isList() ? lists.find(s.listId()).map(l -> l.name(locale)).orElse("") : null);
        model.addAttribute("manage", s == null ? null : subscriptions.managePath(s.id()));
        return "notification/unsubscribe";
    }

    @PostMapping("/notifications/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, jakarta.servlet.http.HttpServletResponse response) {
        if (!subscriptions.unsubscribe(token, "PAGE")) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        return "redirect:/notifications/unsubscribed";
    }

    @GetMapping("/notifications/unsubscribed")
    String unsubscribed() {
        return "notification/unsubscribed";
    }

    // ---- stopping a kind of personal notice ----

    @GetMapping("/notifications/stop/{token}")
    String stopPage(@PathVariable String token, Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        Optional<PersonalRecord> r = personal.byStopToken(token);
        if (r.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        model.addAttribute("token", token);
        model.addAttribute("typeName", rules.type(r.get().typeCode()).map(t -> t.name().in(locale)).orElse(""));
        model.addAttribute("account", r.get().accountId() != null);
        return "notification/stop";
    }

    @PostMapping("/notifications/stop/{token}")
    String stop(@PathVariable String token, Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        Optional<PersonalRecord> r = personal.byStopToken(token);
        if (r.isEmpty() || !personal.stop(token)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "notification/link-invalid";
        }
        model.addAttribute("typeName", rules.type(r.get().typeCode()).map(t -> t.name().in(locale)).orElse(""));
        model.addAttribute("account", r.get().accountId() != null);
        return "notification/stopped";
    }

    // ---- joining a school's or nursery's list ----

    @GetMapping("/notifications/join")
    String joinForm(Model model, Locale locale) {
        if (signedInResident()) {
            return "redirect:/account/notifications/settings#join";
        }
        model.addAttribute("form", new JoinForm("", "", "", locale.getLanguage()));
        return "notification/join";
    }

    @PostMapping("/notifications/join")
    String join(@ModelAttribute("form") JoinForm form, BindingResult errors, Locale locale,
                jakarta.servlet.http.HttpServletResponse response) {
        Forms.requireReadable(errors);
        try {
            subscriptions.requestList(form.code(), form.email(), form.label(), form.language());
        } catch (Problem.Rejected e) {
            for (Problem p : e.problems()) {
                errors.rejectValue(p.field(), p.key(), messages.getMessage(p.key(), p.args().toArray(), p.key(), locale));
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "notification/join";
        }
        return "redirect:/notifications/subscribe/sent";
    }
}
