package jp.machi.notification.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writing and sending notices. The rules: emergency notices go out at once, from staff on the ward's duty role;
 * ward-wide normal and bulk notices wait for a second sender's approval; others go out at once or at their
 * scheduled time; a list's notices are sent by the list's staff. Sending ("release") writes one delivery per
 * recipient in the same transaction that marks the notice SENDING; the lane's workers are woken after commit.
 */
@Service
public class NoticeService {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 5000;

    private static final Logger log = LoggerFactory.getLogger(NoticeService.class);

    private final NoticeRepository notices;
    private final Topics topics;
    private final Areas areas;
    private final NotificationLists lists;
    private final Senders senders;
    private final DeliveryEngine engine;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    NoticeService(NoticeRepository notices, Topics topics, Areas areas, NotificationLists lists, Senders senders,
                  DeliveryEngine engine, AuditLog audit, Clock clock, TransactionTemplate tx) {
        this.notices = notices;
        this.topics = topics;
        this.areas = areas;
        this.lists = lists;
        this.senders = senders;
        this.engine = engine;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    /** Text as stored: line breaks as \n, no other control characters, trimmed; empty becomes null. */
    static String clean(String s, boolean multiline) {
        if (s == null) {
            return null;
        }
        String t = s.replace("\r\n", "\n").replace('\r', '\n').strip();
        return t.isEmpty() ? null : t;
    }

    private static boolean hasControl(String s, boolean multiline) {
        return s != null && s.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t')));
    }

    /** The problems of a draft (field names: topic, listId, areas, priority, titleJa, bodyJa, titleEn, bodyEn, expiresAt, scheduledAt). */
    public List<Problem> check(NoticeDraft raw) {
        NoticeDraft d = normalize(raw);
        List<Problem> problems = new ArrayList<>();
        if (d.listId() == null) {
            if (d.topic() == null) {
                problems.add(Problem.of("topic", "notification.notice.topic.required"));
            } else if (topics.find(d.topic()).filter(Topic::active).isEmpty()) {
                problems.add(Problem.of("topic", "notification.notice.topic.unknown"));
            }
            if (new LinkedHashSet<>(d.areas()).size() != d.areas().size()) {
                problems.add(Problem.of("areas", "notification.subscribe.areas.duplicate"));
            } else {
                for (String a : d.areas()) {
                    if (!areas.isDistrict(a)) {
                        problems.add(Problem.of("areas", "notification.subscribe.areas.unknown", a == null || a.length() > 40 ? "…" : a));
                        break;
                    }
                }
            }
        } else if (lists.find(d.listId()).filter(NotificationList::active).isEmpty()) {
            problems.add(Problem.of("listId", "notification.notice.list.unknown"));
        }
        if (d.priority() == null) {
            problems.add(Problem.of("priority", "notification.notice.priority.required"));
        }
        if (d.titleJa() == null && d.titleEn() == null && d.bodyJa() == null && d.bodyEn() == null) {
            problems.add(Problem.of("titleJa", "notification.notice.title.required"));
        }
        for (String lang : List.of("Ja", "En")) {
            String title = lang.equals("Ja") ? d.titleJa() : d.titleEn();
            String body = lang.equals("Ja") ? d.bodyJa() : d.bodyEn();
            if (title == null && body != null) {
                problems.add(Problem.of("title" + lang, "notification.notice.title.required"));
            }
            if (title != null && body == null) {
                problems.add(Problem.of("body" + lang, "notification.notice.body.required"));
            }
            if (title != null && (title.length() > MAX_TITLE || hasControl(title, false))) {
                problems.add(Problem.of("title" + lang, "notification.notice.title.invalid", MAX_TITLE));
            }
            if (body != null && (body.length() > MAX_BODY || hasControl(body, true))) {
                problems.add(Problem.of("body" + lang, "notification.notice.body.invalid", MAX_BODY));
            }
        }
        Instant now = clock.instant();
        if (d.expiresAt() != null && !d.expiresAt().isAfter(now)) {
            problems.add(Problem.of("expiresAt", "notification.notice.expires.past"));
        }
        if (d.scheduledAt() != null) {
            if (d.priority() == Priority.EMERGENCY) {
                problems.add(Problem.of("scheduledAt", "notification.notice.schedule.emergency"));
            } else if (!d.scheduledAt().isAfter(now)) {
                problems.add(Problem.of("scheduledAt", "notification.notice.schedule.past"));
            } else if (d.expiresAt() != null && !d.scheduledAt().isBefore(d.expiresAt())) {
                problems.add(Problem.of("scheduledAt", "notification.notice.schedule.afterExpiry"));
            }
        }
        return problems;
    }

    static NoticeDraft normalize(NoticeDraft d) {
        return new NoticeDraft(d.topic() == null || d.topic().isBlank() ? null : d.topic().strip(), d.listId(), d.areas(),
            d.priority(), clean(d.titleJa(), false), clean(d.bodyJa(), true), clean(d.titleEn(), false), clean(d.bodyEn(), true),
            d.expiresAt(), d.scheduledAt());
    }

    /** May this staff member write notices to this topic (any sender) or list (its staff)? */
    public boolean mayWrite(long staffId, Long listId) {
        return listId == null ? senders.maySend(staffId) : lists.isStaff(listId, staffId);
    }

    /** Writes a draft; refuses bad input (nothing stored). */
    @Transactional
    public long draft(NoticeDraft raw, long staffId) {
        NoticeDraft d = normalize(raw);
        if (!mayWrite(staffId, d.listId())) {
            throw new Problem.Forbidden(d.listId() == null ? "notification.notice.forbidden.sender" : "notification.notice.forbidden.list");
        }
        List<Problem> problems = check(d);
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        long id = notices.insert(d, staffId, false);
        audit.record(AuditEvent.byCurrentActor("notification.notice.create", null, "notice:" + id,
            d.listId() == null
                ? AuditDetail.of("notification.audit.notice.create.topic", priority(d.priority()), topicName(d.topic()))
                : AuditDetail.of("notification.audit.notice.create.list", priority(d.priority()), listName(d.listId()))));
        return id;
    }

    @Transactional
    public void update(long id, NoticeDraft raw, long staffId) {
        Notice n = notices.findForUpdate(id).orElseThrow(() -> new Problem.Rejected(Problem.of("id", "notification.notice.unknown")));
        NoticeDraft d = normalize(raw);
        if (!mayWrite(staffId, n.listId()) || !mayWrite(staffId, d.listId())) {
            throw new Problem.Forbidden("notification.notice.forbidden.sender");
        }
        if (!Notice.DRAFT.equals(n.status())) {
            throw new Problem.Rejected(Problem.of("status", "notification.notice.notDraft"));
        }
        List<Problem> problems = check(d);
        if (!problems.isEmpty()) {
            throw new Problem.Rejected(problems);
        }
        notices.update(id, d);
    }

    /**
     * "Send" on a draft: at once, at its time, or to a second sender for approval (ward-wide normal or bulk). Returns
     * the notice after the step.
     */
    @Transactional
    public Notice send(long id, long staffId) {
        Notice n = notices.findForUpdate(id).orElseThrow(() -> new Problem.Rejected(Problem.of("id", "notification.notice.unknown")));
        if (!Notice.DRAFT.equals(n.status())) {
            throw new Problem.Rejected(Problem.of("status", "notification.notice.notDraft"));
        }
        if (!mayWrite(staffId, n.listId())) {
            throw new Problem.Forbidden(n.isList() ? "notification.notice.forbidden.list" : "notification.notice.forbidden.sender");
        }
        if (n.expired(clock.instant())) {
            throw new Problem.Rejected(Problem.of("expiresAt", "notification.notice.expires.past"));
        }
        if (n.priority() == Priority.EMERGENCY && !n.isList() && !senders.onDuty(staffId)) {
            throw new Problem.Forbidden("notification.notice.forbidden.duty");
        }
        if (!n.isList() && n.priority() != Priority.EMERGENCY && n.wardWide()) {
            notices.setStatus(id, Notice.AWAITING_APPROVAL);
            audit.record(AuditEvent.byCurrentActor("notification.notice.submit", null, "notice:" + id,
                AuditDetail.of("notification.audit.notice.submit")));
            return notices.find(id).orElseThrow();
        }
        return releaseOrSchedule(n, staffId);
    }

    /** Writes and sends in one step (the API): nothing is stored when either step is refused. */
    @Transactional
    public Notice createAndSend(NoticeDraft raw, long staffId) {
        long id = draft(raw, staffId);
        return send(id, staffId);
    }

    /** A second sender approves a ward-wide notice. */
    @Transactional
    public Notice approve(long id, long staffId) {
        Notice n = notices.findForUpdate(id).orElseThrow(() -> new Problem.Rejected(Problem.of("id", "notification.notice.unknown")));
        if (!Notice.AWAITING_APPROVAL.equals(n.status())) {
            throw new Problem.Rejected(Problem.of("status", "notification.notice.notAwaiting"));
        }
        if (!senders.maySend(staffId)) {
            throw new Problem.Forbidden("notification.notice.forbidden.sender");
        }
        if (n.createdBy() == staffId) {
            throw new Problem.Forbidden("notification.notice.forbidden.ownApproval");
        }
        if (n.expired(clock.instant())) {
            throw new Problem.Rejected(Problem.of("expiresAt", "notification.notice.expires.past"));
        }
        notices.approve(id, staffId);
        audit.record(AuditEvent.byCurrentActor("notification.notice.approve", null, "notice:" + id,
            AuditDetail.of("notification.audit.notice.approve")));
        return releaseOrSchedule(n, staffId);
    }

    private Notice releaseOrSchedule(Notice n, long staffId) {
        if (n.scheduledAt() != null && n.scheduledAt().isAfter(clock.instant())) {
            notices.setStatus(n.id(), Notice.SCHEDULED);
            audit.record(AuditEvent.byCurrentActor("notification.notice.schedule", null, "notice:" + n.id(),
                AuditDetail.of("notification.audit.notice.schedule",
                    java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(jp.machi.shared.time.MachiClock.ZONE)
                        .format(n.scheduledAt()))));
        } else {
            int recipients = release(n, staffId);
            audit.record(AuditEvent.byCurrentActor("notification.notice.send", null, "notice:" + n.id(),
                AuditDetail.of("notification.audit.notice.send", priority(n.priority()), recipients)));
        }
        return notices.find(n.id()).orElseThrow();
    }

    private int release(Notice n, long by) {
        Lanes lane = Lanes.of(n.priority());
        int recipients = notices.release(n, by, lane);
        engine.wakeAfterCommit(lane);
        return recipients;
    }

    /** Cancels a draft, a notice awaiting approval or a scheduled one. */
    @Transactional
    public void cancel(long id, long staffId) {
        Notice n = notices.findForUpdate(id).orElseThrow(() -> new Problem.Rejected(Problem.of("id", "notification.notice.unknown")));
        if (!mayWrite(staffId, n.listId())) {
            throw new Problem.Forbidden("notification.notice.forbidden.sender");
        }
        if (!List.of(Notice.DRAFT, Notice.AWAITING_APPROVAL, Notice.SCHEDULED).contains(n.status())) {
            throw new Problem.Rejected(Problem.of("status", "notification.notice.notCancellable"));
        }
        notices.setStatus(id, Notice.CANCELLED);
        audit.record(AuditEvent.byCurrentActor("notification.notice.cancel", null, "notice:" + id,
            AuditDetail.of("notification.audit.notice.cancel")));
    }

    private static AuditDetail.Word priority(Priority p) {
        return AuditDetail.word("notification.priority." + p.name().toLowerCase(java.util.Locale.ROOT));
    }

    private Object topicName(String code) {
        return topics.find(code).<Object>map(t -> AuditDetail.named(t.nameJa(), t.nameEn())).orElse(AuditDetail.word("audit.detail.none"));
    }

    private Object listName(long listId) {
        return lists.find(listId).<Object>map(l -> AuditDetail.named(l.nameJa(), l.nameEn())).orElse(String.valueOf(listId));
    }

    public Optional<Notice> find(long id) {
        return notices.find(id);
    }

    /** Releases scheduled notices whose time has come and marks finished sends SENT (every 5 s). */
    @Scheduled(initialDelay = 5, fixedDelay = 5, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public void tick() {
        try {
            for (long id : notices.due(clock.instant())) {
                tx.executeWithoutResult(s -> notices.findForUpdate(id)
                    .filter(n -> Notice.SCHEDULED.equals(n.status()))
                    .ifPresent(n -> {
                        int recipients = release(n, n.approvedBy() != null ? n.approvedBy() : n.createdBy());
                        audit.record(AuditEvent.system("notification.notice.send", null, "notice:" + id,
                            AuditDetail.of("notification.audit.notice.send.scheduled", priority(n.priority()), recipients)));
                    }));
            }
            tx.executeWithoutResult(s -> notices.finishDone());
        } catch (RuntimeException e) {
            log.warn("Notice job failed, trying again later: {}", e.toString());
        }
    }
}
