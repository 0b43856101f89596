package jp.machi.mail;

import java.util.Locale;
import java.util.Map;

/**
 * The port other modules use to send mail.
 *
 * <p>Values that only the recipient may read (one-time links, codes) go into the model wrapped in {@link Secret}:
 * the recipient's mail carries them, the outbox that staff read shows a note instead.
 */
public interface Mailer {

    /**
     * Queues a mail built from a template, in the recipient's language.
     *
     * @param to       the recipient's address
     * @param template the template's name, e.g. {@code identity/verify-email}: the files
     *                 {@code templates/mail/identity/verify-email_ja.txt} and {@code ..._en.txt}. The first
     *                 line is {@code Subject: ...}, then a blank line, then the body (Thymeleaf text mode)
     * @param locale   ja or en; anything else is sent in Japanese
     * @param model    the template's variables; wrap one-time links and codes in {@link Secret}
     */
    void send(String to, String template, Locale locale, Map<String, Object> model);

    /**
     * Queues a mail once: a second call with the same key and recipient writes nothing. For listeners that the event
     * publication registry may run again after a crash (the key names the event, e.g.
     * {@code report-status:42:2026-12-07T10:00:00Z}).
     */
    void send(String to, String template, Locale locale, Map<String, Object> model, String idempotencyKey);
}
