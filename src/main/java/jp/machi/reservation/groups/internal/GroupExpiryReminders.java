package jp.machi.reservation.groups.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.identity.Accounts;
import jp.machi.notification.PersonalNotice;
import jp.machi.notification.PersonalNotices;
import jp.machi.reservation.groups.Group;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.time.Wareki;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds a group's representative that the group's registration ends soon: a personal notice of the type
 * {@code reservation.group-expiry} ({@link GroupNotices}) to the My Page inbox and by mail, {@link #DAYS_BEFORE} days
 * before the last valid day, for approved groups that have not asked for a renewal yet. Once per group and period:
 * the notice's key names the group and its end date, so the daily run notifies nobody twice, and a renewal (a new end
 * date) brings a new reminder before the new end.
 */
@Service
public class GroupExpiryReminders {

    /** How many days before the end the representative hears of it. */
    public static final int DAYS_BEFORE = 30;

    private static final Logger log = LoggerFactory.getLogger(GroupExpiryReminders.class);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PersonalNotices notices;
    private final Clock clock;
    private final TransactionTemplate tx;

    GroupExpiryReminders(JdbcClient jdbc, Accounts accounts, PersonalNotices notices, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.notices = notices;
        this.clock = clock;
        this.tx = tx;
    }

    /** Every morning at 09:00 in Tokyo (not at night); a day missed is caught up the next day. */
    @Scheduled(cron = "0 0 9 * * *", zone = "Asia/Tokyo")
    public void daily() {
        int n = remind(clock.instant());
        if (n > 0) {
            log.info("{} group registration expiry reminders queued", n);
        }
    }

    /**
     * Queues the reminders due at {@code now}, each group's in its own transaction; returns how many were queued (not
     * counting ones queued before, or none when staff switched the type off or the representative stopped it).
     */
    public int remind(Instant now) {
        LocalDate today = now.atZone(MachiClock.ZONE).toLocalDate();
        List<Group> ending = jdbc.sql("""
                select * from reservation_group
                where status = 'APPROVED' and renewal_requested_at is null and representative_account_id is not null
                  and valid_until between ? and ?
                order by valid_until, id""")
            .params(today, today.plusDays(DAYS_BEFORE)).query(GroupService::group).list();
        int queued = 0;
        for (Group g : ending) {
            if (Boolean.TRUE.equals(tx.execute(status -> remind(g, today)))) {
                queued++;
            }
        }
        return queued;
    }

    private boolean remind(Group g, LocalDate today) {
        return accounts.find(g.representativeId()).map(a -> {
            Locale locale = "en".equals(a.preferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
            Map<String, String> values = new LinkedHashMap<>();
            values.put("group", g.name());
            values.put("date", Wareki.format(g.validUntil(), locale));
            values.put("days", String.valueOf(ChronoUnit.DAYS.between(today, g.validUntil())));
            return notices.send(PersonalNotice.toAccount(GroupNotices.EXPIRY, "group:" + g.id() + ":ends:" + g.validUntil(),
                a.id(), values, "/account/group"));
        }).orElse(false);
    }
}
