package jp.machi.notification.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
        Locale locale = Locale.forLanguageTag("en".equals(d.language()) ? "en" : "ja");
        String subject;
        StringBuilder body = new StringBuilder();
        String unsubscribe;
        String listId = null;
        boolean bulk = false;
        boolean urgent = false;
        String contentLanguage;
        if (d.noticeId() != null) {
            Notice n = notice(d.noticeId());
            contentLanguage = n.textLanguage(locale.getLanguage());
            Locale textLocale = Locale.forLanguageTag(contentLanguage);
            String source = n.isList() ? listName(n.listId(), locale) : topicName(n.topicCode(), locale);
            urgent = n.priority() == Priority.EMERGENCY;
            bulk = n.priority() == Priority.BULK;
            subject = (urgent ? text("notification.mail.subject.emergency", locale, source) : text("notification.mail.subject", locale, source))
                + n.title(contentLanguage);
            body.append(n.title(contentLanguage)).append("\n\n").append(n.body(contentLanguage)).append("\n\n").append(RULE).append('\n');
            if (!textLocale.getLanguage().equals(locale.getLanguage())) {
                body.append(text("notification.mail.otherLanguage", locale)).append('\n');
            }
            if (!n.isList()) {
                body.append(text("notification.mail.published", locale)).append('\n')
                    .append(baseUrl).append("/notices/").append(n.id()).append("\n\n");
                body.append(text("notification.mail.why.topic", locale, source)).append('\n');
                body.append(text("notification.mail.unsubscribe.topic", locale, source)).append('\n')
                    .append(pageUrl("/notifications/unsubscribe/", tokens.token(d.subscriptionId(), "u-" + n.topicCode()))).append('\n');
                unsubscribe = pageUrl("/api/v1/notification/unsubscribe/", tokens.token(d.subscriptionId(), "u-" + n.topicCode()));
                listId = "<" + n.topicCode() + ".topics." + domain + ">";
            } else {
                body.append(text("notification.mail.why.list", locale, source)).append('\n');
                body.append(text("notification.mail.unsubscribe.list", locale)).append('\n')
                    .append(pageUrl("/notifications/unsubscribe/", tokens.token(d.subscriptionId(), "u"))).append('\n');
                unsubscribe = pageUrl("/api/v1/notification/unsubscribe/", tokens.token(d.subscriptionId(), "u"));
                listId = "<list-" + n.listId() + ".lists." + domain + ">";
            }
            body.append(text("notification.mail.manage", locale)).append('\n')
                .append(pageUrl("/notifications/manage/", tokens.token(d.subscriptionId(), "m"))).append("\n\n");
        } else {
            PersonalRecord p = personal.find(d.personalId()).orElseThrow();
            contentLanguage = p.language();
            subject = p.title();
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
            unsubscribe = pageUrl("/api/v1/notification/unsubscribe/", token);
        }
        body.append(text("notification.mail.noreply", locale, ward.name(locale))).append('\n');

        MimeMessage m = new FixedIdMessage(session, messageId(d));
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(d.email(), false));
        m.setSubject(subject.replaceAll("[\\r\\n\\t]+", " "), StandardCharsets.UTF_8.name());
        m.setText(body.toString(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        m.setHeader("Content-Language", contentLanguage);
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (listId != null) {
            m.setHeader("List-Id", listId);
        }
        if (bulk) {
            m.setHeader("Precedence", "bulk");
        }
        if (urgent) {
            m.setHeader("Importance", "high");
        }
        if (!settings.bounceAddress().isEmpty() && m instanceof SMTPMessage sm) {
            String b = settings.bounceAddress();
            int at = b.lastIndexOf('@');
            sm.setEnvelopeFrom(b.substring(0, at) + "+" + d.id() + b.substring(at));
        }
        return m;
    }

    private String pageUrl(String path, String token) {
        return baseUrl + path + token;
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up when it is saved. */
    static final class FixedIdMessage extends SMTPMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
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
