package jp.machi.notification.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_delivery} table as the workers see it: claim a batch, record what happened. Every method
 * is one statement in its own (auto-commit) transaction, so no database connection is held while talking SMTP.
 */
@Repository
public class DeliveryStore {

    /** A claimed delivery, with what the message needs. */
    public record Claimed(long id, Long noticeId, Long personalId, Long subscriptionId, String topicCode, String email,
                          String language, int attempts) {}

    /** One outcome to record: the delivery, when, and an error text (null for sent). */
    public record Outcome(long id, Instant at, String error) {}

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code max} due QUEUED deliveries of a lane (oldest first), skipping rows other workers hold: they
     * become SENDING with a lease, and the attempt is counted.
     */
    public List<Claimed> claim(Lanes lane, int max, Duration lease) {
        return jdbc.sql("""
                with c as (
                    select id from notification_delivery
                    where status = 'QUEUED' and lane = ? and next_attempt_at <= now()
                    order by next_attempt_at, id limit ? for update skip locked)
                update notification_delivery d
                   set status = 'SENDING', attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ?)
                  from c where d.id = c.id
                returning d.id, d.notice_id, d.personal_id, d.subscription_id, d.topic_code, d.email, d.language, d.attempts""")
            .params(lane.code(), max, (double) lease.toMillis() / 1000)
            .query((rs, n) -> {
                long notice = rs.getLong(2);
                Long noticeId = rs.wasNull() ? null : notice;
                long personal = rs.getLong(3);
                Long personalId = rs.wasNull() ? null : personal;
                long sub = rs.getLong(4);
                Long subscriptionId = rs.wasNull() ? null : sub;
                return new Claimed(rs.getLong(1), noticeId, personalId, subscriptionId, rs.getString(5), rs.getString(6),
                    rs.getString(7), rs.getInt(8));
            })
            .list().stream().sorted(Comparator.comparingLong(Claimed::id)).toList();
    }

    /** Accepted by the SMTP server. */
    public void sent(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update notification_delivery d set status = 'SENT', sent_at = to_timestamp(v.micros / 1000000.0), lease_until = null, error = null
                  from unnest(?::bigint[], ?::bigint[]) as v(id, micros)
                 where d.id = v.id and d.status in ('SENDING', 'QUEUED')""")
            .params(ids(outcomes),
                outcomes.stream().map(o -> o.at().getEpochSecond() * 1_000_000L + o.at().getNano() / 1000).toArray(Long[]::new))
            .update();
    }

    /**
     * A failed attempt that may succeed later: QUEUED again after a back-off that doubles with every attempt
     * ({@code first}, 2×, 4× ... at most {@code cap}), or FAILED after {@code maxAttempts}.
     */
    public void retry(List<Outcome> outcomes, Duration first, Duration cap, int maxAttempts) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update notification_delivery d set
                    status = case when d.attempts >= ? then 'FAILED' else 'QUEUED' end,
                    next_attempt_at = now() + least(make_interval(secs => ? * power(2, least(d.attempts - 1, 20))),
                                                    make_interval(secs => ?)),
                    lease_until = null, error = v.error
                  from unnest(?::bigint[], ?::text[]) as v(id, error)
                 where d.id = v.id and d.status = 'SENDING'""")
            .params(maxAttempts, (double) first.toSeconds(), (double) cap.toSeconds(), ids(outcomes), errors(outcomes))
            .update();
    }

    private static Long[] ids(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::id).toArray(Long[]::new);
    }

    private static String[] errors(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::error).toArray(String[]::new);
    }

    /** Never tried (the connection broke first): QUEUED again soon, the attempt not counted. */
    public void giveBack(List<Long> ids, Duration after) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update notification_delivery set status = 'QUEUED', attempts = greatest(attempts - 1, 0), lease_until = null,
                    next_attempt_at = now() + make_interval(secs => ?)
                where id = any(?) and status = 'SENDING'""")
            .params((double) after.toMillis() / 1000, ids.toArray(Long[]::new)).update();
    }

    /** Refused for good by the server for this address (5xx): BOUNCED, and the address is suppressed. */
    public void bounced(List<Outcome> outcomes, List<String> emails) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update notification_delivery d set status = 'BOUNCED', lease_until = null, error = v.error, sent_at = null
                  from unnest(?::bigint[], ?::text[]) as v(id, error) where d.id = v.id""")
            .params(ids(outcomes), errors(outcomes)).update();
        for (int i = 0; i < outcomes.size(); i++) {
            suppress(emails.get(i), "BOUNCE", outcomes.get(i).error());
        }
    }

    /** Will not be sent (the notice expired, or the message could not be built). */
    public void failed(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update notification_delivery d set status = 'FAILED', lease_until = null, error = v.error
                  from unnest(?::bigint[], ?::text[]) as v(id, error) where d.id = v.id""")
            .params(ids(outcomes), errors(outcomes)).update();
    }

    public void suppress(String email, String reason, String detail) {
        if (email == null) {
            return;
        }
        jdbc.sql("insert into notification_suppression (email, reason, detail) values (?, ?, ?) on conflict (email) do nothing")
            .params(email.toLowerCase(java.util.Locale.ROOT), reason, detail == null ? null : detail.length() > 300 ? detail.substring(0, 300) : detail)
            .update();
    }

    /** Claims whose lease ran out (the worker's instance died): QUEUED again. Returns how many. */
    public int releaseExpiredLeases() {
        return jdbc.sql("update notification_delivery set status = 'QUEUED', lease_until = null where status = 'SENDING' and lease_until < now()")
            .update();
    }

    /** A delivery as a late bounce sees it: its address and whose it is ({@code n<notice id>} or {@code p<personal id>}). */
    public record Ref(long id, String email, String origin, String status) {}

    public java.util.Optional<Ref> find(long deliveryId) {
        return jdbc.sql("""
                select id, email, case when notice_id is not null then 'n' || notice_id else 'p' || personal_id end, status
                from notification_delivery where id = ?""").param(deliveryId)
            .query((rs, n) -> new Ref(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
    }

    /**
     * A bounce that arrived later (a DSN with a permanent failure): the delivery becomes BOUNCED and its address
     * suppressed. False when the delivery does not exist or was marked bounced before.
     */
    public boolean bouncedLater(long deliveryId, String detail) {
        String email = jdbc.sql("select email from notification_delivery where id = ?").param(deliveryId).query(String.class)
            .optional().orElse(null);
        if (email == null) {
            return false;
        }
        int n = jdbc.sql("update notification_delivery set status = 'BOUNCED', error = ?, lease_until = null where id = ? and status <> 'BOUNCED'")
            .params(detail, deliveryId).update();
        suppress(email, "BOUNCE", detail);
        return n > 0;
    }

    /** A relay gave up on a delivery it had accepted, for a temporary reason (a DSN with 4.x.x): FAILED, not suppressed. */
    public boolean failedLater(long deliveryId, String detail) {
        return jdbc.sql("update notification_delivery set status = 'FAILED', error = ?, lease_until = null where id = ? and status = 'SENT'")
            .params(detail, deliveryId).update() > 0;
    }

    /** Queues the mail of a personal notice (transactional lane), in the caller's transaction. */
    public long queuePersonal(long personalId, Long accountId, String email, String language) {
        return jdbc.sql("""
                insert into notification_delivery (personal_id, account_id, lane, email, language, status)
                values (?, ?, ?, ?, ?, 'QUEUED') returning id""")
            .params(personalId, accountId, Lanes.TRANSACTIONAL.code(), email, language).query(Long.class).single();
    }

    public boolean suppressed(String email) {
        return jdbc.sql("select count(*) from notification_suppression where email = ?").param(email).query(Long.class).single() > 0;
    }
}
