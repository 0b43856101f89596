package jp.machi.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code notification_personal} and {@code notification_personal_choice}. */
@Repository
public class PersonalRepository {

    private static final String COLUMNS = "id, type_code, idempotency_key, account_id, email, language, title, body, reason, link, created_at, read_at";

    private final JdbcClient jdbc;

    PersonalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static PersonalRecord map(ResultSet rs, int n) throws SQLException {
        long a = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : a;
        return new PersonalRecord(rs.getLong("id"), rs.getString("type_code"), rs.getString("idempotency_key"), accountId,
            rs.getString("email"), rs.getString("language"), rs.getString("title"), rs.getString("body"),
            rs.getString("reason"), rs.getString("link"), SubscriptionRepository.instant(rs, "created_at"),
            SubscriptionRepository.instant(rs, "read_at"));
    }

    /** Writes the notice unless one with the same type, key and recipient exists; the new id, or empty. */
    public Optional<Long> insertOnce(String type, String key, Long accountId, String email, String language, String title,
                                     String body, String reason, String link) {
        return jdbc.sql("""
                insert into notification_personal (type_code, idempotency_key, account_id, email, language, title, body, reason, link)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (type_code, idempotency_key, coalesce(account_id, 0), coalesce(email, '')) do nothing
                returning id""")
            .params(type, key, accountId, accountId == null ? email : null, language, title, body, reason, link)
            .query(Long.class).optional();
    }

    public Optional<PersonalRecord> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from notification_personal where id = ?").param(id)
            .query(PersonalRepository::map).optional();
    }

    public List<PersonalRecord> ofAccount(long accountId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notification_personal where account_id = ? order by created_at desc, id desc limit ?")
            .params(accountId, limit).query(PersonalRepository::map).list();
    }

    public void markRead(long id, long accountId) {
        jdbc.sql("update notification_personal set read_at = coalesce(read_at, now()) where id = ? and account_id = ?")
            .params(id, accountId).update();
    }

    /** The person's choice for a type: null (mail and My Page), INBOX_ONLY or OFF. */
    public String choice(String type, Long accountId, String email) {
        return jdbc.sql("""
                select mode from notification_personal_choice
                where type_code = ? and coalesce(account_id, 0) = ? and coalesce(email, '') = ?""")
            .params(type, accountId == null ? 0L : accountId, accountId == null ? email : "")
            .query(String.class).optional().orElse(null);
    }

    public void setChoice(String type, Long accountId, String email, String mode) {
        jdbc.sql("delete from notification_personal_choice where type_code = ? and coalesce(account_id, 0) = ? and coalesce(email, '') = ?")
            .params(type, accountId == null ? 0L : accountId, accountId == null ? email : "").update();
        if (mode != null) {
            jdbc.sql("insert into notification_personal_choice (type_code, account_id, email, mode) values (?, ?, ?, ?)")
                .params(type, accountId, accountId == null ? email : null, mode).update();
        }
    }

    public java.util.Map<String, String> choices(long accountId) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        jdbc.sql("select type_code, mode from notification_personal_choice where account_id = ?").param(accountId)
            .query(rs -> { m.put(rs.getString(1), rs.getString(2)); });
        return m;
    }
}
