package jp.machi.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers QUEUED mails by SMTP: right after the sender's transaction commits, and again by a job every
 * 15 seconds for mails whose earlier attempt failed (or whose instance stopped before sending).
 *
 * <p>An attempt first claims the mail in a short transaction ({@link Outbox#claimDue}: counts the attempt,
 * leases the row for {@link #LEASE}, skipping rows locked by another instance), then talks to the SMTP server
 * without holding a database connection, then records the outcome. Two instances never send one mail twice;
 * only an instance that dies between the SMTP server's acceptance and recording SENT can cause a repeat
 * (after the lease ends).
 *
 * <p>A failed attempt is retried after 1, 2, 4 ... minutes (at most 2 hours); after {@link #MAX_ATTEMPTS}
 * attempts the mail is FAILED.
 */
@Component
public class OutboxDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    public static final int MAX_ATTEMPTS = 8;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofHours(2);
    private static final int BATCH = 20;

    private final Outbox outbox;
    private final JavaMailSender sender;
    private final MailSettings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Autowired
    OutboxDelivery(Outbox outbox, ObjectProvider<JavaMailSender> sender, MailSettings settings) {
        this(outbox, sender.getIfAvailable(), settings);
    }

    /** @param sender the SMTP client; may be null only when SMTP is not configured */
    public OutboxDelivery(Outbox outbox, JavaMailSender sender, MailSettings settings) {
        if (sender == null && settings.smtpConfigured()) {
            throw new IllegalStateException("SMTP is configured but there is no JavaMailSender");
        }
        this.outbox = outbox;
        this.sender = sender;
        this.settings = settings;
    }

    /** How long to wait before the next attempt after {@code attempts} failed ones: 1, 2, 4 ... min, at most 2 h. */
    public static Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    /** Delivers one mail soon, on another thread (called after the sender's transaction commits). */
    public void deliverSoon(long id) {
        try {
            executor.execute(() -> {
                try {
                    deliver(id, Instant.now());
                } catch (RuntimeException e) {
                    // the database is unreachable or similar: the retry job picks the mail up later
                    log.warn("Mail {} could not be delivered now, the retry job will try again: {}", id, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.info("Shutting down: mail {} will be delivered by the retry job", id);
        }
    }

    /** One attempt at one mail, if it is QUEUED and due at {@code now}. Returns true when it was sent. */
    public boolean deliver(long id, Instant now) {
        if (sender == null) {
            return false;
        }
        List<OutboxMail> claimed = outbox.claimDue(id, now, now.plus(LEASE), 1);
        return !claimed.isEmpty() && attempt(claimed.getFirst(), now);
    }

    /** The retry job: every 15 s, all QUEUED mails that are due. Does nothing without SMTP. */
    @Scheduled(initialDelayString = "${machi.mail.retry-delay:15s}", fixedDelayString = "${machi.mail.retry-delay:15s}")
    public void retryDue() {
        if (settings.smtpConfigured()) {
            try {
                retryDue(Instant.now());
            } catch (RuntimeException e) {
                log.warn("Mail retry job failed, trying again later: {}", e.toString());
            }
        }
    }

    /** Attempts every QUEUED mail due at {@code now}; returns how many were sent. */
    public int retryDue(Instant now) {
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        List<OutboxMail> batch;
        do {
            batch = outbox.claimDue(null, now, now.plus(LEASE), BATCH);
            for (OutboxMail mail : batch) {
                if (attempt(mail, now)) {
                    sent++;
                }
            }
        } while (batch.size() == BATCH);
        return sent;
    }

    /** Retention: deletes outbox rows older than the retention period (30 days), hourly. */
    @Scheduled(initialDelay = 1, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    public void deleteOld() {
        try {
            int deleted = outbox.deleteCreatedBefore(Instant.now().minus(settings.retention()));
            if (deleted > 0) {
                log.info("Deleted {} outbox mails older than {} days", deleted, settings.retention().toDays());
            }
        } catch (RuntimeException e) {
            log.warn("Outbox retention job failed, trying again later: {}", e.toString());
        }
    }

    private boolean attempt(OutboxMail mail, Instant now) {
        try {
            sender.send(toMime(mail));
        } catch (MessagingException | RuntimeException e) {
            Instant retryAt = mail.attempts() >= MAX_ATTEMPTS ? null : now.plus(backoff(mail.attempts()));
            String error = describe(e);
            outbox.markAttemptFailed(mail.id(), error, retryAt);
            if (retryAt == null) {
                log.warn("Mail {} FAILED after {} attempts: {}", mail.id(), mail.attempts(), error);
            } else {
                log.info("Mail {} attempt {} failed ({}), next attempt at {}", mail.id(), mail.attempts(), error, retryAt);
            }
            return false;
        }
        outbox.markSent(mail.id(), Instant.now());
        log.info("Mail {} ({}) sent", mail.id(), mail.template());
        return true;
    }

    private MimeMessage toMime(OutboxMail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        helper.setSentDate(Date.from(Instant.now()));
        message.setHeader("Content-Language", mail.language());
        // RFC 3834: an automatic mail, so vacation responders do not answer it
        message.setHeader("Auto-Submitted", "auto-generated");
        return message;
    }

    /**
     * A short description of a failure for the outbox and the log: the exception types and the innermost
     * message, without line breaks. SMTP errors do not carry the password; the mail's content is not in them.
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName();
        if (root != e) {
            text += " / " + root.getClass().getSimpleName();
        }
        if (root.getMessage() != null) {
            text += ": " + root.getMessage();
        }
        text = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return text.length() > 300 ? text.substring(0, 299) + "…" : text;
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
