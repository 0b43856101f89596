package jp.machi.reservation.booking.internal;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code reservation_calendar_feed}, the secret addresses of the bookings feeds, and its only writer. */
@Repository
class CalendarFeedRepository {

    private final JdbcClient jdbc;

    CalendarFeedRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> token(long accountId) {
        return jdbc.sql("select token from reservation_calendar_feed where account_id = ?").param(accountId)
            .query(String.class).optional();
    }

    void setToken(long accountId, String token) {
        jdbc.sql("""
                insert into reservation_calendar_feed (account_id, token) values (?, ?)
                on conflict (account_id) do update set token = excluded.token, created_at = now()""")
            .params(accountId, token).update();
    }

    Optional<Long> owner(String token) {
        return jdbc.sql("select account_id from reservation_calendar_feed where token = ?").param(token)
            .query(Long.class).optional();
    }

    boolean delete(long accountId) {
        return jdbc.sql("delete from reservation_calendar_feed where account_id = ?").param(accountId).update() == 1;
    }
}
