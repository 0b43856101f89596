package jp.machi.reservation.internal;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import jp.machi.shared.time.MachiClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a person stands in reservation, for the status lines of My Page, in one statement (My Page asks on every view):
 * the day of their next active booking, how many of their lottery applications (their own and their group's) wait for
 * a draw, and the group they belong to with its state. The one place in reservation that reads the tables of several
 * parts; it only reads.
 */
@Component
public class AccountStatus {

    /**
     * @param nextBooking  the day of the next active booking from today on, null for none
     * @param applications applications in rounds not drawn yet
     * @param group        the group's name, null when the person is in none
     * @param groupState   pending, approved, expired, rejected or withdrawn
     */
    public record Status(LocalDate nextBooking, long applications, String group, String groupState) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountStatus(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Status of(long accountId) {
        LocalDate today = LocalDate.now(clock.withZone(MachiClock.ZONE));
        return jdbc.sql("""
                select (select min(b.use_date) from reservation_booking b
                        where b.booker_account_id = :account and b.status in ('PROVISIONAL', 'CONFIRMED')
                          and b.use_date >= :today) as next_booking,
                       (select count(*) from reservation_lottery_application a
                          join reservation_lottery_round r on r.id = a.round_id
                        where r.phase <> 'DRAWN'
                          and ((a.applicant_kind = 'PERSON' and a.applicant_id = :account)
                            or (a.applicant_kind = 'GROUP' and a.applicant_id in (
                                select id from reservation_group where representative_account_id = :account)))) as applications,
                       g.name, g.status, g.valid_until
                from (select 1) one
                left join lateral (select g.name, g.status, g.valid_until from reservation_group g
                                     join reservation_group_member m on m.group_id = g.id
                                   where m.active and m.account_id = :account limit 1) g on true""")
            .param("account", accountId).param("today", today)
            .query((rs, n) -> {
                Date next = rs.getDate("next_booking");
                String status = rs.getString("status");
                Date until = rs.getDate("valid_until");
                String state = status == null ? null
                    : "APPROVED".equals(status) && (until == null || until.toLocalDate().isBefore(today)) ? "expired"
                    : status.toLowerCase(java.util.Locale.ROOT);
                return new Status(next == null ? null : next.toLocalDate(), rs.getLong("applications"), rs.getString("name"),
                    state);
            }).single();
    }
}
