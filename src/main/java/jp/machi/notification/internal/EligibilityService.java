package jp.machi.notification.internal;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.notification.PersonalNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Services you may be eligible for": staff say whom a service is for (districts, age bands, a child's age in
 * months); residents who told Machi matching facts in My Page get one personal notice per service (and per child for
 * child services), saying which of their answers matched. Matched when a resident saves their answers, when staff save
 * a service, and daily (children grow into a range).
 */
@Service
public class EligibilityService {

    public static final String TYPE = "notification.eligibility";
    private static final Logger log = LoggerFactory.getLogger(EligibilityService.class);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final EligibilityRepository repository;
    private final PersonalNoticeService notices;
    private final Accounts accounts;
    private final Areas areas;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    EligibilityService(EligibilityRepository repository, PersonalNoticeService notices, Accounts accounts, Areas areas,
                       AuditLog audit, Clock clock, TransactionTemplate tx) {
        this.repository = repository;
        this.notices = notices;
        this.accounts = accounts;
        this.areas = areas;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    public Profile profile(long accountId) {
        return repository.profile(accountId);
    }

    /** Saves a resident's answers and tells them at once about the services they now match. */
    @Transactional
    public int saveProfile(Profile p) {
        List<Problem> problems = new ArrayList<>();
        if (p.district() != null && !areas.isDistrict(p.district())) {
            problems.add(Problem.of("district", "notification.profile.district.invalid"));
        }
        if (p.ageBand() != null && !Profile.AGE_BANDS.contains(p.ageBand())) {
            problems.add(Problem.of("ageBand", "notification.profile.ageBand.invalid"));
        }
        YearMonth now = YearMonth.now(clock.withZone(TOKYO));
        if (p.children().size() > 6) {
            problems.add(Problem.of("children", "notification.profile.children.tooMany", 6));
        }
        for (YearMonth m : p.children()) {
            if (m.isAfter(now.plusMonths(10)) || m.isBefore(now.minusYears(20))) {
                problems.add(Problem.of("children", "notification.profile.children.invalid"));
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        repository.save(new Profile(p.accountId(), p.district(), p.ageBand(), p.children().stream().distinct().sorted().toList()));
        int sent = 0;
        Profile saved = repository.profile(p.accountId());
        for (Eligibility e : repository.active()) {
            sent += match(e, saved);
        }
        return sent;
    }

    /** The problems of a service's definition. */
    public List<Problem> check(Eligibility e) {
        List<Problem> problems = new ArrayList<>();
        if (e.titleJa() == null || e.titleJa().isBlank() || e.titleJa().length() > 200) {
            problems.add(Problem.of("titleJa", "notification.notice.title.invalid", 200));
        }
        if (e.bodyJa() == null || e.bodyJa().isBlank() || e.bodyJa().length() > NoticeService.MAX_BODY) {
            problems.add(Problem.of("bodyJa", "notification.notice.body.invalid", NoticeService.MAX_BODY));
        }
        if ((e.titleEn() == null) != (e.bodyEn() == null)) {
            problems.add(Problem.of(e.titleEn() == null ? "titleEn" : "bodyEn", "notification.eligibility.english.both"));
        }
        if (e.titleEn() != null && e.titleEn().length() > 200) {
            problems.add(Problem.of("titleEn", "notification.notice.title.invalid", 200));
        }
        if (e.bodyEn() != null && e.bodyEn().length() > NoticeService.MAX_BODY) {
            problems.add(Problem.of("bodyEn", "notification.notice.body.invalid", NoticeService.MAX_BODY));
        }
        if (e.link() != null && (e.link().length() > 500 || !(e.link().startsWith("https://") || e.link().startsWith("/")))) {
            problems.add(Problem.of("link", "notification.eligibility.link.invalid"));
        }
        for (String d : e.districts()) {
            if (!areas.isDistrict(d)) {
                problems.add(Problem.of("districts", "notification.subscribe.areas.unknown", d));
                break;
            }
        }
        for (String b : e.ageBands()) {
            if (!Profile.AGE_BANDS.contains(b)) {
                problems.add(Problem.of("ageBands", "notification.profile.ageBand.invalid"));
                break;
            }
        }
        if (e.childMinMonths() != null && (e.childMinMonths() < 0 || e.childMinMonths() > 240)
            || e.childMaxMonths() != null && (e.childMaxMonths() < 0 || e.childMaxMonths() > 240)
            || e.childMinMonths() != null && e.childMaxMonths() != null && e.childMinMonths() > e.childMaxMonths()) {
            problems.add(Problem.of("childMinMonths", "notification.eligibility.months.invalid"));
        }
        if (e.districts().isEmpty() && e.ageBands().isEmpty() && !e.childCondition()) {
            problems.add(Problem.of("districts", "notification.eligibility.condition.required"));
        }
        return problems;
    }

    /** Saves a service (new when id is 0) and, when active, tells everyone who matches. Returns its id. */
    @Transactional
    public long save(Eligibility e, long staffId) {
        List<Problem> problems = check(e);
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        long id;
        if (e.id() == 0) {
            id = repository.insert(e, staffId);
        } else {
            repository.update(e);
            id = e.id();
        }
        audit.record(AuditEvent.byCurrentActor("notification.eligibility.save", null, "eligibility:" + id,
            AuditDetail.of("notification.audit.eligibility", AuditDetail.named(e.titleJa(), e.titleEn()))));
        return id;
    }

    /** Matches one service against every profile now (after staff saved it). Returns how many were notified. */
    public int matchAll(long eligibilityId) {
        Eligibility e = repository.find(eligibilityId).orElseThrow();
        if (!e.active()) {
            return 0;
        }
        int sent = 0;
        for (Profile p : repository.profiles()) {
            Integer n = tx.execute(s -> match(e, p));
            sent += n == null ? 0 : n;
        }
        return sent;
    }

    /** Daily at 08:00 Tokyo time: children grow into a service's age range. */
    @Scheduled(cron = "0 0 8 * * *", zone = "Asia/Tokyo")
    public void daily() {
        try {
            int sent = 0;
            for (Eligibility e : repository.active()) {
                sent += matchAll(e.id());
            }
            if (sent > 0) {
                log.info("{} notices about services residents may be eligible for", sent);
            }
        } catch (RuntimeException ex) {
            log.warn("Eligibility match failed: {}", ex.toString());
        }
    }

    /** The notices for one service and one person (0, 1, or one per matching child). */
    int match(Eligibility e, Profile p) {
        if (!e.districts().isEmpty() && (p.district() == null || !e.districts().contains(p.district()))) {
            return 0;
        }
        if (!e.ageBands().isEmpty() && (p.ageBand() == null || !e.ageBands().contains(p.ageBand()))) {
            return 0;
        }
        AccountSummary account = accounts.find(p.accountId()).orElse(null);
        if (account == null || account.staff()) {
            return 0;
        }
        String language = "en".equals(account.preferredLanguage()) ? "en" : "ja";
        boolean en = "en".equals(language);
        List<String> facts = new ArrayList<>();
        if (!e.districts().isEmpty()) {
            facts.add(en ? "your district (" + p.district() + ")" : "お住まいの町（" + p.district() + "）");
        }
        if (!e.ageBands().isEmpty()) {
            facts.add(en ? "your age band (" + ageBand(p.ageBand(), true) + ")" : "年齢層（" + ageBand(p.ageBand(), false) + "）");
        }
        if (!e.childCondition()) {
            return send(e, account, language, "eligibility:" + e.id(), String.join(en ? ", " : "、", facts)) ? 1 : 0;
        }
        YearMonth now = YearMonth.now(clock.withZone(TOKYO));
        int sent = 0;
        for (YearMonth child : p.children()) {
            long months = ChronoUnit.MONTHS.between(child, now);
            if (months < 0 || e.childMinMonths() != null && months < e.childMinMonths() || e.childMaxMonths() != null && months > e.childMaxMonths()) {
                continue;
            }
            List<String> withChild = new ArrayList<>(facts);
            withChild.add(en ? "your child's birth month (" + child.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " " + child.getYear() + ")"
                : "お子さんの生まれ月（" + child.getYear() + "年" + child.getMonthValue() + "月）");
            if (send(e, account, language, "eligibility:" + e.id() + ":" + child, String.join(en ? ", " : "、", withChild))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(Eligibility e, AccountSummary account, String language, String key, String matched) {
        return notices.send(PersonalNotice.toAccount(TYPE, key, account.id(),
            Map.of("service", e.title(language), "details", e.body(language), "matched", matched), e.link()));
    }

    public static String ageBand(String band, boolean en) {
        if (band == null) {
            return "";
        }
        return switch (band) {
            case "U20" -> en ? "under 20" : "20歳未満";
            case "80P" -> en ? "80 and over" : "80歳以上";
            default -> en ? band.substring(0, 2) + "s" : band.substring(0, 2) + "代";
        };
    }

    public List<Eligibility> all() {
        return repository.all();
    }

    public java.util.Optional<Eligibility> find(long id) {
        return repository.find(id);
    }
}
