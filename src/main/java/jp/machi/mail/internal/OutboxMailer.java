package jp.machi.mail.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jp.machi.mail.Mailer;
import jp.machi.mail.Secret;
import jp.machi.shared.DemoMode;
import jp.machi.ward.WardProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link Mailer}: renders the mail now (what is stored is what is sent) and writes it to the outbox in
 * the caller's transaction, so a rolled-back action sends nothing. With SMTP the mail is QUEUED and delivered
 * after commit; without SMTP (the demo) it is KEPT for staff to read at /staff/outbox.
 *
 * <p>A mail whose model holds a {@link Secret} is rendered twice: with the secret for the recipient and with a
 * note in its place for the outbox ({@code body}, the only text any staff view reads). The recipient's text is
 * kept apart ({@code sealed_body}) only while delivery needs it — a QUEUED mail until it is sent or given up —
 * and, for a KEPT mail, only in demo mode and only for a recipient at the demo domain ({@link DemoMode#isDemoAddress}),
 * so the demo's newcomer can finish signing up. A real installation without SMTP keeps no secret at all.
 */
@Component
public class OutboxMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(OutboxMailer.class);

    private final MailTemplates templates;
    private final Outbox outbox;
    private final OutboxDelivery delivery;
    private final MailSettings settings;
    private final WardProfile ward;
    private final DemoMode demo;

    public OutboxMailer(MailTemplates templates, Outbox outbox, OutboxDelivery delivery, MailSettings settings,
                        WardProfile ward, DemoMode demo) {
        this.templates = templates;
        this.outbox = outbox;
        this.delivery = delivery;
        this.settings = settings;
        this.ward = ward;
        this.demo = demo;
    }

    /** What the outbox's copy says in place of a secret, in the mail's language. */
    public static String mask(String language) {
        return "en".equals(language) ? "[hidden: only the recipient can see this link or code]"
            : "［非表示：このリンク・コードは受信者本人にだけ届きます］";
    }

    /**
     * @throws IllegalArgumentException when the address is not one plain e-mail address, the template does
     *                                  not exist, or the subject would contain a line break; nothing is stored
     */
    @Override
    public void send(String to, String template, Locale locale, Map<String, Object> model) {
        send(to, template, locale, model, null);
    }

    @Override
    public void send(String to, String template, Locale locale, Map<String, Object> model, String idempotencyKey) {
        String recipient = recipient(to);
        String language = MailTemplates.language(locale);
        Map<String, Object> variables = new HashMap<>(model == null ? Map.of() : model);
        variables.put("baseUrl", settings.baseUrl());
        variables.put("wardName", ward.name(Locale.forLanguageTag(language)));
        boolean secrets = variables.values().stream().anyMatch(Secret.class::isInstance);
        Map<String, Object> forStaff = new HashMap<>(variables);
        forStaff.replaceAll((name, value) -> value instanceof Secret ? mask(language) : value);
        MailTemplates.RenderedMail masked = templates.render(template, language, forStaff);
        String sealed = null;

        OutboxMail.Status status = settings.smtpConfigured() ? OutboxMail.Status.QUEUED : OutboxMail.Status.KEPT;
        if (secrets && (status == OutboxMail.Status.QUEUED || demo.enabled() && DemoMode.isDemoAddress(recipient))) {
            Map<String, Object> forRecipient = new HashMap<>(variables);
            forRecipient.replaceAll((name, value) -> value instanceof Secret s ? s.value() : value);
            sealed = templates.render(template, language, forRecipient).body();
        }
        java.util.Optional<Long> written = outbox.insert(recipient, language, template, masked.subject(), masked.body(),
            sealed, status, idempotencyKey == null ? null : idempotencyKey + "|" + recipient.toLowerCase(Locale.ROOT));
        if (written.isEmpty()) {
            log.info("Mail {} with key {} is already in the outbox; not written again", template, idempotencyKey);
            return;
        }
        long id = written.get();
        if (status == OutboxMail.Status.KEPT) {
            // never the body or the address: the body can hold a one-time link
            log.info("Mail {} ({}, {}) kept in the outbox, not sent (no SMTP server configured); staff can read it at /staff/outbox/{}",
                id, template, language, id);
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delivery.deliverSoon(id);
                }
            });
        } else {
            delivery.deliverSoon(id);
        }
    }

    /** One plain address (no display name, no line break), checked strictly (RFC 822 syntax). */
    static String recipient(String to) {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("The recipient's address is empty");
        }
        String address = to.strip();
        if (address.length() > 254 || address.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Not a valid e-mail address");
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            int at = address.lastIndexOf('@');
            if (!address.equals(parsed.getAddress()) || parsed.getPersonal() != null || at < 1
                || at == address.length() - 1 || parsed.isGroup()) {
                throw new IllegalArgumentException("Not a valid e-mail address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("Not a valid e-mail address", e);
        }
        return address;
    }
}
