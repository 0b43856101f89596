package jp.machi.reservation.money.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.machi.reservation.money.Penalties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code reservation_penalty}, the log of penalties, and its only writer. */
@Repository
public class PenaltyRepository {

    private final JdbcClient jdbc;

    PenaltyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long bookerId, long bookingId, String reason, int points, LocalDate suspendedUntil, Long by,
                       Instant now) {
        jdbc.sql("""
                insert into reservation_penalty (booker_account_id, booking_id, reason, points, suspended_until,
                    created_at, created_by) values (?, ?, ?, ?, ?, ?, ?)""")
            .params(bookerId, bookingId, reason, points, suspendedUntil, Timestamp.from(now), by).update();
    }

    public List<Penalties.Entry> of(long bookerId) {
        return jdbc.sql("""
                select booking_id, reason, points, suspended_until, created_at from reservation_penalty
                where booker_account_id = ? order by created_at desc, id desc""")
            .param(bookerId).query((rs, n) -> new Penalties.Entry(rs.getLong(1), rs.getString(2), rs.getInt(3),
                rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getTimestamp(5).toInstant())).list();
    }

    /** Erases the booker's penalties (account deletion). */
    public int deleteOf(long bookerId) {
        return jdbc.sql("delete from reservation_penalty where booker_account_id = ?").param(bookerId).update();
    }
}
