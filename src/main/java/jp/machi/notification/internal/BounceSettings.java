package jp.machi.notification.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mailbox where late bounces arrive (delivery status notifications, RFC 3464), under
 * {@code machi.notification.bounces} (environment: {@code MACHI_NOTIFICATION_BOUNCES_ENABLED=true},
 * {@code MACHI_NOTIFICATION_BOUNCES_HOST} ...). Off by default. Usually the mailbox of
 * {@code machi.notification.bounce-address} (the VERP envelope sender), read over IMAP.
 *
 * @param enabled         read the mailbox (default false)
 * @param host            the IMAP server
 * @param port            its port (default: the protocol's, 993 for imaps, 143 for imap)
 * @param protocol        {@code imaps} (default, TLS) or {@code imap}
 * @param username        the mailbox's user
 * @param password        its password
 * @param folder          the folder to read (default INBOX)
 * @param interval        how often it is read (default 5 minutes)
 * @param deleteProcessed delete a DSN once it was recorded (default true); other mail is only marked read
 */
@ConfigurationProperties("machi.notification.bounces")
public record BounceSettings(boolean enabled, String host, Integer port, String protocol, String username, String password,
                             String folder, Duration interval, Boolean deleteProcessed) {

    public BounceSettings {
        protocol = protocol == null || protocol.isBlank() ? "imaps" : protocol.strip();
        folder = folder == null || folder.isBlank() ? "INBOX" : folder.strip();
        interval = interval == null ? Duration.ofMinutes(5) : interval;
        deleteProcessed = deleteProcessed == null || deleteProcessed;
        if (!protocol.equals("imap") && !protocol.equals("imaps")) {
            throw new IllegalArgumentException("machi.notification.bounces.protocol must be imap or imaps, not " + protocol);
        }
    }

    /** True when reading is switched on and a server is named. */
    public boolean active() {
        return enabled && host != null && !host.isBlank();
    }
}
