package jp.machi.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import jp.machi.reservation.groups.internal.BlockRules;
import jp.machi.reservation.booking.spi.BookingCheck;
import jp.machi.reservation.booking.internal.BookingRateLimiter;
import jp.machi.reservation.groups.internal.EligibilityCheck;
import jp.machi.reservation.legacy.internal.LegacyImport;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.internal.StaffBookings;
import jp.machi.reservation.legacy.internal.Utilisation;
import jp.machi.shared.time.MachiClock;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In-process figures for the groups scope on the real embedded PostgreSQL: a legacy import of 10,000 bookings
 * (check, commit, the same file again), the cost the new booking checks add to one booking, utilisation of a year,
 * and one rate-limit decision. Run with {@code ./mvnw -B -Pbench test -Dtest=GroupsBench}; figures are printed and
 * written to target/bench/groups.txt.
 */
@MachiTest
class GroupsBench {

    static final int ROWS = Integer.getInteger("bench.rows", 10_000);
    static final int ROOMS = 40;

    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    @Autowired LegacyImport imports;
    @Autowired EligibilityCheck eligibility;
    @Autowired BlockRules blocks;
    @Autowired Utilisation utilisation;
    @Autowired StaffBookings staff;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    @Test
    void run() throws Exception {
        List<String> out = new ArrayList<>();
        var facility = TestRooms.create(jdbc, ROOMS);
        long adminId = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();

        // ---- a legacy file of ROWS bookings: 5 per person, every room × slot × day distinct ----
        String u = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder csv = new StringBuilder("legacy_booker_id,name,email,residency,legacy_booking_id,room_id,date,slot\r\n");
        String[] slots = {"am", "pm", "night"};
        LocalDate first = service.today().plusDays(300);
        for (int i = 0; i < ROWS; i++) {
            int person = i / 5;
            int room = i % ROOMS;
            int rest = i / ROOMS;
            String slot = slots[rest % 3];
            LocalDate day = first.plusDays(rest / 3);
            csv.append("P").append(u).append(person).append(",利用者 ").append(person).append(",bench-").append(u).append('-')
                .append(person).append("@example.com,在住,K").append(u).append(i).append(',').append(facility.rooms()[room])
                .append(',').append(day).append(',').append(slot).append("\r\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        var preview = imports.check(file, id -> true);
        long check = System.nanoTime() - t0;
        assertThat(preview.problems()).isEmpty();
        assertThat(preview.count("book")).isEqualTo(ROWS);
        long id = imports.store(adminId, "bench.csv", file);
        t0 = System.nanoTime();
        var result = imports.commit(adminId, id, f -> true);
        long commit = System.nanoTime() - t0;
        assertThat(result.bookings()).isEqualTo(ROWS);
        long id2 = imports.store(adminId, "bench.csv", file);
        t0 = System.nanoTime();
        var again = imports.commit(adminId, id2, f -> true);
        long second = System.nanoTime() - t0;
        assertThat(again.bookings()).isZero();
        assertThat(again.skipped()).isEqualTo(ROWS);
        out.add(String.format(Locale.ROOT, "| legacy import, %,d rows (%,d KiB): check (preview) | %.0f ms |", ROWS, file.length / 1024, ms(check)));
        out.add(String.format(Locale.ROOT, "| legacy import, %,d rows: commit (checks again, then writes) | %.0f ms |", ROWS, ms(commit)));
        out.add(String.format(Locale.ROOT, "| legacy import, the same file again (all skipped) | %.0f ms |", ms(second)));

        // ---- what the two new booking checks add to one booking (in its transaction) ----
        var room = service.room(facility.rooms()[0]).orElseThrow();
        var booker = bookers.booker(TestResidents.create(jdbc, "RESIDENT").id()).orElseThrow();
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        int n = 5000;
        double[] costs = new double[n];
        for (int i = 0; i < n + 500; i++) {
            var request = new BookingCheck.Request(booker, room, service.today().plusDays(10 + i % 60), room.slots().getFirst(), now, null, null, null);
            long s = System.nanoTime();
            tx.executeWithoutResult(st -> {
                eligibility.check(request);
                blocks.check(request);
            });
            long e = System.nanoTime() - s;
            if (i >= 500) {
                costs[i - 500] = ms(e);
            }
        }
        double[] emptyTx = new double[n];
        for (int i = 0; i < n + 500; i++) {
            long s = System.nanoTime();
            tx.executeWithoutResult(st -> jdbc.sql("select 1").query(Integer.class).single());
            long e = System.nanoTime() - s;
            if (i >= 500) {
                emptyTx[i - 500] = ms(e);
            }
        }
        Arrays.sort(costs);
        Arrays.sort(emptyTx);
        out.add(String.format(Locale.ROOT, "| both checks in a transaction (eligibility + blocks with advisory lock), p50 / p95 | %.2f / %.2f ms |",
            percentile(costs, 0.5), percentile(costs, 0.95)));
        out.add(String.format(Locale.ROOT, "| for comparison: a transaction with `select 1`, p50 / p95 | %.2f / %.2f ms |",
            percentile(emptyTx, 0.5), percentile(emptyTx, 0.95)));

        // ---- utilisation of 12 months: the 40-room facility with 10,000 bookings, and every facility the admin sees ----
        var mine = staff.facilitiesFor(adminId).stream().filter(f -> f.id().equals(facility.id())).toList();
        YearMonth from = YearMonth.from(first);
        double[] one = new double[20];
        for (int i = 0; i < 25; i++) {
            long s = System.nanoTime();
            var rows = utilisation.table(mine, from, from.plusMonths(11));
            long e = System.nanoTime() - s;
            assertThat(rows).hasSize(12);
            if (i >= 5) {
                one[i - 5] = ms(e);
            }
        }
        Arrays.sort(one);
        var everyone = staff.facilitiesFor(adminId);
        double[] all = new double[10];
        int rowsAll = 0;
        for (int i = 0; i < 13; i++) {
            long s = System.nanoTime();
            rowsAll = utilisation.table(everyone, from, from.plusMonths(11)).size();
            long e = System.nanoTime() - s;
            if (i >= 3) {
                all[i - 3] = ms(e);
            }
        }
        Arrays.sort(all);
        out.add(String.format(Locale.ROOT, "| utilisation, 12 months of the 40-room facility (12 rows), p50 / max | %.0f / %.0f ms |",
            percentile(one, 0.5), one[one.length - 1]));
        out.add(String.format(Locale.ROOT, "| utilisation, 12 months of all %d facilities the admin sees (%d rows), p50 / max | %.0f / %.0f ms |",
            everyone.size(), rowsAll, percentile(all, 0.5), all[all.length - 1]));

        // ---- one rate-limit decision (in memory) ----
        var limiter = new BookingRateLimiter(Clock.systemUTC(), 20, 60, Duration.ofMinutes(1), Set.of());
        int decisions = 2_000_000;
        for (int i = 0; i < 200_000; i++) {
            limiter.request((long) (i % 5000), "198.51.100." + (i % 200));
        }
        long s = System.nanoTime();
        for (int i = 0; i < decisions; i++) {
            limiter.request((long) (i % 5000), "198.51.100." + (i % 200));
        }
        long e = System.nanoTime() - s;
        out.add(String.format(Locale.ROOT, "| one rate-limit decision (account + address, 5,000 accounts, 200 addresses) | %.2f µs |",
            e / 1000.0 / decisions));

        Path target = Path.of("target/bench/groups.txt");
        Files.createDirectories(target.getParent());
        Files.write(target, out);
        out.forEach(System.out::println);
    }
}
