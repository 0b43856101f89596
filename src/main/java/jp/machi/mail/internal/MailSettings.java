package jp.machi.mail.internal;

import java.time.Duration;

/**
 * How this instance handles mail.
 *
 * @param from           the sender address (MACHI_MAIL_FROM)
 * @param baseUrl        the public address of the site, given to every template as {@code baseUrl}
 * @param smtpConfigured true when an SMTP host is set (MACHI_SMTP_HOST); otherwise mail is kept in the outbox
 * @param retention      how long outbox rows are kept (30 days unless {@code machi.mail.retention} says otherwise)
 */
public record MailSettings(String from, String baseUrl, boolean smtpConfigured, Duration retention) {

    public MailSettings {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("machi.mail.from (MACHI_MAIL_FROM) must be set");
        }
        baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        retention = retention == null ? Duration.ofDays(30) : retention;
    }

    /** SMTP counts as configured when the host is not blank: the default configuration leaves it empty. */
    public static boolean smtpConfigured(String smtpHost) {
        return smtpHost != null && !smtpHost.isBlank();
    }
}
