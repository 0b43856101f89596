package jp.machi.reservation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.machi.facility.TestFacilities;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.booking.internal.Payments;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-process benchmark of the booking core's jobs over many rows on the embedded PostgreSQL (issue 15): (1)
 * {@code cancelUnpaid} over {@code bench.unpaid} (default 100,000) confirmed bookings past their payment deadline, next
 * to a tenth as many that are not due yet, then again with nothing due; (2) {@code expireHolds} over as many lapsed
 * PROVISIONAL holds; (3) {@code cancelUnpaid} over {@code bench.mailed} (default 500) due bookings whose bookers have
 * a mail address (the mail written to the outbox is the cost). Checks that every due booking was cancelled and
 * audited and nothing else was. Figures go to stdout and target/bench/jobs.txt.
 * Run with {@code ./mvnw -B test -Dtest=UnpaidCancelBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MachiTest
class UnpaidCancelBench {

    static final int UNPAID = Integer.getInteger("bench.unpaid", 100_000);
    static final int MAILED = Integer.getInteger("bench.mailed", 500);
    static final int ROOMS = 50;

    @Autowired JdbcClient jdbc;
    @Autowired Payments payments;
    @Autowired Cancellations cancellations;

    @Test
    void run() throws Exception {
        List<String> out = new ArrayList<>();
        String facility = "bench-jobs-" + UUID.randomUUID().toString().substring(0, 8);
        // the counter is open every day: a payment deadline can always be met, so every due booking is cancelled
        TestFacilities.facility(facility, "ベンチ会館", "Bench hall").department("bench").openDays(1, 7, "08:30", "21:00")
            .create(jdbc);
        for (int i = 0; i < ROOMS; i++) {
            TestFacilities.room(jdbc, facility, "室" + i, "Room " + i, 20, i);
        }
        // pay within 14 days of booking or 3 days before the day of use (the defaults)
        jdbc.sql("""
                insert into reservation_rule (facility_id, window_days, cutoff_days, monthly_cap, fee_resident, fee_non_resident,
                    fee_commercial, cancel_deadline_days) values (?, 700, 0, 1000, 1000, 2000, 5000, 7)""").param(facility).update();
        long noMail = -System.nanoTime();
        long t0 = System.nanoTime();
        // due: booked 30 days ago; not due: booked now; every unit once, from 10 days ahead on
        insert(facility, noMail, UNPAID + UNPAID / 10, 0, "CONFIRMED", "null");
        jdbc.sql("""
                update reservation_booking set created_at = now() - interval '30 days'
                where booker_account_id = ? and idempotency_key not like '%-nd'""").param(noMail).update();
        jdbc.sql("analyze reservation_booking").update();
        out.add(String.format(Locale.ROOT, "setup of %,d unpaid bookings: %.1f s", UNPAID + UNPAID / 10, (System.nanoTime() - t0) / 1e9));

        long audit0 = auditCount();
        t0 = System.nanoTime();
        int cancelled = payments.cancelUnpaid(Instant.now());
        long cancelNanos = System.nanoTime() - t0;
        // the scheduled payment job (every 5 minutes) may have taken some of them at the same time: count what is cancelled
        cancelled = Math.max(cancelled, jdbc.sql("select count(*) from reservation_booking where booker_account_id = ? "
            + "and status = 'CANCELLED'").param(noMail).query(Long.class).single().intValue());
        long audited = auditCount() - audit0;
        t0 = System.nanoTime();
        int again = payments.cancelUnpaid(Instant.now());
        long againNanos = System.nanoTime() - t0;
        out.add(String.format(Locale.ROOT, "cancelUnpaid over %,d due + %,d not due: %.2f s (%,d cancelled, %,d audit entries); "
            + "again with nothing due: %.2f s (%d)", UNPAID, UNPAID / 10, cancelNanos / 1e9, cancelled, audited,
            againNanos / 1e9, again));
        long left = jdbc.sql("select count(*) from reservation_booking where booker_account_id = ? and status = 'CONFIRMED'")
            .param(noMail).query(Long.class).single();
        assertThat(cancelled).isEqualTo(UNPAID);
        assertThat(audited).isGreaterThanOrEqualTo(UNPAID);
        assertThat(left).isEqualTo(UNPAID / 10);

        // (2) lapsed holds on later days (the cancelled ones freed their units)
        long holder = noMail - 1;
        insert(facility, holder, UNPAID, 3000, "PROVISIONAL", "now() - interval '1 minute'");
        jdbc.sql("analyze reservation_booking").update();
        audit0 = auditCount();
        t0 = System.nanoTime();
        int expired = cancellations.expireHolds(Instant.now());
        long expireNanos = System.nanoTime() - t0;
        audited = auditCount() - audit0;
        // the scheduled hold job (every minute) may have taken some of them at the same time: count what is expired
        expired = Math.max(expired, jdbc.sql("select count(*) from reservation_booking where booker_account_id = ? "
            + "and status = 'CANCELLED'").param(holder).query(Long.class).single().intValue());
        out.add(String.format(Locale.ROOT, "expireHolds over %,d lapsed holds: %.2f s (%,d expired, %,d audit entries)", UNPAID,
            expireNanos / 1e9, expired, audited));
        assertThat(expired).isGreaterThanOrEqualTo(UNPAID);

        // (3) due bookings of bookers with a mail address: one mail each
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < Math.max(1, MAILED / 50); i++) {
            people.add(TestResidents.create(jdbc, "RESIDENT").id());
        }
        long mails0 = jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();
        jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, fee_rule, idempotency_key, created_at)
                select r.id, :f, current_date + 6000 + g, 'am', '09:00', '12:00', (:people)[1 + g % cardinality(:people)],
                    'CONFIRMED', 1000, 'resident/facility', 'bench-mail-' || r.id || '-' || g, now() - interval '30 days'
                from (select id from room where facility_id = :f order by id limit 1) r, generate_series(0, :n - 1) g""")
            .param("f", facility).param("people", people.toArray(Long[]::new)).param("n", MAILED).update();
        t0 = System.nanoTime();
        int mailed = payments.cancelUnpaid(Instant.now());
        long mailNanos = System.nanoTime() - t0;
        long mails = jdbc.sql("select count(*) from mail_outbox").query(Long.class).single() - mails0;
        out.add(String.format(Locale.ROOT, "cancelUnpaid over %d due bookings of bookers with a mail address: %.2f s "
            + "(%d cancelled, %d mails written, %.2f ms per booking)", MAILED, mailNanos / 1e9, mailed, mails,
            mailNanos / 1e6 / Math.max(1, mailed)));
        assertThat(mailed).isEqualTo(MAILED);
        assertThat(mails).isGreaterThanOrEqualTo(MAILED);

        out.add("date " + Instant.now() + ", cores " + Runtime.getRuntime().availableProcessors()
            + ", load " + Files.readString(Path.of("/proc/loadavg")).strip());
        out.forEach(System.out::println);
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/jobs.txt"), out);
    }

    /** {@code n} bookings of the booker over the facility's rooms, every unit once, from {@code offset} days on. */
    private void insert(String facility, long booker, int n, int offset, String status, String holdUntil) {
        jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, fee_rule, idempotency_key, created_at, hold_expires_at)
                select r.id, :f, current_date + 10 + :offset + (g / 3), (array['am','pm','night'])[g % 3 + 1], '09:00', '12:00',
                    :booker, :status, 1000, 'resident/facility',
                    'bench-' || :status || '-' || r.id || '-' || g || case when g % 11 = 10 then '-nd' else '' end, now(), """
                + holdUntil + " from (select id from room where facility_id = :f) r, generate_series(0, :n / :rooms - 1) g")
            .param("f", facility).param("offset", offset).param("booker", booker).param("status", status).param("n", n)
            .param("rooms", ROOMS).update();
    }

    private long auditCount() {
        return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
    }
}
