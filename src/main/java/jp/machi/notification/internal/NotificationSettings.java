package jp.machi.notification.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The notification module's settings, under {@code machi.notification} (environment variables in Spring's relaxed
 * form, e.g. {@code MACHI_NOTIFICATION_EMERGENCY_WORKERS=6}). The SMTP server itself is the mail module's
 * ({@code MACHI_SMTP_*}); without one, deliveries wait QUEUED (the demo).
 *
 * @param emergency     the emergency lane (disaster and school emergency mail)
 * @param transactional the transactional lane (personal notices)
 * @param bulk          the bulk lane (newsletters, events)
 * @param carriers      limits per destination domain (Japanese carriers' rules: docomo at most 100 recipients per
 *                      SMTP session)
 * @param lease         how long a claimed batch belongs to its worker; after a crash the batch is sent again after
 *                      this
 * @param maxAttempts   attempts before a delivery is FAILED
 * @param bounceAddress the envelope sender for bounces, {@code bounce@mail.example.lg.jp}; each mail then uses
 *                      {@code bounce+<delivery id>@...} (VERP). Empty: the From address
 * @param secret        the key of unsubscribe and preference links (base64, at least 32 bytes); empty: one made at
 *                      the first start and kept in the database
 */
@ConfigurationProperties("machi.notification")
public record NotificationSettings(Lane emergency, Lane transactional, Lane bulk, List<Carrier> carriers,
                                   Duration lease, Integer maxAttempts, String bounceAddress, String secret) {

    public NotificationSettings {
        emergency = Lane.orDefaults(emergency, 4, Duration.ofMillis(200));
        transactional = Lane.orDefaults(transactional, 2, Duration.ofSeconds(1));
        bulk = Lane.orDefaults(bulk, 2, Duration.ofSeconds(1));
        carriers = carriers == null ? List.of(new Carrier(List.of("docomo.ne.jp"), 100, 0)) : List.copyOf(carriers);
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        bounceAddress = bounceAddress == null ? "" : bounceAddress.strip();
        secret = secret == null ? "" : secret.strip();
    }

    public static NotificationSettings defaults() {
        return new NotificationSettings(null, null, null, null, null, null, null, null);
    }

    public Lane lane(Lanes lane) {
        return switch (lane) {
            case EMERGENCY -> emergency;
            case TRANSACTIONAL -> transactional;
            case BULK -> bulk;
        };
    }

    /** The carrier rule for an address's domain (exact or a subdomain), or null. */
    public Carrier carrierOf(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        // compared in place (no lower-cased copy: this runs for every message)
        int length = email.length() - at - 1;
        for (Carrier c : carriers) {
            for (String d : c.domains()) {
                int start = email.length() - d.length();
                if ((length == d.length() || length > d.length() && email.charAt(start - 1) == '.')
                    && email.regionMatches(true, start, d, 0, d.length())) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * One lane's workers.
     *
     * @param workers              parallel workers, each with its own SMTP connection
     * @param batch                deliveries a worker claims at a time (default 100); what a kill -9 can leave
     *                             accepted by the server but unrecorded is at most one batch per worker
     * @param recipientsPerSession messages (one recipient each) over one SMTP connection before it is closed and a new
     *                             one opened (default 1,000; 0: no limit but the carriers'); a worker keeps its
     *                             connection across batches while its lane has work, and closes it when idle
     * @param messagesPerSecond    the lane's rate limit over all its workers (0: none)
     * @param poll                 how often an idle worker looks for work that another instance queued
     */
    public record Lane(Integer workers, Integer batch, Integer recipientsPerSession, Integer messagesPerSecond, Duration poll) {

        public Lane {
            if (batch != null && batch < 1) {
                throw new IllegalArgumentException("machi.notification.<lane>.batch must be at least 1");
            }
            if (recipientsPerSession != null && recipientsPerSession < 0) {
                throw new IllegalArgumentException("machi.notification.<lane>.recipients-per-session must be 0 or more");
            }
        }

        static Lane orDefaults(Lane l, int workers, Duration poll) {
            if (l == null) {
                return new Lane(workers, 100, 1000, 0, poll);
            }
            return new Lane(l.workers == null ? workers : l.workers, l.batch == null ? 100 : l.batch,
                l.recipientsPerSession == null ? 1000 : l.recipientsPerSession, l.messagesPerSecond == null ? 0 : l.messagesPerSecond,
                l.poll == null ? poll : l.poll);
        }
    }

    /**
     * Limits for the addresses of some domains (a carrier's).
     *
     * @param domains              e.g. {@code docomo.ne.jp}; subdomains count
     * @param recipientsPerSession at most this many of these addresses per SMTP session (0: no limit)
     * @param messagesPerSecond    at most this many per second over all lanes (0: no limit)
     */
    public record Carrier(List<String> domains, int recipientsPerSession, int messagesPerSecond) {
        public Carrier {
            domains = domains == null ? List.of() : domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
        }
    }
}
