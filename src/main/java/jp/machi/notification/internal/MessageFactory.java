package jp.machi.notification.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.machi.shared.web.SiteUrl;
import jp.machi.ward.WardProfile;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds the mail of one delivery: one message per recipient (their own unsubscribe link), text/plain UTF-8, with
 * a Message-ID made from the delivery's id (the same on every attempt, so a batch sent twice after a crash
 * carries the same ids), the RFC 8058 one-click headers ({@code List-Unsubscribe} with an https URL when the site
 * is served over https, {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}) and, in the text, the page that
 * publishes the notice, why the person gets it, and the links to stop it and to change their choices.
 */
@Component
public class MessageFactory {

    private static final String RULE = "――――――――――――――――";

    private final NoticeRepository notices;
    private final Topics topics;
    private final NotificationLists lists;
    private final PersonalRepository personal;
    private final LinkTokens tokens;
    private final MessageSource messages;
    private final WardProfile ward;
    private final NotificationSettings settings;
    private final InternetAddress from;
    private final String domain;
    private final String baseUrl;
    private final Map<Long, Notice> noticeCache = new ConcurrentHashMap<>();
    private final Map<String, String> nameCache = new ConcurrentHashMap<>();
    private final Map<String, NoticeMail> mailCache = new ConcurrentHashMap<>();

    MessageFactory(NoticeRepository notices, Topics topics, NotificationLists lists, PersonalRepository personal,
                   LinkTokens tokens, MessageSource messages, WardProfile ward, NotificationSettings settings,
                   @Value("${machi.mail.from}") String from, SiteUrl siteUrl) throws MessagingException {
        this.notices = notices;
        this.topics = topics;
        this.lists = lists;
        this.personal = personal;
        this.tokens = tokens;
        this.messages = messages;
        this.ward = ward;
        this.settings = settings;
        this.from = new InternetAddress(from, true);
        this.domain = from.substring(from.lastIndexOf('@') + 1);
        this.baseUrl = siteUrl.base();
    }

    /** The Message-ID of a delivery: the same on every attempt. */
    public String messageId(DeliveryStore.Claimed d) {
        return "<" + d.id() + "." + (d.noticeId() != null ? "n" + d.noticeId() : "p" + d.personalId()) + ".machi@" + domain + ">";
    }

    /** The notice of a delivery, read once per notice and kept (its text does not change after it was sent). */
    Notice notice(long id) {
        if (noticeCache.size() > 200) {
            noticeCache.clear();
        }
        return noticeCache.computeIfAbsent(id, k -> notices.find(k).orElseThrow());
    }

    /** Forgets cached topic and list names (after staff renamed one). */
    public void forgetNames() {
        nameCache.clear();
        mailCache.clear();
    }

    /** Why a claimed delivery must not be sent (its notice expired), or empty. */
    public Optional<String> refusal(DeliveryStore.Claimed d, Instant now) {
        if (d.email() == null) {
            return Optional.of("erased");
        }
        if (d.noticeId() != null && notice(d.noticeId()).expired(now)) {
            return Optional.of("the notice expired before it could be delivered");
        }
        return Optional.empty();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private String topicName(String code, Locale locale) {
        return nameCache.computeIfAbsent("t:" + code + ":" + locale.getLanguage(),
            k -> topics.find(code).map(t -> t.name(locale)).orElse(code));
    }

    private String listName(long id, Locale locale) {
        return nameCache.computeIfAbsent("l:" + id + ":" + locale.getLanguage(),
            k -> lists.find(id).map(l -> l.name(locale)).orElse(""));
    }

    /** Builds the message of a claimed delivery. */
    public MimeMessage build(Session session, DeliveryStore.Claimed d) throws MessagingException {
        return d.noticeId() != null ? buildNotice(session, d) : buildPersonal(session, d);
    }

    /**
     * A notice's mail to one recipient: the parts every recipient in that language shares come ready from
     * {@link NoticeMail} (made once per notice and language); only the links (their tokens), To, Date and Message-ID
     * are made here. The bytes are what Jakarta Mail would write for the same text ({@code MessageFactoryTest}).
     */
    private MimeMessage buildNotice(Session session, DeliveryStore.Claimed d) throws MessagingException {
        Locale locale = "en".equals(d.language()) ? Locale.ENGLISH : Locale.JAPANESE;
        NoticeMail shared = noticeMail(notice(d.noticeId()), locale);
        String unsubscribe = tokens.token(d.subscriptionId(), shared.unsubscribePurpose());
        String manage = tokens.token(d.subscriptionId(), "m");
        PreparedMessage m = new PreparedMessage(session, messageId(d));
        m.setFrom(from);
        m.to(new InternetAddress(d.email(), false));
        m.setHeader("Subject", shared.subject());
        m.setHeader("Date", sentDate());
        m.setHeader("Content-Language", shared.contentLanguage());
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("List-Unsubscribe", "<" + pageUrl("/api/v1/notification/unsubscribe/", unsubscribe) + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        m.setHeader("List-Id", shared.listId());
        if (shared.bulk()) {
            m.setHeader("Precedence", "bulk");
        }
        if (shared.urgent()) {
            m.setHeader("Importance", "high");
        }
        envelopeFrom(session, m, d);
        m.prepared(shared.encoding(), shared.text(unsubscribe, manage));
        return m;
    }

    /**
     * What every recipient of a notice in one language gets alike: the encoded subject, the headers that name the
     * list, and the text around the recipient's two links ({@code head + unsubscribe token + middle + manage token +
     * tail}), with as much of the head encoded already as encodes the same on its own: its whole base64 lines, or its
     * whole lines in quoted-printable (each line is encoded by itself there).
     */
    record NoticeMail(String subject, String contentLanguage, String listId, boolean bulk, boolean urgent,
                      String unsubscribePurpose, String encoding, byte[] encodedHead, byte[] headRest, byte[] middle,
                      byte[] tail) {

        /** Base64 takes 57 bytes to a line of 76 characters: a head cut at a multiple of 57 encodes on its own. */
        static final int LINE_BYTES = 57;

        static NoticeMail of(String subject, String contentLanguage, String listId, boolean bulk, boolean urgent,
                             String unsubscribePurpose, String head, String middle, String tail) throws MessagingException {
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            String sample = head + "0.u.AAAAAAAAAAAAAAAAAAAAAA" + middle + "0.m.AAAAAAAAAAAAAAAAAAAAAA" + tail;
            // the transfer encoding Jakarta Mail chooses for this text (7bit, quoted-printable or base64)
            String encoding = MimeUtility.getEncoding(new jakarta.activation.DataHandler(sample, TEXT_PLAIN));
            boolean base64 = "base64".equalsIgnoreCase(encoding);
            int whole = base64 ? h.length / LINE_BYTES * LINE_BYTES : head.lastIndexOf('\n') < 0 ? 0
                : head.substring(0, head.lastIndexOf('\n') + 1).getBytes(StandardCharsets.UTF_8).length;
            byte[] encodedHead = base64 ? base64Lines(Arrays.copyOf(h, whole), true) : PreparedMessage.encode(encoding, Arrays.copyOf(h, whole));
            String encodedSubject;
            try {
                encodedSubject = MimeUtility.fold(9, MimeUtility.encodeText(subject, StandardCharsets.UTF_8.name(), null));
            } catch (java.io.UnsupportedEncodingException e) {
                throw new MessagingException("Encoding error", e);
            }
            return new NoticeMail(encodedSubject, contentLanguage, listId, bulk, urgent, unsubscribePurpose, encoding, encodedHead,
                Arrays.copyOfRange(h, whole, h.length), middle.getBytes(StandardCharsets.UTF_8), tail.getBytes(StandardCharsets.UTF_8));
        }

        /** The encoded text for one recipient's two link tokens. */
        byte[] text(String unsubscribeToken, String manageToken) throws MessagingException {
            byte[] u = unsubscribeToken.getBytes(StandardCharsets.US_ASCII);
            byte[] m = manageToken.getBytes(StandardCharsets.US_ASCII);
            byte[] rest = new byte[headRest.length + u.length + middle.length + m.length + tail.length];
            int at = 0;
            for (byte[] part : new byte[][] {headRest, u, middle, m, tail}) {
                System.arraycopy(part, 0, rest, at, part.length);
                at += part.length;
            }
            byte[] encoded = "base64".equalsIgnoreCase(encoding) ? base64Lines(rest, false) : PreparedMessage.encode(encoding, rest);
            byte[] all = Arrays.copyOf(encodedHead, encodedHead.length + encoded.length);
            System.arraycopy(encoded, 0, all, encodedHead.length, encoded.length);
            return all;
        }

        /**
         * Base64 in lines of 76 characters separated by CRLF, as Jakarta Mail writes a body part (no CRLF after the last
         * line; {@code more}: more lines follow, so this part ends with one).
         */
        static byte[] base64Lines(byte[] data, boolean more) {
            if (data.length == 0 || !more) {
                return BASE64.encode(data);
            }
            byte[] b = BASE64.encode(data);
            byte[] out = Arrays.copyOf(b, b.length + 2);
            out[b.length] = '\r';
            out[b.length + 1] = '\n';
            return out;
        }
    }

    private static final String TEXT_PLAIN = "text/plain; charset=UTF-8";
    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    /** A notice's shared mail parts for a recipient language, made at the first message and kept (see {@link #notice}). */
    NoticeMail noticeMail(Notice n, Locale locale) throws MessagingException {
        String key = n.id() + ":" + locale.getLanguage();
        NoticeMail cached = mailCache.get(key);
        if (cached != null) {
            return cached;
        }
        if (mailCache.size() > 400) {
            mailCache.clear();
        }
        String contentLanguage = n.textLanguage(locale.getLanguage());
        String source = n.isList() ? listName(n.listId(), locale) : topicName(n.topicCode(), locale);
        boolean urgent = n.priority() == Priority.EMERGENCY;
        String subject = (urgent ? text("notification.mail.subject.emergency", locale, source) : text("notification.mail.subject", locale, source))
            + n.title(contentLanguage);
        StringBuilder head = new StringBuilder();
        head.append(n.title(contentLanguage)).append("\n\n").append(n.body(contentLanguage)).append("\n\n").append(RULE).append('\n');
        if (!contentLanguage.equals(locale.getLanguage())) {
            head.append(text("notification.mail.otherLanguage", locale)).append('\n');
        }
        String purpose;
        String listId;
        if (!n.isList()) {
            head.append(text("notification.mail.published", locale)).append('\n')
                .append(baseUrl).append("/notices/").append(n.id()).append("\n\n");
            head.append(text("notification.mail.why.topic", locale, source)).append('\n');
            head.append(text("notification.mail.unsubscribe.topic", locale, source)).append('\n');
            purpose = "u-" + n.topicCode();
            listId = "<" + n.topicCode() + ".topics." + domain + ">";
        } else {
            head.append(text("notification.mail.why.list", locale, source)).append('\n');
            head.append(text("notification.mail.unsubscribe.list", locale)).append('\n');
            purpose = "u";
            listId = "<list-" + n.listId() + ".lists." + domain + ">";
        }
        head.append(baseUrl).append("/notifications/unsubscribe/");
        String middle = "\n" + text("notification.mail.manage", locale) + "\n" + baseUrl + "/notifications/manage/";
        String tail = "\n\n" + text("notification.mail.noreply", locale, ward.name(locale)) + "\n";
        NoticeMail made = NoticeMail.of(subject.replaceAll("[\\r\\n\\t]+", " "), contentLanguage, listId,
            n.priority() == Priority.BULK, urgent, purpose, head.toString(), middle, tail);
        mailCache.put(key, made);
        return made;
    }

    /** A personal notice's mail (one per person: nothing to share between recipients). */
    private MimeMessage buildPersonal(Session session, DeliveryStore.Claimed d) throws MessagingException {
        Locale locale = Locale.forLanguageTag("en".equals(d.language()) ? "en" : "ja");
        StringBuilder body = new StringBuilder();
        PersonalRecord p = personal.find(d.personalId()).orElseThrow();
        String contentLanguage = p.language();
        String subject = p.title();
        body.append(p.body()).append('\n');
        if (p.link() != null) {
            body.append('\n').append(p.link().startsWith("/") ? baseUrl + p.link() : p.link()).append('\n');
        }
        body.append('\n').append(RULE).append('\n');
        body.append(text("notification.mail.reason", locale)).append(' ').append(p.reason()).append("\n\n");
        String token = tokens.token(p.id(), "p-" + p.typeCode());
        body.append(text("notification.mail.stop", locale)).append('\n').append(pageUrl("/notifications/stop/", token)).append('\n');
        if (p.accountId() != null) {
            body.append(text("notification.mail.settings", locale)).append('\n').append(baseUrl).append("/account/notifications/settings\n");
        }
        body.append('\n');
        String unsubscribe = pageUrl("/api/v1/notification/unsubscribe/", token);
        body.append(text("notification.mail.noreply", locale, ward.name(locale))).append('\n');

        FixedIdMessage m = new FixedIdMessage(session, messageId(d));
        m.setFrom(from);
        m.to(new InternetAddress(d.email(), false));
        m.setSubject(subject.replaceAll("[\\r\\n\\t]+", " "), StandardCharsets.UTF_8.name());
        m.setText(body.toString(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        m.setHeader("Content-Language", contentLanguage);
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        envelopeFrom(session, m, d);
        return m;
    }

    /**
     * The envelope sender: the bounce address with the delivery's id (VERP) when one is set; else the From address,
     * named here so the transport need not parse the From header back for every message (an operator's
     * {@code mail.smtp.from} still wins, as it would without this).
     */
    private void envelopeFrom(Session session, SMTPMessage m, DeliveryStore.Claimed d) {
        if (!settings.bounceAddress().isEmpty()) {
            String b = settings.bounceAddress();
            int at = b.lastIndexOf('@');
            m.setEnvelopeFrom(b.substring(0, at) + "+" + d.id() + b.substring(at));
        } else if (session.getProperty("mail.smtp.from") == null) {
            m.setEnvelopeFrom(from.getAddress());
        }
    }

    /** The recipients of a message built here, without parsing its To header back. */
    static jakarta.mail.Address[] recipients(MimeMessage m) throws MessagingException {
        return m instanceof FixedIdMessage f && f.to != null ? new jakarta.mail.Address[] {f.to} : m.getAllRecipients();
    }

    /** The Date header of a message sent now, formatted once per second (Jakarta Mail's format). */
    private String sentDate() {
        long second = System.currentTimeMillis() / 1000;
        DateHeader h = dateHeader;
        if (h == null || h.second() != second) {
            synchronized (DATE_FORMAT) {
                h = new DateHeader(second, DATE_FORMAT.format(new Date(second * 1000)));
            }
            dateHeader = h;
        }
        return h.value();
    }

    private record DateHeader(long second, String value) {}

    private static final MailDateFormat DATE_FORMAT = new MailDateFormat();
    private volatile DateHeader dateHeader;

    private String pageUrl(String path, String token) {
        return baseUrl + path + token;
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up when it is saved. */
    static class FixedIdMessage extends SMTPMessage {
        private final String id;
        private InternetAddress to;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }

        /** The one recipient (To). */
        void to(InternetAddress address) throws MessagingException {
            setRecipient(Message.RecipientType.TO, address);
            to = address;
        }
    }

    /**
     * A message whose header lines and encoded text are complete when it is built: written as they are, without Jakarta
     * Mail's save step (which would encode the text once to choose a transfer encoding and again to write it).
     */
    static final class PreparedMessage extends FixedIdMessage {

        PreparedMessage(Session session, String id) {
            super(session, id);
        }

        /** The text, already in {@code encoding}; the MIME headers Jakarta Mail's save step would set. */
        void prepared(String encoding, byte[] encoded) throws MessagingException {
            setHeader("MIME-Version", "1.0");
            setHeader("Content-Type", TEXT_PLAIN);
            setHeader("Content-Transfer-Encoding", encoding);
            updateMessageID();
            content = encoded;
            modified = false;
            saved = true;
        }

        /** Text in 7bit or quoted-printable, as Jakarta Mail encodes it. */
        static byte[] encode(String encoding, byte[] text) throws MessagingException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length + text.length / 4);
            try (java.io.OutputStream os = MimeUtility.encode(out, encoding)) {
                os.write(text);
            } catch (java.io.IOException e) {
                throw new MessagingException("encoding the text failed", e);
            }
            return out.toByteArray();
        }
    }

    /** For the staff preview: the subject and text a recipient in {@code language} would get (links shown as examples). */
    public Map<String, String> preview(Notice n, String language) {
        Locale locale = Locale.forLanguageTag(language);
        String lang = n.textLanguage(language);
        String source = n.isList() ? listName(n.listId(), locale) : topicName(n.topicCode(), locale);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("subject", (n.priority() == Priority.EMERGENCY ? text("notification.mail.subject.emergency", locale, source)
            : text("notification.mail.subject", locale, source)) + n.title(lang));
        StringBuilder b = new StringBuilder(n.title(lang)).append("\n\n").append(n.body(lang)).append("\n\n").append(RULE).append('\n');
        if (!lang.equals(language)) {
            b.append(text("notification.mail.otherLanguage", locale)).append('\n');
        }
        if (!n.isList()) {
            b.append(text("notification.mail.published", locale)).append('\n').append(baseUrl).append("/notices/").append(n.id()).append("\n\n");
            b.append(text("notification.mail.why.topic", locale, source)).append('\n');
            b.append(text("notification.mail.unsubscribe.topic", locale, source)).append('\n').append(baseUrl).append("/notifications/unsubscribe/…\n");
        } else {
            b.append(text("notification.mail.why.list", locale, source)).append('\n');
            b.append(text("notification.mail.unsubscribe.list", locale)).append('\n').append(baseUrl).append("/notifications/unsubscribe/…\n");
        }
        b.append(text("notification.mail.manage", locale)).append('\n').append(baseUrl).append("/notifications/manage/…\n\n");
        b.append(text("notification.mail.noreply", locale, ward.name(locale))).append('\n');
        m.put("body", b.toString());
        m.put("language", lang);
        return m;
    }
}
