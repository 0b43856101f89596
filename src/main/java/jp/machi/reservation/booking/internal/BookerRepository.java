package jp.machi.reservation.booking.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Residency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code reservation_booker} (利用者登録) in plain SQL, and its only writer. */
@Repository
public class BookerRepository {

    private final JdbcClient jdbc;

    BookerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Booker> find(long accountId) {
        return jdbc.sql("select * from reservation_booker where account_id = ?").param(accountId)
            .query(BookerRepository::booker).optional();
    }

    /** The booker's row, locked until the transaction ends: one decision per person at a time. */
    public Optional<Booker> lock(long accountId) {
        return jdbc.sql("select * from reservation_booker where account_id = ? for update").param(accountId)
            .query(BookerRepository::booker).optional();
    }

    /** Registers (or declares again, which clears a counter check). */
    public void register(long accountId, Residency residency, Instant now) {
        jdbc.sql("""
                insert into reservation_booker (account_id, residency, declared_at) values (?, ?, ?)
                on conflict (account_id) do update set residency = excluded.residency, declared_at = excluded.declared_at,
                    evidence_checked_at = null, evidence_checked_by = null, evidence_kind = null""")
            .params(accountId, residency.name(), Timestamp.from(now)).update();
    }

    /** Registers a person who is not registered yet; true when they were not. */
    public boolean registerIfAbsent(long accountId, Residency residency, Instant now) {
        return jdbc.sql("""
                insert into reservation_booker (account_id, residency, declared_at) values (?, ?, ?)
                on conflict (account_id) do nothing""").params(accountId, residency.name(), Timestamp.from(now)).update() == 1;
    }

    /** Staff saw a document: the residency it shows, the kind of document, who and when. False: not registered. */
    public boolean evidenceChecked(long accountId, Residency residency, String kind, long staffId, Instant now) {
        return jdbc.sql("""
                update reservation_booker set residency = ?, evidence_kind = ?, evidence_checked_by = ?,
                    evidence_checked_at = ? where account_id = ?""")
            .params(residency.name(), kind, staffId, Timestamp.from(now), accountId).update() == 1;
    }

    /** The booker's penalty points and suspension as the money part computed them. */
    public void setPenalties(long accountId, int points, LocalDate suspendedUntil) {
        jdbc.sql("update reservation_booker set penalty_points = ?, suspended_until = ? where account_id = ?")
            .params(points, suspendedUntil, accountId).update();
    }

    /** The declared residency of each registered account among {@code accountIds}. */
    public Map<Long, Residency> residencies(Collection<Long> accountIds) {
        Map<Long, Residency> found = new HashMap<>();
        if (accountIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select account_id, residency from reservation_booker where account_id = any(?)")
            .param(accountIds.toArray(Long[]::new))
            .query((ResultSet rs) -> {
                found.put(rs.getLong(1), Residency.valueOf(rs.getString(2)));
            });
        return found;
    }

    /** Account deletion: the registration goes. */
    public boolean delete(long accountId) {
        return jdbc.sql("delete from reservation_booker where account_id = ?").param(accountId).update() == 1;
    }

    private static Booker booker(ResultSet rs, int n) throws SQLException {
        java.sql.Date s = rs.getDate("suspended_until");
        return new Booker(rs.getLong("account_id"), Residency.valueOf(rs.getString("residency")),
            rs.getTimestamp("declared_at").toInstant(), s == null ? null : s.toLocalDate(),
            BookingRepository.instant(rs, "evidence_checked_at"), BookingRepository.longOrNull(rs, "evidence_checked_by"),
            rs.getString("evidence_kind"), rs.getInt("penalty_points"));
    }
}
