package jp.machi.notification.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who may send ward notices ({@code may_send}) and who is on the ward's duty role ({@code on_duty}: may send
 * emergency notices at once). Kept by department admins at {@code /admin/notifications/senders}.
 */
@Repository
public class Senders {

    public record Sender(long accountId, boolean maySend, boolean onDuty) {}

    private final JdbcClient jdbc;

    Senders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Sender> of(long accountId) {
        return jdbc.sql("select account_id, may_send, on_duty from notification_sender where account_id = ?").param(accountId)
            .query((rs, n) -> new Sender(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3))).optional();
    }

    public boolean maySend(long accountId) {
        return of(accountId).map(Sender::maySend).orElse(false);
    }

    public boolean onDuty(long accountId) {
        return of(accountId).map(s -> s.maySend() && s.onDuty()).orElse(false);
    }

    public List<Sender> all() {
        return jdbc.sql("select account_id, may_send, on_duty from notification_sender order by account_id")
            .query((rs, n) -> new Sender(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3))).list();
    }

    public void set(long accountId, boolean maySend, boolean onDuty, Long by) {
        jdbc.sql("""
                insert into notification_sender (account_id, may_send, on_duty, updated_by) values (?, ?, ?, ?)
                on conflict (account_id) do update set may_send = excluded.may_send, on_duty = excluded.on_duty,
                    updated_by = excluded.updated_by, updated_at = now()""")
            .params(accountId, maySend, onDuty, by).update();
    }

    public void remove(long accountId) {
        jdbc.sql("delete from notification_sender where account_id = ?").param(accountId).update();
    }
}
