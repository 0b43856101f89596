package jp.machi.notification.web.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.notification.internal.NotificationList;
import jp.machi.notification.internal.NotificationLists;
import jp.machi.notification.internal.Senders;
import jp.machi.shared.security.CurrentActor;
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
 * Department admins decide who may send ward notices and who is on the duty role (emergency notices), and create
 * the lists of schools and nurseries with the staff who send to them. Every change is audited.
 */
@Controller
class NotificationAdminController {

    private final Senders senders;
    private final NotificationLists lists;
    private final Accounts accounts;
    private final AuditLog audit;
    private final MessageSource messages;

    NotificationAdminController(Senders senders, NotificationLists lists, Accounts accounts, AuditLog audit, MessageSource messages) {
        this.senders = senders;
        this.lists = lists;
        this.accounts = accounts;
        this.audit = audit;
        this.messages = messages;
    }

    /** A sender with the account's name and address. */
    record SenderView(long accountId, String name, String email, boolean maySend, boolean onDuty) {}

    @GetMapping("/admin/notifications/senders")
    String senders(Model model) {
        List<SenderView> views = new ArrayList<>();
        for (Senders.Sender s : senders.all()) {
            accounts.find(s.accountId()).ifPresent(a -> views.add(new SenderView(s.accountId(), a.displayName(), a.email(), s.maySend(), s.onDuty())));
        }
        model.addAttribute("senders", views);
        return "notification/admin/senders";
    }

    @PostMapping("/admin/notifications/senders")
    @Transactional
    String addSender(@RequestParam(required = false) String email, @RequestParam(required = false) String onDuty, Locale locale,
                     RedirectAttributes redirect) {
        Optional<AccountSummary> a = email == null || email.length() > 254 ? Optional.empty() : accounts.findByEmail(email.strip());
        if (a.isEmpty() || !a.get().staff()) {
            redirect.addFlashAttribute("refused", messages.getMessage("notification.senders.notStaff", null, locale));
            return "redirect:/admin/notifications/senders";
        }
        set(a.get().id(), true, "true".equals(onDuty));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/notifications/senders";
    }

    @PostMapping("/admin/notifications/senders/{id}")
    @Transactional
    String changeSender(@PathVariable String id, @RequestParam Map<String, String> p, RedirectAttributes redirect) {
        long accountId = id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
        if (senders.of(accountId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if ("remove".equals(p.get("action"))) {
            senders.remove(accountId);
            audit.record(AuditEvent.byCurrentActor("notification.sender.remove", accountId, "account:" + accountId,
                AuditDetail.of("notification.audit.sender.remove")));
        } else {
            set(accountId, true, "true".equals(p.get("onDuty")));
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/notifications/senders";
    }

    private void set(long accountId, boolean maySend, boolean onDuty) {
        senders.set(accountId, maySend, onDuty, CurrentActor.principal().map(x -> x.accountId()).orElse(null));
        audit.record(AuditEvent.byCurrentActor("notification.sender.set", accountId, "account:" + accountId,
            AuditDetail.of(onDuty ? "notification.audit.sender.duty" : "notification.audit.sender")));
    }

    // ---- lists ----

    record ListView(NotificationList list, List<AccountSummary> staff) {}

    @GetMapping("/admin/notifications/lists")
    String lists(Model model) {
        List<ListView> views = new ArrayList<>();
        for (NotificationList l : lists.all()) {
            views.add(new ListView(l, lists.staff(l.id()).stream().map(accounts::find).flatMap(Optional::stream).toList()));
        }
        model.addAttribute("lists", views);
        return "notification/admin/lists";
    }

    @PostMapping("/admin/notifications/lists")
    @Transactional
    String create(@RequestParam(required = false) String nameJa, @RequestParam(required = false) String nameEn,
                  @RequestParam(required = false) String kind, Locale locale, RedirectAttributes redirect) {
        String ja = clean(nameJa);
        String en = clean(nameEn);
        if (ja == null || en == null || !List.of("SCHOOL", "NURSERY", "OTHER").contains(kind)) {
            redirect.addFlashAttribute("refused", messages.getMessage("notification.lists.invalid", null, locale));
            return "redirect:/admin/notifications/lists";
        }
        long id = lists.create(ja, en, kind);
        audit.record(AuditEvent.byCurrentActor("notification.list.create", null, "notification-list:" + id,
            AuditDetail.of("notification.audit.list", AuditDetail.named(ja, en))));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/notifications/lists";
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() || t.length() > 100 || t.chars().anyMatch(Character::isISOControl) ? null : t;
    }

    @PostMapping("/admin/notifications/lists/{id}")
    @Transactional
    String change(@PathVariable String id, @RequestParam Map<String, String> p, Locale locale, RedirectAttributes redirect) {
        NotificationList l = id.matches("[0-9]{1,18}") ? lists.find(Long.parseLong(id)).orElse(null) : null;
        if (l == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        switch (p.getOrDefault("action", "")) {
            case "addStaff" -> {
                Optional<AccountSummary> a = p.get("email") == null ? Optional.empty() : accounts.findByEmail(p.get("email").strip());
                if (a.isEmpty() || !a.get().staff()) {
                    redirect.addFlashAttribute("refused", messages.getMessage("notification.senders.notStaff", null, locale));
                    return "redirect:/admin/notifications/lists";
                }
                lists.addStaff(l.id(), a.get().id());
                audit.record(AuditEvent.byCurrentActor("notification.list.staff.add", a.get().id(), "notification-list:" + l.id(),
                    AuditDetail.of("notification.audit.list.staff.add", AuditDetail.named(l.nameJa(), l.nameEn()), a.get().email())));
            }
            case "removeStaff" -> {
                String account = p.getOrDefault("account", "");
                if (!account.matches("[0-9]{1,18}")) {
                    throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
                }
                lists.removeStaff(l.id(), Long.parseLong(account));
                audit.record(AuditEvent.byCurrentActor("notification.list.staff.remove", Long.parseLong(account), "notification-list:" + l.id(),
                    AuditDetail.of("notification.audit.list", AuditDetail.named(l.nameJa(), l.nameEn()))));
            }
            case "activate", "deactivate" -> {
                lists.setActive(l.id(), "activate".equals(p.get("action")));
                audit.record(AuditEvent.byCurrentActor("notification.list." + p.get("action"), null, "notification-list:" + l.id(),
                    AuditDetail.of("notification.audit.list", AuditDetail.named(l.nameJa(), l.nameEn()))));
            }
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/notifications/lists";
    }
}
