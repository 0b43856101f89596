package jp.machi.reservation;

import jp.machi.facility.TestFacilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.booking.internal.Payments;
import jp.machi.reservation.booking.internal.Reminders;
import jp.machi.reservation.booking.internal.CalendarFeed;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.Reductions;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In-process benchmark of the money side on the real embedded PostgreSQL: (1) checkout — hold + confirm of distinct
 * slots one after another (what one resident's click costs, mail to the outbox included); (2) the payment job over
 * {@code bench.unpaid} (default 20,000) confirmed unpaid bookings of which half are past their deadline, and the
 * day-before reminder; (3) the iCalendar feed of a person with 300 bookings. Figures go to stdout and
 * target/bench/money.txt. Run with {@code ./mvnw -B -Pbench test -Dtest=MoneyJobsBench}.
 */
@MachiTest
class MoneyJobsBench {

    static final int UNPAID = Integer.getInteger("bench.unpaid", 20_000);
    static final int HOLDS = Integer.getInteger("bench.holds", 300);

    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    @Autowired BookingService checkout;
    @Autowired Payments payments;
    @Autowired Reminders reminders;
    @Autowired CalendarFeed feed;
    @Autowired Cancellations cancellations;
    @Autowired Reductions reductions;
    @Autowired RoomRules rules;

    @Test
    void run() throws Exception {
        List<String> out = new ArrayList<>();
        String facility = "bench-money-" + UUID.randomUUID().toString().substring(0, 8);
        TestFacilities.facility(facility, "ベンチ会館", "Bench hall").department("bench").openDays(1, 7, "08:00", "22:00")
            .create(jdbc);
        List<Long> rooms = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rooms.add(TestFacilities.room(jdbc, facility, "室" + i, "Room " + i, 20, i));
        }
        jdbc.sql("""
                insert into reservation_rule (facility_id, window_days, cutoff_days, monthly_cap, fee_resident, fee_non_resident,
                    fee_commercial, cancel_deadline_days) values (?, 700, 0, 1000, 1000, 2000, 5000, 7)""").param(facility).update();

        // (1) checkout: hold + confirm, one after another, by one resident with a real mail address
        var who = TestResidents.create(jdbc, "RESIDENT");
        var room = service.room(rooms.getFirst()).orElseThrow();
        List<Availability> open = service.availability(room, service.today().plusDays(1), service.today().plusDays(90))
            .stream().filter(a -> a.status() == Availability.Status.OPEN).limit(HOLDS).toList();
        long[] nanos = new long[open.size()];
        for (int i = 0; i < open.size(); i++) {
            Availability a = open.get(i);
            long t0 = System.nanoTime();
            var held = checkout.hold(who.id(), null, room.room().id(), a.date(), a.slot().code(), null, UUID.randomUUID().toString(), false);
            checkout.confirm(who.id(), held.booking().id(), null);
            nanos[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(nanos);
        out.add(String.format(Locale.ROOT, "checkout hold+confirm, %d sequential: p50 %.1f ms, p95 %.1f ms, max %.1f ms",
            nanos.length, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6, nanos[nanos.length - 1] / 1e6));

        // (3) the feed of that resident (300 bookings)
        String token = feed.reset(who.id());
        long t0 = System.nanoTime();
        String ics = "";
        for (int i = 0; i < 20; i++) {
            ics = feed.calendar(feed.owner(token).orElseThrow(), Locale.JAPANESE);
        }
        out.add(String.format(Locale.ROOT, "iCalendar feed of %d events: %.1f ms each (mean of 20), %d KiB",
            ics.split("BEGIN:VEVENT", -1).length - 1, (System.nanoTime() - t0) / 20 / 1e6, ics.length() / 1024));

        // (2) unpaid bookings of bookers without a mail address (no mail cost), half past their deadline
        long noMail = -System.nanoTime();
        jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, fee_rule, idempotency_key, created_at)
                select r.id, ?, current_date + 100 + (g / 3), (array['am','pm','night'])[g % 3 + 1], '09:00', '12:00',
                    ?, 'CONFIRMED', 1000, 'resident/facility', 'bench-' || r.id || '-' || g,
                    now()
                from (select id from room where facility_id = ?) r, generate_series(0, ? / 12 - 1) g""")
            .params(facility, noMail, facility, UNPAID).update();
        // half of them booked 30 days ago (past the deadline), set just before the jobs run so the scheduled
        // wrapper (every 5 minutes in this JVM too) does not get there first
        jdbc.sql("""
                update reservation_booking set created_at = now() - interval '30 days'
                where booker_account_id = ? and id % 2 = 0""").param(noMail).update();
        long unpaid = jdbc.sql("select count(*) from reservation_booking where facility_id = ? and paid_at is null and status = 'CONFIRMED'")
            .param(facility).query(Long.class).single();
        t0 = System.nanoTime();
        int reminded = payments.remind(Instant.now());
        long remindNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        int cancelled = payments.cancelUnpaid(Instant.now());
        long cancelNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        int again = payments.cancelUnpaid(Instant.now());
        long againNanos = System.nanoTime() - t0;
                out.add(String.format(Locale.ROOT, "payment jobs over %d unpaid bookings: remindPayment %.2f s (%d reminded), "
                + "cancelUnpaid %.2f s (%d cancelled), cancelUnpaid again %.2f s (%d)",
            unpaid, remindNanos / 1e9, reminded, cancelNanos / 1e9, cancelled, againNanos / 1e9, again));
        t0 = System.nanoTime();
        int tomorrow = reminders.dayBefore(Instant.now());
        out.add(String.format(Locale.ROOT, "remindDayBefore: %.2f s (%d reminded)", (System.nanoTime() - t0) / 1e9, tomorrow));
        LocalDate now = LocalDate.now();
        out.add("date " + now + ", cores " + Runtime.getRuntime().availableProcessors()
            + ", load " + Files.readString(Path.of("/proc/loadavg")).strip());
        out.forEach(System.out::println);
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/money.txt"), out);
    }
}
