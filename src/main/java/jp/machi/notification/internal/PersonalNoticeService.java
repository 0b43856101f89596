package jp.machi.notification.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.notification.PersonalNotice;
import jp.machi.notification.PersonalNotices;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal notices: worded by the type's rule, written once per type, key and person (so a listener that runs again
 * notifies nobody twice), shown in My Page and, unless the person chose My Page only, mailed on the transactional
 * lane. Every one says why the person got it (the rule's reason) and how to stop it (a link in the mail, the
 * settings in My Page).
 */
@Service
public class PersonalNoticeService implements PersonalNotices {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([a-zA-Z][a-zA-Z0-9_-]*)\\)\\)");
    public static final String INBOX_ONLY = "INBOX_ONLY";
    public static final String OFF = "OFF";

    private final Rules rules;
    private final PersonalRepository personal;
    private final DeliveryStore deliveries;
    private final DeliveryEngine engine;
    private final Accounts accounts;
    private final LinkTokens tokens;

    PersonalNoticeService(Rules rules, PersonalRepository personal, DeliveryStore deliveries, DeliveryEngine engine,
                          Accounts accounts, LinkTokens tokens) {
        this.rules = rules;
        this.personal = personal;
        this.deliveries = deliveries;
        this.engine = engine;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** Fills {@code ((name))} placeholders; unknown ones become empty. */
    public static String fill(String template, Map<String, String> values) {
        if (template == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Override
    @Transactional
    public boolean send(PersonalNotice notice) {
        Rule rule = rules.find(notice.type())
            .orElseThrow(() -> new IllegalArgumentException("no notification type " + notice.type() + " is declared"));
        if (!rule.enabled()) {
            return false;
        }
        Long accountId = notice.accountId();
        String email;
        String language;
        if (accountId != null) {
            Optional<AccountSummary> a = accounts.find(accountId);
            if (a.isEmpty()) {
                return false;
            }
            email = a.get().email().toLowerCase(Locale.ROOT);
            language = "en".equals(a.get().preferredLanguage()) ? "en" : "ja";
        } else {
            Optional<String> normalized = Emails.normalize(notice.email());
            if (normalized.isEmpty()) {
                return false;
            }
            email = normalized.get();
            language = "en".equals(notice.language()) ? "en" : "ja";
        }
        String choice = personal.choice(notice.type(), accountId, email);
        if (OFF.equals(choice)) {
            return false;
        }
        String title = fill(rule.subject(language), notice.values()).replaceAll("\\p{Cntrl}+", " ").strip();
        if (title.length() > 300) {
            title = title.substring(0, 299) + "…";
        }
        String body = fill(rule.body(language), notice.values()).strip();
        String reason = fill(rule.reason(language), notice.values()).strip();
        String link = notice.link() != null && notice.link().length() <= 500 ? notice.link() : null;
        Optional<Long> id = personal.insertOnce(notice.type(), notice.key(), accountId, email, language, title, body, reason, link);
        if (id.isEmpty()) {
            return false;
        }
        if (!INBOX_ONLY.equals(choice) && !deliveries.suppressed(email)) {
            deliveries.queuePersonal(id.get(), accountId, email, language);
            engine.wakeAfterCommit(Lanes.TRANSACTIONAL);
        }
        return true;
    }

    /** The personal notice a stop token is for. */
    public Optional<PersonalRecord> byStopToken(String token) {
        return tokens.parse(token).filter(p -> p.purpose().startsWith("p-")).flatMap(p -> personal.find(p.id())
            .filter(r -> p.purpose().equals("p-" + r.typeCode())));
    }

    /** Stops a type for the person a stop token names (idempotent); false for a token that is not ours. */
    @Transactional
    public boolean stop(String token) {
        Optional<PersonalRecord> r = byStopToken(token);
        r.ifPresent(x -> personal.setChoice(x.typeCode(), x.accountId(), x.accountId() == null ? x.email() : null, OFF));
        return r.isPresent();
    }

    /** A person's choice per type (null: mail and My Page). */
    public Map<String, String> choices(long accountId) {
        return personal.choices(accountId);
    }

    @Transactional
    public void choose(long accountId, String type, String mode) {
        if (rules.type(type).isEmpty()) {
            throw new Problem.Rejected(Problem.of("type", "notification.settings.type.unknown"));
        }
        if (mode != null && !List.of(INBOX_ONLY, OFF).contains(mode)) {
            throw new Problem.Rejected(Problem.of("mode", "notification.settings.mode.invalid"));
        }
        personal.setChoice(type, accountId, null, mode);
    }
}
