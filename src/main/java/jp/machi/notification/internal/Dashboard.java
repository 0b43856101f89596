package jp.machi.notification.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The figures of the staff dashboard, read in a few aggregate queries (no person is named). */
@Repository
public class Dashboard {

    /** One send: counts by status and delivery time percentiles (seconds from "send" to accepted by the SMTP server). */
    public record Send(long noticeId, String title, String priority, Instant releasedAt, int recipients, long queued, long sent,
                       long failed, long bounced, Double p50, Double p90, Double p99) {}

    /** Totals: active and pending ward subscriptions, list members, suppressed addresses, last 30 days' unsubscribes and bounces. */
    public record Totals(long active, long pending, long listMembers, long suppressed, long unsubscribes30, long bounces30) {}

    private final JdbcClient jdbc;

    Dashboard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Totals totals() {
        return jdbc.sql("""
                select (select count(*) from notification_subscription where list_id is null and status = 'ACTIVE'),
                       (select count(*) from notification_subscription where status = 'PENDING'),
                       (select count(*) from notification_subscription where list_id is not null and status = 'ACTIVE'),
                       (select count(*) from notification_suppression),
                       (select count(*) from notification_unsubscribe where at > now() - interval '30 days'),
                       (select count(*) from notification_delivery where status = 'BOUNCED' and queued_at > now() - interval '30 days')""")
            .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
            .single();
    }

    /** The newest sends (released notices), with their counts and percentiles. */
    public List<Send> sends(List<Long> listIds, boolean ward, int limit) {
        return jdbc.sql("""
                select n.id, coalesce(n.title_ja, n.title_en) as title, n.priority, n.released_at, n.recipients,
                       count(*) filter (where d.status in ('QUEUED', 'SENDING')) as queued,
                       count(*) filter (where d.status = 'SENT') as sent,
                       count(*) filter (where d.status = 'FAILED') as failed,
                       count(*) filter (where d.status = 'BOUNCED') as bounced,
                       percentile_cont(0.5) within group (order by extract(epoch from d.sent_at - d.queued_at)) filter (where d.sent_at is not null) as p50,
                       percentile_cont(0.9) within group (order by extract(epoch from d.sent_at - d.queued_at)) filter (where d.sent_at is not null) as p90,
                       percentile_cont(0.99) within group (order by extract(epoch from d.sent_at - d.queued_at)) filter (where d.sent_at is not null) as p99
                  from (select * from notification_notice
                         where released_at is not null and ((:ward and list_id is null) or list_id = any(:lists))
                         order by released_at desc limit :limit) n
                  left join notification_delivery d on d.notice_id = n.id
                 group by n.id, n.title_ja, n.title_en, n.priority, n.released_at, n.recipients
                 order by n.released_at desc""")
            .param("ward", ward).param("lists", listIds.toArray(Long[]::new)).param("limit", limit)
            .query((rs, i) -> new Send(rs.getLong("id"), rs.getString("title"), rs.getString("priority"),
                SubscriptionRepository.instant(rs, "released_at"), rs.getInt("recipients"), rs.getLong("queued"), rs.getLong("sent"),
                rs.getLong("failed"), rs.getLong("bounced"), dbl(rs, "p50"), dbl(rs, "p90"), dbl(rs, "p99")))
            .list();
    }

    private static Double dbl(java.sql.ResultSet rs, String c) throws java.sql.SQLException {
        double v = rs.getDouble(c);
        return rs.wasNull() ? null : v;
    }

    /** Active ward subscriptions per topic (every topic, zero included). */
    public Map<String, Long> byTopic() {
        Map<String, Long> m = new LinkedHashMap<>();
        jdbc.sql("""
                select t.code, count(s.id) from notification_topic t
                left join notification_subscription_topic st on st.topic_code = t.code
                left join notification_subscription s on s.id = st.subscription_id and s.status = 'ACTIVE'
                group by t.code, t.position order by t.position, t.code""")
            .query(rs -> { m.put(rs.getString(1), rs.getLong(2)); });
        return m;
    }

    /** Active ward subscriptions per district (chosen or within their radius), in the given order; "" counts the whole ward. */
    public Map<String, Long> byArea(List<String> districts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("", jdbc.sql("""
                select count(*) from notification_subscription s where s.status = 'ACTIVE' and s.list_id is null
                  and not exists (select 1 from notification_subscription_area a where a.subscription_id = s.id)""")
            .query(Long.class).single());
        Map<String, Long> found = new LinkedHashMap<>();
        jdbc.sql("""
                select a.district, count(*) from notification_subscription_area a
                join notification_subscription s on s.id = a.subscription_id and s.status = 'ACTIVE'
                group by a.district""")
            .query(rs -> { found.put(rs.getString(1), rs.getLong(2)); });
        for (String d : districts) {
            counts.put(d, found.getOrDefault(d, 0L));
        }
        return counts;
    }

    /** Unsubscribes of the last 30 days per topic ("" for lists). */
    public Map<String, Long> unsubscribesByTopic() {
        Map<String, Long> m = new LinkedHashMap<>();
        jdbc.sql("""
                select coalesce(topic_code, ''), count(*) from notification_unsubscribe where at > now() - interval '30 days'
                group by 1 order by 2 desc""")
            .query(rs -> { m.put(rs.getString(1), rs.getLong(2)); });
        return m;
    }

    /** The last bounces: when, and the server's answer (addresses are not shown). */
    public record Bounce(Instant at, String error) {}

    public List<Bounce> recentBounces(int limit) {
        List<Bounce> rows = new ArrayList<>();
        jdbc.sql("select coalesce(sent_at, next_attempt_at, queued_at), error from notification_delivery where status = 'BOUNCED' order by id desc limit ?")
            .param(limit).query(rs -> { rows.add(new Bounce(rs.getTimestamp(1).toInstant(), rs.getString(2))); });
        return rows;
    }
}
