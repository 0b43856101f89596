package jp.machi.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notice tables ({@code notification_notice}, {@code notification_notice_area}); one writer. */
@Repository
public class NoticeRepository {

    static final String COLUMNS = "n.id, n.topic_code, n.list_id, n.priority, n.status, n.title_ja, n.body_ja, n.title_en, "
        + "n.body_en, n.expires_at, n.scheduled_at, n.created_by, n.created_at, n.approved_by, n.approved_at, n.released_at, "
        + "n.released_by, n.finished_at, n.recipients, n.suppressed, n.demo";

    private final JdbcClient jdbc;

    NoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Long nullableLong(ResultSet rs, String c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
    }

    static Notice map(ResultSet rs) throws SQLException {
        return new Notice(rs.getLong("id"), rs.getString("topic_code"), nullableLong(rs, "list_id"),
            Priority.valueOf(rs.getString("priority")), rs.getString("status"), rs.getString("title_ja"),
            rs.getString("body_ja"), rs.getString("title_en"), rs.getString("body_en"),
            SubscriptionRepository.instant(rs, "expires_at"), SubscriptionRepository.instant(rs, "scheduled_at"),
            rs.getLong("created_by"), SubscriptionRepository.instant(rs, "created_at"), nullableLong(rs, "approved_by"),
            SubscriptionRepository.instant(rs, "approved_at"), SubscriptionRepository.instant(rs, "released_at"),
            nullableLong(rs, "released_by"), SubscriptionRepository.instant(rs, "finished_at"), rs.getInt("recipients"),
            rs.getInt("suppressed"), rs.getBoolean("demo"), List.of());
    }

    private List<Notice> withAreas(List<Notice> notices) {
        if (notices.isEmpty()) {
            return notices;
        }
        Map<Long, List<String>> areas = new LinkedHashMap<>();
        jdbc.sql("select notice_id, district from notification_notice_area where notice_id = any(?) order by district")
            .param(notices.stream().map(Notice::id).toArray(Long[]::new))
            .query(rs -> { areas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        return notices.stream().map(n -> new Notice(n.id(), n.topicCode(), n.listId(), n.priority(), n.status(), n.titleJa(),
            n.bodyJa(), n.titleEn(), n.bodyEn(), n.expiresAt(), n.scheduledAt(), n.createdBy(), n.createdAt(), n.approvedBy(),
            n.approvedAt(), n.releasedAt(), n.releasedBy(), n.finishedAt(), n.recipients(), n.suppressed(), n.demo(),
            List.copyOf(areas.getOrDefault(n.id(), List.of())))).toList();
    }

    public Optional<Notice> find(long id) {
        return withAreas(jdbc.sql("select " + COLUMNS + " from notification_notice n where n.id = ?").param(id)
            .query((rs, i) -> map(rs)).list()).stream().findFirst();
    }

    public Optional<Notice> findForUpdate(long id) {
        return withAreas(jdbc.sql("select " + COLUMNS + " from notification_notice n where n.id = ? for update").param(id)
            .query((rs, i) -> map(rs)).list()).stream().findFirst();
    }

    /**
     * Released ward notices, newest first, optionally of one topic and concerning one district (a notice for that
     * district or ward-wide).
     */
    public List<Notice> published(String topic, String district, int limit, int offset) {
        return withAreas(jdbc.sql("select " + COLUMNS + """
                 from notification_notice n
                where n.list_id is null and n.released_at is not null
                  and (cast(:topic as varchar) is null or n.topic_code = :topic)
                  and (cast(:district as varchar) is null
                       or not exists (select 1 from notification_notice_area a where a.notice_id = n.id)
                       or exists (select 1 from notification_notice_area a where a.notice_id = n.id and a.district = :district))
                order by n.released_at desc, n.id desc limit :limit offset :offset""")
            .param("topic", topic).param("district", district).param("limit", limit).param("offset", offset)
            .query((rs, i) -> map(rs)).list());
    }

    public long countPublished(String topic, String district) {
        return jdbc.sql("""
                select count(*) from notification_notice n
                where n.list_id is null and n.released_at is not null
                  and (cast(:topic as varchar) is null or n.topic_code = :topic)
                  and (cast(:district as varchar) is null
                       or not exists (select 1 from notification_notice_area a where a.notice_id = n.id)
                       or exists (select 1 from notification_notice_area a where a.notice_id = n.id and a.district = :district))""")
            .param("topic", topic).param("district", district).query(Long.class).single();
    }

    /** For staff: the newest notices of the ward (list notices only for {@code listIds}). */
    public List<Notice> recent(List<Long> listIds, boolean wardNotices, int limit) {
        return withAreas(jdbc.sql("select " + COLUMNS + """
                 from notification_notice n
                where (:ward and n.list_id is null) or n.list_id = any(:lists)
                order by coalesce(n.released_at, n.created_at) desc, n.id desc limit :limit""")
            .param("ward", wardNotices).param("lists", listIds.toArray(Long[]::new)).param("limit", limit)
            .query((rs, i) -> map(rs)).list());
    }

    public long insert(NoticeDraft d, long createdBy, boolean demo) {
        long id = jdbc.sql("""
                insert into notification_notice (topic_code, list_id, priority, status, title_ja, body_ja, title_en, body_en,
                    expires_at, scheduled_at, created_by, demo)
                values (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(d.topic(), d.listId(), d.priority().name(), d.titleJa(), d.bodyJa(), d.titleEn(), d.bodyEn(),
                ts(d.expiresAt()), ts(d.scheduledAt()), createdBy, demo)
            .query(Long.class).single();
        setAreas(id, d.areas());
        return id;
    }

    public void update(long id, NoticeDraft d) {
        jdbc.sql("""
                update notification_notice set topic_code = ?, list_id = ?, priority = ?, title_ja = ?, body_ja = ?, title_en = ?,
                    body_en = ?, expires_at = ?, scheduled_at = ? where id = ? and status = 'DRAFT'""")
            .params(d.topic(), d.listId(), d.priority().name(), d.titleJa(), d.bodyJa(), d.titleEn(), d.bodyEn(),
                ts(d.expiresAt()), ts(d.scheduledAt()), id)
            .update();
        setAreas(id, d.areas());
    }

    private void setAreas(long id, List<String> areas) {
        jdbc.sql("delete from notification_notice_area where notice_id = ?").param(id).update();
        for (String a : areas) {
            jdbc.sql("insert into notification_notice_area (notice_id, district) values (?, ?)").params(id, a).update();
        }
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    public void setStatus(long id, String status) {
        jdbc.sql("update notification_notice set status = ? where id = ?").params(status, id).update();
    }

    public void approve(long id, long approver) {
        jdbc.sql("update notification_notice set approved_by = ?, approved_at = now() where id = ?").params(approver, id).update();
    }

    /**
     * Writes one QUEUED delivery per recipient and marks the notice SENDING, in the caller's transaction: the
     * active subscriptions of the topic in its districts (or ward-wide), or the list's members, leaving out
     * suppressed addresses. Returns the number of recipients.
     */
    public int release(Notice n, long releasedBy, Lanes lane) {
        int recipients;
        int suppressed;
        if (n.isList()) {
            recipients = jdbc.sql("""
                    insert into notification_delivery (notice_id, subscription_id, account_id, lane, email, language, status,
                        next_attempt_at, queued_at)
                    select :notice, s.id, s.account_id, :lane, s.email, s.language, 'QUEUED', now(), now()
                    from notification_subscription s
                    where s.list_id = :list and s.status = 'ACTIVE'
                      and not exists (select 1 from notification_suppression x where x.email = s.email)
                    order by s.id""")
                .param("notice", n.id()).param("lane", lane.code()).param("list", n.listId()).update();
            suppressed = jdbc.sql("""
                    select count(*) from notification_subscription s
                    where s.list_id = ? and s.status = 'ACTIVE'
                      and exists (select 1 from notification_suppression x where x.email = s.email)""")
                .param(n.listId()).query(Integer.class).single();
        } else {
            String audience = """
                    from notification_subscription s
                    join notification_subscription_topic st on st.subscription_id = s.id and st.topic_code = :topic
                    where s.status = 'ACTIVE' and s.list_id is null
                      and (:wardWide
                           or not exists (select 1 from notification_subscription_area a where a.subscription_id = s.id)
                           or exists (select 1 from notification_subscription_area a
                                      join notification_notice_area na on na.district = a.district and na.notice_id = :notice
                                      where a.subscription_id = s.id))
                    """;
            recipients = jdbc.sql("""
                    insert into notification_delivery (notice_id, subscription_id, account_id, topic_code, lane, email, language,
                        status, next_attempt_at, queued_at)
                    select :notice, s.id, s.account_id, :topic, :lane, s.email, s.language, 'QUEUED', now(), now()
                    """ + audience + """
                      and not exists (select 1 from notification_suppression x where x.email = s.email)
                    order by s.id""")
                .param("notice", n.id()).param("lane", lane.code()).param("topic", n.topicCode()).param("wardWide", n.wardWide())
                .update();
            suppressed = jdbc.sql("select count(*) " + audience
                    + " and exists (select 1 from notification_suppression x where x.email = s.email)")
                .param("notice", n.id()).param("topic", n.topicCode()).param("wardWide", n.wardWide())
                .query(Integer.class).single();
        }
        jdbc.sql("""
                update notification_notice set status = 'SENDING', released_at = now(), released_by = ?, recipients = ?,
                    suppressed = ? where id = ?""")
            .params(releasedBy, recipients, suppressed, n.id()).update();
        return recipients;
    }

    /** How many would receive the notice now (the preview's estimate). */
    public int audience(Notice n) {
        if (n.isList()) {
            return jdbc.sql("select count(*) from notification_subscription where list_id = ? and status = 'ACTIVE'")
                .param(n.listId()).query(Integer.class).single();
        }
        return jdbc.sql("""
                select count(*) from notification_subscription s
                join notification_subscription_topic st on st.subscription_id = s.id and st.topic_code = :topic
                where s.status = 'ACTIVE' and s.list_id is null
                  and (:wardWide
                       or not exists (select 1 from notification_subscription_area a where a.subscription_id = s.id)
                       or exists (select 1 from notification_subscription_area a
                                  where a.subscription_id = s.id and a.district = any(:districts)))""")
            .param("topic", n.topicCode()).param("wardWide", n.wardWide()).param("districts", n.areas().toArray(String[]::new))
            .query(Integer.class).single();
    }

    /** SCHEDULED notices whose time has come. */
    public List<Long> due(Instant now) {
        return jdbc.sql("select id from notification_notice where status = 'SCHEDULED' and scheduled_at <= ? order by scheduled_at, id")
            .param(Timestamp.from(now)).query(Long.class).list();
    }

    /** SENDING notices with nothing left QUEUED or SENDING become SENT; returns how many. */
    public int finishDone() {
        return jdbc.sql("""
                update notification_notice n set status = 'SENT', finished_at = coalesce(
                    (select max(coalesce(d.sent_at, d.next_attempt_at)) from notification_delivery d where d.notice_id = n.id), now())
                where n.status = 'SENDING'
                  and not exists (select 1 from notification_delivery d where d.notice_id = n.id and d.status in ('QUEUED', 'SENDING'))""")
            .update();
    }

    /** Delivery counts of a notice by status (every status present, zero when none). */
    public Map<String, Long> deliveryCounts(long noticeId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of("QUEUED", "SENDING", "SENT", "FAILED", "BOUNCED")) {
            counts.put(s, 0L);
        }
        jdbc.sql("select status, count(*) from notification_delivery where notice_id = ? group by status").param(noticeId)
            .query(rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }
}
