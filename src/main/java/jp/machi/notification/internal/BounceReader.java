package jp.machi.notification.internal;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.search.FlagTerm;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads late bounces: delivery status notifications (RFC 3464, {@code multipart/report;
 * report-type=delivery-status}) that a relay sends back after it accepted a message, from the mailbox of
 * {@link BounceSettings} over IMAP (off by default). For each recipient the DSN reports as {@code Action: failed}:
 * the delivery is found by the VERP envelope address the DSN came to ({@code bounce+<delivery id>@...}) or by the
 * Message-ID of the returned message or headers ({@code <delivery id>.n<notice>.machi@...}), and only when the
 * delivery's address is the DSN's {@code Final-Recipient} (so that a forged or foreign report changes nothing). A
 * permanent failure (status 5.x.x) marks the delivery BOUNCED and puts the address on the suppression list; a relay
 * giving up on a temporary one (4.x.x) marks it FAILED. Delays ({@code Action: delayed}) and successes change
 * nothing. A DSN, once read, is deleted (or left marked read with {@code delete-processed: false}); other mail in the
 * mailbox is marked read and left for a person.
 */
@Component
public class BounceReader {

    private static final Logger log = LoggerFactory.getLogger(BounceReader.class);
    private static final Pattern VERP = Pattern.compile("\\+(\\d{1,18})@");
    private static final Pattern MESSAGE_ID = Pattern.compile("<(\\d{1,18})\\.([np])(\\d{1,18})\\.machi@[^>]+>");

    /** What a DSN says about one recipient. */
    public record Report(String recipient, String action, String status, String diagnostic) {

        boolean failed() {
            return "failed".equalsIgnoreCase(action);
        }

        boolean permanent() {
            return status != null && status.startsWith("5");
        }

        String detail() {
            String d = "DSN " + (status == null ? "" : status) + (diagnostic == null ? "" : " " + diagnostic);
            d = d.replaceAll("[\\r\\n\\t]+", " ").strip();
            return d.length() > 300 ? d.substring(0, 299) + "…" : d;
        }
    }

    /** A parsed DSN: the delivery it names (or null) and its per-recipient reports. */
    public record Dsn(Long deliveryId, String noticeOrPersonal, List<Report> reports) {}

    /** What one reading did. */
    public record Result(int read, int bounced, int failed, int ignored) {}

    private final BounceSettings settings;
    private final DeliveryStore store;
    private volatile Instant lastRead = Instant.EPOCH;

    BounceReader(BounceSettings settings, DeliveryStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** Every 30 s it looks whether the interval has passed since the last reading; nothing when switched off. */
    @Scheduled(initialDelay = 30, fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
    public void scheduled() {
        if (!settings.active() || Instant.now().isBefore(lastRead.plus(settings.interval()))) {
            return;
        }
        try {
            Result r = read();
            if (r.bounced() + r.failed() > 0) {
                log.info("Bounce mailbox: {} DSNs read, {} deliveries bounced, {} failed", r.read(), r.bounced(), r.failed());
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("Reading the bounce mailbox {}@{} failed: {}", settings.username(), settings.host(), DeliveryEngine.describe(e));
        }
    }

    /** Reads the unread mail of the bounce mailbox once (also when switched off: the caller asked). */
    public Result read() throws MessagingException {
        lastRead = Instant.now();
        Properties p = new Properties();
        String proto = settings.protocol();
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "30000");
        Session session = Session.getInstance(p);
        int read = 0;
        int bounced = 0;
        int failed = 0;
        int ignored = 0;
        try (Store mailbox = session.getStore(proto)) {
            mailbox.connect(settings.host(), settings.port() == null ? -1 : settings.port(), settings.username(), settings.password());
            Folder folder = mailbox.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            boolean expunge = false;
            try {
                for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    Dsn dsn;
                    try {
                        dsn = parse(m);
                    } catch (MessagingException | IOException | RuntimeException e) {
                        log.warn("A message in the bounce mailbox could not be read: {}", DeliveryEngine.describe(e));
                        dsn = null;
                    }
                    m.setFlag(Flags.Flag.SEEN, true);
                    if (dsn == null) {
                        ignored++;
                        continue;
                    }
                    read++;
                    for (Report r : dsn.reports()) {
                        switch (record(dsn, r)) {
                            case BOUNCED -> bounced++;
                            case FAILED -> failed++;
                            case NOTHING -> ignored++;
                        }
                    }
                    if (settings.deleteProcessed()) {
                        m.setFlag(Flags.Flag.DELETED, true);
                        expunge = true;
                    }
                }
            } finally {
                folder.close(expunge);
            }
        }
        return new Result(read, bounced, failed, ignored);
    }

    private enum Outcome { BOUNCED, FAILED, NOTHING }

    private Outcome record(Dsn dsn, Report r) {
        if (!r.failed() || dsn.deliveryId() == null || r.recipient() == null) {
            return Outcome.NOTHING;
        }
        var delivery = store.find(dsn.deliveryId()).orElse(null);
        if (delivery == null || delivery.email() == null || !delivery.email().equalsIgnoreCase(r.recipient())
            || (dsn.noticeOrPersonal() != null && !dsn.noticeOrPersonal().equals(delivery.origin()))) {
            return Outcome.NOTHING;
        }
        if (r.permanent()) {
            return store.bouncedLater(delivery.id(), r.detail()) ? Outcome.BOUNCED : Outcome.NOTHING;
        }
        return store.failedLater(delivery.id(), r.detail()) ? Outcome.FAILED : Outcome.NOTHING;
    }

    /**
     * Parses a delivery status notification; null when the message is not one. The delivery comes from the VERP
     * address the report was sent to, else from the Message-ID of the returned message or headers.
     */
    public static Dsn parse(Message m) throws MessagingException, IOException {
        if (!m.isMimeType("multipart/report")) {
            return null;
        }
        String reportType = new ContentType(m.getContentType()).getParameter("report-type");
        if (reportType == null || !reportType.equalsIgnoreCase("delivery-status")) {
            return null;
        }
        if (!(m.getContent() instanceof Multipart parts)) {
            return null;
        }
        List<Report> reports = new ArrayList<>();
        String originalId = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                reports.addAll(reports(raw(part)));
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                || part.isMimeType("message/global") || part.isMimeType("message/global-headers")) {
                try (InputStream in = raw(part)) {
                    String[] ids = new InternetHeaders(in).getHeader("Message-ID");
                    if (ids != null && ids.length > 0) {
                        originalId = ids[0].strip();
                    }
                }
            }
        }
        Long delivery = null;
        String origin = null;
        for (String header : new String[] {"Delivered-To", "X-Original-To", "Envelope-To", "To"}) {
            String[] values = m.getHeader(header);
            for (String v : values == null ? new String[0] : values) {
                Matcher verp = VERP.matcher(v);
                if (delivery == null && verp.find()) {
                    delivery = Long.parseLong(verp.group(1));
                }
            }
        }
        if (originalId != null) {
            Matcher id = MESSAGE_ID.matcher(originalId);
            if (id.find()) {
                long fromId = Long.parseLong(id.group(1));
                if (delivery == null || delivery == fromId) {
                    delivery = fromId;
                    origin = id.group(2) + id.group(3);
                }
            }
        }
        return new Dsn(delivery, origin, reports);
    }

    private static InputStream raw(Part part) throws MessagingException, IOException {
        return new BufferedInputStream(part.getInputStream());
    }

    /** The per-recipient fields of a message/delivery-status body (the first block is the per-message fields). */
    static List<Report> reports(InputStream body) throws MessagingException, IOException {
        List<Report> reports = new ArrayList<>();
        try (InputStream in = body) {
            new InternetHeaders(in); // per-message fields: Reporting-MTA, Arrival-Date ...
            for (int block = 0; block < 1000; block++) {
                InternetHeaders h = new InternetHeaders(in);
                String recipient = address(first(h, "Final-Recipient"));
                if (recipient == null) {
                    recipient = address(first(h, "Original-Recipient"));
                }
                String action = first(h, "Action");
                if (recipient == null && action == null) {
                    if (in.available() <= 0) {
                        break;
                    }
                    continue;
                }
                String status = first(h, "Status");
                reports.add(new Report(recipient, action == null ? null : action.strip().toLowerCase(Locale.ROOT),
                    status == null ? null : status.strip().split("\\s+")[0], first(h, "Diagnostic-Code")));
            }
        }
        return reports;
    }

    private static String first(InternetHeaders h, String name) {
        String[] v = h.getHeader(name);
        return v == null || v.length == 0 ? null : v[0].replaceAll("\\r?\\n[ \\t]+", " ").strip();
    }

    /** {@code rfc822; someone@example.jp} → the address, lower-cased; null when not a mail address. */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        int semi = field.indexOf(';');
        String type = semi < 0 ? "rfc822" : field.substring(0, semi).strip();
        String value = (semi < 0 ? field : field.substring(semi + 1)).strip();
        if (!type.equalsIgnoreCase("rfc822") && !type.equalsIgnoreCase("utf-8")) {
            return null;
        }
        try {
            Address[] a = InternetAddress.parse(value, false);
            return a.length == 1 ? ((InternetAddress) a[0]).getAddress().toLowerCase(Locale.ROOT) : null;
        } catch (MessagingException e) {
            return null;
        }
    }
}
