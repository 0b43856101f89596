package jp.machi.mail.web.staff;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.mail.internal.MailSettings;
import jp.machi.mail.internal.Outbox;
import jp.machi.mail.internal.OutboxMail;
import jp.machi.mail.internal.OutboxMailer;
import jp.machi.shared.DemoMode;
import jp.machi.shared.time.MachiClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The outbox: the latest mails and, one at a time, their text — for system admins only, who look after mail
 * delivery (department staff have no need to read residents' mail; auditors see who read what in the audit log).
 * Listing and reading are access to personal data and go on the audit record.
 *
 * <p>No view here ever receives a secret: the stored text has a note where a one-time link or code was (see
 * {@link jp.machi.mail.Secret}). The one exception is the demo: in demo mode, a mail to an address at the demo
 * domain that is kept without SMTP shows its link, so a newcomer can finish the demo's sign-up — the page says so.
 * A real installation (demo mode off) never shows one.
 */
@Controller
@RequestMapping("/staff/outbox")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class OutboxController {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(MachiClock.ZONE);

    private final Outbox outbox;
    private final MailSettings settings;
    private final DemoMode demo;
    private final ObjectProvider<AuditLog> audit;

    OutboxController(Outbox outbox, MailSettings settings, DemoMode demo, ObjectProvider<AuditLog> audit) {
        this.outbox = outbox;
        this.settings = settings;
        this.demo = demo;
        this.audit = audit;
    }

    @GetMapping
    String list(@RequestParam(name = "page", required = false) String pageParam, Model model) {
        requireSystemAdmin();
        int page = page(pageParam);
        List<OutboxMail> rows = outbox.latest((page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        audit.ifAvailable(log -> log.record(AuditEvent.byCurrentActor("mail.outbox.list", null, "mail-outbox",
            AuditDetail.of("mail.audit.outbox.list", page, Math.min(rows.size(), PAGE_SIZE)))));
        boolean hasNext = rows.size() > PAGE_SIZE;
        model.addAttribute("mails", rows.stream().limit(PAGE_SIZE).map(OutboxController::row).toList());
        model.addAttribute("page", page);
        model.addAttribute("previousPage", page > 1 ? page - 1 : null);
        model.addAttribute("nextPage", hasNext ? page + 1 : null);
        model.addAttribute("mode", mode());
        model.addAttribute("retentionDays", settings.retention().toDays());
        model.addAttribute("demoDomain", DemoMode.DOMAIN);
        return "mail/staff/outbox";
    }

    @GetMapping("/{id}")
    String show(@PathVariable("id") String idParam, Model model) {
        requireSystemAdmin();
        long id = parseId(idParam);
        OutboxMail mail = outbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // the demo's exception: a kept mail to a demo address, in demo mode, shows the recipient's own text
        String revealed = demo.enabled() && DemoMode.isDemoAddress(mail.recipient())
            && mail.status() == OutboxMail.Status.KEPT ? outbox.sealedBody(id).orElse(null) : null;
        audit.ifAvailable(log -> log.record(AuditEvent.byCurrentActor(
            revealed == null ? "mail.outbox.read" : "mail.outbox.read.demo-link", null, "mail:" + id,
            AuditDetail.of("mail.audit.outbox.read", mail.recipient()))));
        model.addAttribute("mail", row(mail));
        model.addAttribute("body", LinkedText.of(revealed == null ? mail.body() : revealed));
        model.addAttribute("revealed", revealed != null);
        model.addAttribute("masked", revealed == null && mail.body().contains(OutboxMailer.mask(mail.language())));
        model.addAttribute("demoDomain", DemoMode.DOMAIN);
        model.addAttribute("lastError", mail.lastError());
        model.addAttribute("attempts", mail.attempts());
        model.addAttribute("sentAt", time(mail.sentAt()));
        model.addAttribute("mode", mode());
        return "mail/staff/outbox-mail";
    }

    /** What the page says about where mail goes: DEMO (kept, demo), KEPT (kept, not a demo: a warning), SMTP. */
    private String mode() {
        if (settings.smtpConfigured()) {
            return "SMTP";
        }
        return demo.enabled() ? "DEMO" : "KEPT";
    }

    /** Page numbers start at 1; anything else that is not a number shows the first page. */
    private static int page(String param) {
        try {
            int page = param == null ? 1 : Integer.parseInt(param.strip());
            return Math.clamp(page, 1, 100_000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static long parseId(String param) {
        try {
            return Long.parseLong(param);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /**
     * Residents' mail is personal data: refuse anyone but a system admin even if method security were off (the
     * {@code @PreAuthorize} above takes effect when the identity module enables method security).
     */
    private static void requireSystemAdmin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = auth != null && auth.isAuthenticated() && auth.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority).anyMatch("ROLE_SYSTEM_ADMIN"::equals);
        if (!admin) {
            throw new AccessDeniedException("System admins only");
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private static MailRow row(OutboxMail m) {
        return new MailRow(m.id(), time(m.createdAt()), m.createdAt().toString(), m.recipient(), m.subject(),
            m.status().name(), m.language(), m.template());
    }

    /** A mail as the pages show it; times are in Asia/Tokyo. */
    record MailRow(long id, String time, String isoTime, String recipient, String subject, String status,
                   String language, String template) {}
}
