package jp.machi.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_outbox} table. Every statement runs in the caller's transaction when there is one (the
 * insert of {@link jp.machi.mail.Mailer#send} must).
 */
@Repository
public class Outbox {

    private static final String COLUMNS = "id, created_at, recipient, language, template, subject, body, status, "
        + "attempts, last_error, sent_at, next_attempt_at";

    /** For delivery: the recipient's text (with its secrets) where one is kept. */
    private static final String DELIVERY_COLUMNS = COLUMNS.replace(" body,", " coalesce(sealed_body, body) as body,");

    private static final RowMapper<OutboxMail> ROW = Outbox::map;

    /** How long the retry job leaves a new mail to the delivery right after commit. */
    public static final java.time.Duration FIRST_DELIVERY_GRACE = java.time.Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a mail. A QUEUED mail is delivered right after commit ({@link OutboxDelivery#deliverSoon}); the retry
     * job takes it only after {@link #FIRST_DELIVERY_GRACE}, in case that delivery never happened (the instance
     * stopped). Returns its id.
     */
    public long insert(String recipient, String language, String template, String subject, String body,
                       OutboxMail.Status status) {
        return insert(recipient, language, template, subject, body, null, status, null).orElseThrow();
    }

    /**
     * Writes a mail; with an idempotency key, only once: a second mail with the same key writes nothing and answers
     * empty (a re-run event listener must not mail twice).
     *
     * @param body   the text staff may read: secrets replaced by a note
     * @param sealed the text the recipient gets, when it differs from {@code body} (it holds a secret) and must be
     *               kept: read only by delivery and by the demo's outbox for demo addresses; null otherwise
     */
    public Optional<Long> insert(String recipient, String language, String template, String subject, String body,
                                 String sealed, OutboxMail.Status status, String idempotencyKey) {
        return jdbc.sql("""
                insert into mail_outbox (recipient, language, template, subject, body, sealed_body, status,
                                         next_attempt_at, idempotency_key)
                values (:recipient, :language, :template, :subject, :body, :sealed, :status,
                        case when :status = 'QUEUED' then now() + interval '1 minute' end, :key)
                on conflict (idempotency_key) where idempotency_key is not null do nothing
                returning id""")
            .param("recipient", recipient).param("language", language).param("template", template)
            .param("subject", subject).param("body", body).param("sealed", sealed).param("status", status.name())
            .param("key", idempotencyKey)
            .query(Long.class).optional();
    }

    /** A mail as staff may read it: {@code body} never holds a secret. */
    public Optional<OutboxMail> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = :id").param("id", id).query(ROW).optional();
    }

    /**
     * The recipient's own text of a mail that holds a secret, while it is still kept (see {@link OutboxMailer}).
     * Only the demo's outbox reads it, for demo addresses in demo mode.
     */
    public Optional<String> sealedBody(long id) {
        return jdbc.sql("select sealed_body from mail_outbox where id = :id and sealed_body is not null")
            .param("id", id).query(String.class).optional();
    }

    /** The newest mails first; {@code limit} rows from {@code offset}. */
    public List<OutboxMail> latest(int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox order by created_at desc, id desc limit :limit offset :offset")
            .param("limit", limit).param("offset", offset).query(ROW).list();
    }

    /**
     * Claims QUEUED mails due at {@code now} for one delivery attempt: counts the attempt and moves their due
     * time to {@code leaseUntil}, so no other instance (or thread) takes them meanwhile. Rows another
     * transaction is claiming are skipped ({@code FOR UPDATE SKIP LOCKED}), never waited for or taken twice.
     *
     * @param onlyId a single mail to claim (also before it is due when it was never attempted: the delivery
     *               right after commit), or null for up to {@code limit} due mails, oldest due first
     */
    public List<OutboxMail> claimDue(Long onlyId, Instant now, Instant leaseUntil, int limit) {
        String which = onlyId == null
            ? "next_attempt_at <= :now"
            : "id = :onlyId and (attempts = 0 or next_attempt_at <= :now)";
        JdbcClient.StatementSpec sql = jdbc.sql("""
                update mail_outbox set attempts = attempts + 1, next_attempt_at = :lease
                where id in (select id from mail_outbox
                             where status = 'QUEUED' and %s
                             order by next_attempt_at, id
                             limit :limit
                             for update skip locked)
                returning %s""".formatted(which, DELIVERY_COLUMNS))
            .param("lease", utc(leaseUntil)).param("now", utc(now)).param("limit", limit);
        if (onlyId != null) {
            sql = sql.param("onlyId", onlyId);
        }
        return sql.query(ROW).list();
    }

    public void markSent(long id, Instant at) {
        jdbc.sql("update mail_outbox set status = 'SENT', sent_at = :at, next_attempt_at = null, last_error = null, "
                + "sealed_body = null where id = :id")
            .param("at", utc(at)).param("id", id).update();
    }

    /** Records a failed attempt: due again at {@code retryAt}, or FAILED when that is null. */
    public void markAttemptFailed(long id, String error, Instant retryAt) {
        if (retryAt == null) {
            jdbc.sql("update mail_outbox set last_error = :error, next_attempt_at = null, status = 'FAILED', sealed_body = null "
                    + "where id = :id and status = 'QUEUED'")
                .param("error", error).param("id", id).update();
        } else {
            jdbc.sql("update mail_outbox set last_error = :error, next_attempt_at = :retryAt "
                    + "where id = :id and status = 'QUEUED'")
                .param("error", error).param("retryAt", utc(retryAt)).param("id", id).update();
        }
    }

    /** Deletes mails created before {@code cutoff}; returns how many. */
    public int deleteCreatedBefore(Instant cutoff) {
        return jdbc.sql("delete from mail_outbox where created_at < :cutoff").param("cutoff", utc(cutoff)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static OutboxMail map(ResultSet rs, int row) throws SQLException {
        return new OutboxMail(rs.getLong("id"), instant(rs, "created_at"), rs.getString("recipient"),
            rs.getString("language"), rs.getString("template"), rs.getString("subject"), rs.getString("body"),
            OutboxMail.Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
            instant(rs, "sent_at"), instant(rs, "next_attempt_at"));
    }
}
