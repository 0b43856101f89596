package jp.machi.notification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.AccountSummary;
import jp.machi.mail.Mailer;
import jp.machi.shared.web.SiteUrl;
import jp.machi.ward.WardProfile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscribing, confirming, changing and ending subscriptions.
 *
 * <p>Without an account it is a double opt-in: the request is stored PENDING and a mail with a one-time link goes to
 * the address; the link opens a page whose button confirms (a GET never confirms, so link scanners cannot). The
 * answer to a request is always the same, whether the address is new, pending or subscribed: only the mail differs
 * (a confirmation, or "you already subscribe, here is your preference page"), and at most one mail goes to an
 * address per {@link #MAIL_INTERVAL}, so the form cannot be used to flood someone's mailbox.
 */
@Service
public class SubscriptionService {

    public static final Duration MAIL_INTERVAL = Duration.ofMinutes(10);
    public static final Duration CONFIRM_WITHIN = Duration.ofDays(7);

    private final SubscriptionRepository subscriptions;
    private final Topics topics;
    private final Areas areas;
    private final NotificationLists lists;
    private final WardProfile ward;
    private final Mailer mailer;
    private final LinkTokens tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final String baseUrl;

    SubscriptionService(SubscriptionRepository subscriptions, Topics topics, Areas areas, NotificationLists lists,
                        WardProfile ward, Mailer mailer, LinkTokens tokens, AuditLog audit, Clock clock,
                        SiteUrl siteUrl) {
        this.subscriptions = subscriptions;
        this.topics = topics;
        this.areas = areas;
        this.lists = lists;
        this.ward = ward;
        this.mailer = mailer;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = siteUrl.base();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The problems of an input (for forms and the API, before anything is written). */
    public List<Problem> check(SubscriptionInput in) {
        return in.check(topics, areas, ward);
    }

    /**
     * A request without an account (the form or the API). Refuses bad input with {@link Problem.Rejected}; otherwise
     * answers nothing that depends on the address.
     */
    @Transactional
    public void request(String rawEmail, SubscriptionInput in) {
        List<Problem> problems = new ArrayList<>();
        Optional<String> email = Emails.normalize(rawEmail);
        if (email.isEmpty()) {
            problems.add(Problem.of("email", rawEmail == null || rawEmail.isBlank() ? "notification.email.required" : "notification.email.invalid"));
        }
        problems.addAll(check(in));
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        String language = in.languageOr("ja");
        Optional<OptIn> optIn = startOptIn(null, email.get(), hash -> subscriptions.insert(null, email.get(), null, language,
            Subscription.PENDING, null, in.nearLat(), in.nearLon(), in.nearRadiusM(), hash, true));
        if (optIn.isEmpty()) {
            return;
        }
        long id = optIn.get().id();
        String token = optIn.get().token();
        store(id, language, null, in);
        Locale locale = Locale.forLanguageTag(language);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("link", jp.machi.mail.Secret.of(baseUrl + "/notifications/confirm/" + token));
        model.put("topics", in.topics().stream().map(t -> topics.find(t).map(x -> x.name(locale)).orElse(t)).collect(Collectors.joining("、")));
        model.put("areas", areasText(in.areas(), in.nearRadiusM(), locale));
        model.put("ward", ward.name(locale));
        model.put("days", CONFIRM_WITHIN.toDays());
        mailer.send(email.get(), "notification/confirm", locale, model);
    }

    /** A parent joins a school's or nursery's list with its code, without an account (double opt-in). */
    @Transactional
    public void requestList(String rawCode, String rawEmail, String label, String language) {
        List<Problem> problems = new ArrayList<>();
        Optional<NotificationList> list = lists.byCode(rawCode);
        if (list.isEmpty()) {
            problems.add(Problem.of("code", rawCode == null || rawCode.isBlank() ? "notification.join.code.required" : "notification.join.code.unknown"));
        }
        Optional<String> email = Emails.normalize(rawEmail);
        if (email.isEmpty()) {
            problems.add(Problem.of("email", rawEmail == null || rawEmail.isBlank() ? "notification.email.required" : "notification.email.invalid"));
        }
        String cleanLabel = label(label, problems);
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        String lang = "en".equals(language) ? "en" : "ja";
        Optional<OptIn> optIn = startOptIn(list.get().id(), email.get(), hash -> subscriptions.insert(list.get().id(),
            email.get(), null, lang, Subscription.PENDING, cleanLabel, null, null, null, hash, true));
        if (optIn.isEmpty()) {
            return;
        }
        long id = optIn.get().id();
        String token = optIn.get().token();
        subscriptions.replace(id, lang, cleanLabel, null, null, null, List.of(), List.of(), List.of());
        Locale locale = Locale.forLanguageTag(lang);
        mailer.send(email.get(), "notification/list-confirm", locale, Map.of(
            "link", jp.machi.mail.Secret.of(baseUrl + "/notifications/confirm/" + token), "list", list.get().name(locale),
            "ward", ward.name(locale), "days", CONFIRM_WITHIN.toDays()));
    }

    private String label(String label, List<Problem> problems) {
        String clean = label == null ? null : label.strip();
        if (clean != null && clean.isEmpty()) {
            clean = null;
        }
        if (clean != null && (clean.length() > 100 || clean.chars().anyMatch(Character::isISOControl))) {
            problems.add(Problem.of("label", "notification.join.label.invalid", 100));
        }
        return clean;
    }

    /** A subscription waiting for its confirmation, and the secret of the link that confirms it. */
    private record OptIn(long id, String token) {}

    /**
     * Starts (or starts again) the double opt-in of an address for the ward's mail ({@code listId} null) or a list:
     * nothing when it was mailed a moment ago, a note to the address when it is subscribed already (the answer is the
     * same either way); otherwise the row waits for confirmation under a new token — the existing row, or a new one
     * written by {@code insert} with the token's hash.
     */
    private Optional<OptIn> startOptIn(Long listId, String email, java.util.function.ToLongFunction<String> insert) {
        Optional<Subscription> existing = subscriptions.findByEmailForUpdate(listId, email);
        if (existing.isPresent() && recentlyMailed(existing.get())) {
            return Optional.empty();
        }
        if (existing.isPresent() && existing.get().active()) {
            mailAlreadySubscribed(existing.get());
            return Optional.empty();
        }
        String token = LinkTokens.randomToken();
        String hash = LinkTokens.sha256(token);
        if (existing.isPresent()) {
            subscriptions.setPending(existing.get().id(), hash);
            return Optional.of(new OptIn(existing.get().id(), token));
        }
        return Optional.of(new OptIn(insert.applyAsLong(hash), token));
    }

    private boolean recentlyMailed(Subscription s) {
        return s.mailedAt() != null && s.mailedAt().isAfter(clock.instant().minus(MAIL_INTERVAL));
    }

    private void mailAlreadySubscribed(Subscription s) {
        Locale locale = Locale.forLanguageTag(s.language());
        String what = s.isList() ? lists.find(s.listId()).map(l -> l.name(locale)).orElse("") : ward.name(locale);
        subscriptions.markMailed(s.id());
        mailer.send(s.email(), "notification/already-subscribed", locale, Map.of(
            "manage", jp.machi.mail.Secret.of(manageUrl(s.id())), "what", what, "ward", ward.name(locale)));
    }

    private void store(long id, String language, String label, SubscriptionInput in) {
        List<String> derived = in.hasPoint() ? areas.within(in.nearLat(), in.nearLon(), in.nearRadiusM()) : List.of();
        subscriptions.replace(id, language, label, in.nearLat(), in.nearLon(), in.nearRadiusM(), in.topics(), in.areas(), derived);
    }

    /** The pending subscription a confirmation token is for (still valid), without confirming it. */
    @Transactional
    public Optional<Subscription> pending(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return subscriptions.findByConfirmToken(LinkTokens.sha256(token))
            .filter(s -> !s.active())
            .filter(s -> s.mailedAt() == null || s.mailedAt().isAfter(clock.instant().minus(CONFIRM_WITHIN)));
    }

    /** Confirms (the page's button): the subscription becomes ACTIVE. Empty when the token is unknown or old. */
    @Transactional
    public Optional<Subscription> confirm(String token) {
        Optional<Subscription> s = pending(token);
        s.ifPresent(x -> subscriptions.activate(x.id(), null));
        return s.flatMap(x -> subscriptions.find(x.id()));
    }

    /** From My Page: the account's subscription to the ward's mail, active at once (the address is verified). */
    @Transactional
    public Subscription saveForAccount(AccountSummary account, SubscriptionInput in) {
        List<Problem> problems = check(in);
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        String email = account.email().toLowerCase(Locale.ROOT);
        subscriptions.syncAccountEmail(account.id(), email);
        String language = in.languageOr(account.preferredLanguage());
        Optional<Subscription> existing = subscriptions.findByEmailForUpdate(null, email);
        long id = existing.map(Subscription::id).orElseGet(() -> subscriptions.insert(null, email, account.id(), language,
            Subscription.ACTIVE, null, in.nearLat(), in.nearLon(), in.nearRadiusM(), null, false));
        store(id, language, null, in);
        subscriptions.activate(id, account.id());
        return subscriptions.find(id).orElseThrow();
    }

    /** From My Page: joins a list at once (the address is verified). */
    @Transactional
    public NotificationList joinForAccount(AccountSummary account, String rawCode, String label) {
        List<Problem> problems = new ArrayList<>();
        Optional<NotificationList> list = lists.byCode(rawCode);
        if (list.isEmpty()) {
            problems.add(Problem.of("code", rawCode == null || rawCode.isBlank() ? "notification.join.code.required" : "notification.join.code.unknown"));
        }
        String cleanLabel = label(label, problems);
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        String email = account.email().toLowerCase(Locale.ROOT);
        subscriptions.syncAccountEmail(account.id(), email);
        Optional<Subscription> existing = subscriptions.findByEmailForUpdate(list.get().id(), email);
        long id = existing.map(Subscription::id).orElseGet(() -> subscriptions.insert(list.get().id(), email, account.id(),
            account.preferredLanguage(), Subscription.ACTIVE, cleanLabel, null, null, null, null, false));
        subscriptions.replace(id, existing.map(Subscription::language).orElse(account.preferredLanguage()), cleanLabel,
            null, null, null, List.of(), List.of(), List.of());
        subscriptions.activate(id, account.id());
        return list.get();
    }

    /** Changes an active subscription from its preference page. */
    @Transactional
    public Subscription update(long id, SubscriptionInput in) {
        Subscription s = subscriptions.findForUpdate(id).orElseThrow(() -> new Problem.Rejected(Problem.of("id", "notification.manage.gone")));
        if (s.isList()) {
            throw new Problem.Rejected(Problem.of("id", "notification.manage.gone"));
        }
        List<Problem> problems = check(in);
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        for (String t : s.topics()) {
            if (!in.topics().contains(t)) {
                subscriptions.recordUnsubscribe(t, null, "PAGE");
            }
        }
        store(id, in.languageOr(s.language()), null, in);
        return subscriptions.find(id).orElseThrow();
    }

    /**
     * One-click unsubscribe (RFC 8058) and the unsubscribe page: ends the topic the mail was for (or the list, or
     * everything for {@code u}). Idempotent: a token for a subscription or topic that is already gone answers true.
     * False only for a token that is not ours.
     */
    @Transactional
    public boolean unsubscribe(String token, String via) {
        Optional<LinkTokens.Parsed> parsed = tokens.parse(token);
        if (parsed.isEmpty() || !parsed.get().purpose().startsWith("u")) {
            return false;
        }
        Optional<Subscription> found = subscriptions.findForUpdate(parsed.get().id());
        if (found.isEmpty()) {
            return true;
        }
        Subscription s = found.get();
        String purpose = parsed.get().purpose();
        if (purpose.startsWith("u-") && !s.isList()) {
            String topic = purpose.substring(2);
            if (s.topics().contains(topic)) {
                subscriptions.removeTopic(s.id(), topic);
                subscriptions.recordUnsubscribe(topic, null, via);
                if (s.topics().size() == 1) {
                    subscriptions.delete(s.id());
                }
            }
            return true;
        }
        end(s, via);
        return true;
    }

    /** What an unsubscribe token is for, to show on its page before the button: the subscription and topic. */
    @Transactional(readOnly = true)
    public Optional<UnsubscribeTarget> unsubscribeTarget(String token) {
        Optional<LinkTokens.Parsed> parsed = tokens.parse(token);
        if (parsed.isEmpty() || !parsed.get().purpose().startsWith("u")) {
            return Optional.empty();
        }
        String topic = parsed.get().purpose().startsWith("u-") ? parsed.get().purpose().substring(2) : null;
        return Optional.of(new UnsubscribeTarget(subscriptions.find(parsed.get().id()).orElse(null), topic));
    }

    public record UnsubscribeTarget(Subscription subscription, String topic) {}

    /** Ends a whole subscription (ward mail or a list). */
    @Transactional
    public void end(Subscription s, String via) {
        if (s.isList()) {
            subscriptions.recordUnsubscribe(null, s.listId(), via);
        } else {
            for (String t : s.topics()) {
                subscriptions.recordUnsubscribe(t, null, via);
            }
        }
        subscriptions.delete(s.id());
    }

    /** The subscription a preference-page token is for. */
    @Transactional(readOnly = true)
    public Optional<Subscription> byManageToken(String token) {
        return tokens.parse(token).filter(p -> p.purpose().equals("m")).flatMap(p -> subscriptions.find(p.id()))
            .filter(Subscription::active);
    }

    public String manageUrl(long subscriptionId) {
        return baseUrl + managePath(subscriptionId);
    }

    /** The preference page's path, for links on this site's own pages. */
    public String managePath(long subscriptionId) {
        return "/notifications/manage/" + tokens.token(subscriptionId, "m");
    }

    /** The one-click address for a mail of a topic (or of a list when {@code topic} is null). */
    public String unsubscribeApiUrl(long subscriptionId, String topic) {
        return baseUrl + "/api/v1/notification/unsubscribe/" + tokens.token(subscriptionId, topic == null ? "u" : "u-" + topic);
    }

    /** The page behind the unsubscribe link in a mail's text. */
    public String unsubscribePageUrl(long subscriptionId, String topic) {
        return baseUrl + "/notifications/unsubscribe/" + tokens.token(subscriptionId, topic == null ? "u" : "u-" + topic);
    }

    /** The account's subscriptions (their address kept in step with the account's). */
    @Transactional
    public List<Subscription> ofAccount(AccountSummary account) {
        subscriptions.syncAccountEmail(account.id(), account.email().toLowerCase(Locale.ROOT));
        return subscriptions.byAccount(account.id());
    }

    public Optional<Subscription> find(long id) {
        return subscriptions.find(id);
    }

    /** A staff member reads a list's members (personal data: audited). */
    @Transactional
    public List<Subscription> members(NotificationList list) {
        audit.record(AuditEvent.byCurrentActor("notification.list.members.read", null, "notification-list:" + list.id(),
            AuditDetail.of("notification.audit.list.members", AuditDetail.named(list.nameJa(), list.nameEn()))));
        return subscriptions.members(list.id());
    }

    /** "豊玉北、練馬" or "the whole ward" or "within 1,000 m of a point". */
    public String areasText(List<String> districts, Integer radius, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        List<String> parts = new ArrayList<>(districts.stream().map(d -> areas.name(d, locale)).toList());
        if (radius != null) {
            parts.add(en ? "within " + radius + " m of the place you gave" : "指定した地点から" + radius + "メートル以内");
        }
        if (parts.isEmpty()) {
            return en ? "the whole ward" : "区内全域";
        }
        return String.join(en ? ", " : "、", parts);
    }

    /** Unconfirmed requests are forgotten after {@link #CONFIRM_WITHIN} (hourly). */
    @Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    public void forgetUnconfirmed() {
        subscriptions.deleteUnconfirmed(Instant.now().minus(CONFIRM_WITHIN));
    }
}
