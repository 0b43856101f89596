package jp.machi.reservation;

import jp.machi.facility.TestFacilities;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import jp.machi.draw.VerifiableDraw;
import jp.machi.reservation.lottery.internal.LotteryFormat;
import jp.machi.reservation.lottery.internal.LotteryRound;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lottery at scale on the real embedded PostgreSQL: 100,000 applications (50,000 applicants × 2 applications
 * × 3 ranked choices, popular slots preferred) for 10,000 slots (one generated facility, rooms × days × 3 slots).
 * Measures the commitment (list from the database, hashes), the draw (list and seed → results, 10,000 PROVISIONAL
 * bookings, results stored) and re-running the draw from the published list and seed with the documented procedure
 * (the test's independent implementation) and with the verification of the production code; both must give the
 * published results byte for byte. Target: draw under 10 s. Run with
 * {@code ./mvnw -B -Pbench test -Dtest=LotteryBench}; figures go to stdout and target/bench/lottery.txt.
 */
@MachiTest
class LotteryBench {

    static final int APPLICANTS = Integer.getInteger("bench.applicants", 50_000);
    static final int PER_APPLICANT = 2;
    static final int CHOICES = 3;
    static final int SLOTS = 10_000;

    @Autowired JdbcClient jdbc;
    @Autowired LotteryService lottery;
    @Autowired BookableRooms reservations;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    @Test
    void run() throws Exception {
        String loadBefore = load();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        int days = month.lengthOfMonth();
        int rooms = (SLOTS + days * 3 - 1) / (days * 3);
        String facility = "lottery-bench-" + UUID.randomUUID().toString().substring(0, 8);
        TestFacilities.facility(facility, "抽選ベンチ会館", "Lottery bench hall").department("joho-seisaku")
            .openDays(1, 7, "09:00", "22:00").create(jdbc);
        List<Long> roomIds = new ArrayList<>();
        for (int n = 1; n <= rooms; n++) {
            roomIds.add(TestFacilities.room(jdbc, facility, "ベンチ室" + n, "Bench room " + n, 20, 0));
        }
        // every slot of the round: room × day × slot, the first 10,000
        List<Object[]> slots = new ArrayList<>();
        for (long room : roomIds) {
            for (int d = 0; d < days; d++) {
                for (String s : List.of("am", "pm", "night")) {
                    if (slots.size() < SLOTS) {
                        slots.add(new Object[] {room, month.plusDays(d), s});
                    }
                }
            }
        }
        long round = lottery.createRound(new LotteryService.RoundForm("ベンチ抽選 " + facility, "Bench lottery " + facility, month,
            now.minus(Duration.ofDays(1)), now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)),
            now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(4)), CHOICES, PER_APPLICANT, roomIds), null);

        // applicants (fake person ids far above real accounts), registered as bookers, with references
        long base = 9_000_000_000L + (System.nanoTime() % 1_000_000) * 100_000;
        Random random = new Random(20261123);
        Long[] people = new Long[APPLICANTS];
        String[] refs = new String[APPLICANTS];
        Set<String> seenRefs = new HashSet<>();
        for (int i = 0; i < APPLICANTS; i++) {
            people[i] = base + i;
            String ref;
            do {
                ref = VerifiableDraw.newReference();
            } while (!seenRefs.add(ref));
            refs[i] = ref;
        }
        long t0 = System.nanoTime();
        jdbc.sql("insert into reservation_booker (account_id, residency) select unnest(cast(:ids as bigint[])), 'RESIDENT'")
            .param("ids", people).update();
        jdbc.sql("""
                insert into reservation_lottery_applicant (round_id, applicant_kind, applicant_id, reference)
                select :round, 'PERSON', p, r from unnest(cast(:ids as bigint[]), cast(:refs as varchar[])) as u(p, r)""")
            .param("round", round).param("ids", people).param("refs", refs).update();
        int applications = APPLICANTS * PER_APPLICANT;
        List<Long> appIds = jdbc.sql("select nextval('reservation_lottery_application_id_seq') from generate_series(1, ?)")
            .param(applications).query(Long.class).list();
        Long[] appId = appIds.toArray(Long[]::new);
        Long[] appPerson = new Long[applications];
        List<Long> choiceApp = new ArrayList<>();
        List<Integer> choiceRank = new ArrayList<>();
        List<Long> choiceRoom = new ArrayList<>();
        List<String> choiceDate = new ArrayList<>();
        List<String> choiceSlot = new ArrayList<>();
        for (int i = 0; i < APPLICANTS; i++) {
            Set<Integer> used = new HashSet<>();
            for (int c = 0; c < PER_APPLICANT; c++) {
                int a = i * PER_APPLICANT + c;
                appPerson[a] = people[i];
                for (int k = 1; k <= CHOICES; k++) {
                    int s;
                    do { // a third of the choices go to a popular tenth of the slots
                        s = random.nextInt(3) == 0 ? random.nextInt(SLOTS / 10) * 10 : random.nextInt(SLOTS);
                    } while (!used.add(s));
                    choiceApp.add(appId[a]);
                    choiceRank.add(k);
                    choiceRoom.add((Long) slots.get(s)[0]);
                    choiceDate.add(slots.get(s)[1].toString());
                    choiceSlot.add((String) slots.get(s)[2]);
                }
            }
        }
        jdbc.sql("""
                insert into reservation_lottery_application (id, round_id, applicant_kind, applicant_id, created_at)
                select i, :round, 'PERSON', p, :now from unnest(cast(:ids as bigint[]), cast(:people as bigint[])) as u(i, p)""")
            .param("round", round).param("now", java.sql.Timestamp.from(now)).param("ids", appId).param("people", appPerson).update();
        jdbc.sql("""
                insert into reservation_lottery_choice (application_id, rank, room_id, use_date, slot_code)
                select a, r, m, cast(d as date), s from unnest(cast(:a as bigint[]), cast(:r as integer[]), cast(:m as bigint[]),
                    cast(:d as varchar[]), cast(:s as varchar[])) as u(a, r, m, d, s)""")
            .param("a", choiceApp.toArray(Long[]::new)).param("r", choiceRank.toArray(Integer[]::new))
            .param("m", choiceRoom.toArray(Long[]::new)).param("d", choiceDate.toArray(String[]::new))
            .param("s", choiceSlot.toArray(String[]::new)).update();
        double loadMs = (System.nanoTime() - t0) / 1e6;
        assertThat(lottery.applicationCount(round)).isEqualTo(applications);

        LotteryRound r = lottery.round(round).orElseThrow();
        long t1 = System.nanoTime();
        assertThat(lottery.commit(round, r.closesAt())).isTrue();
        double commitMs = (System.nanoTime() - t1) / 1e6;

        long t2 = System.nanoTime();
        assertThat(lottery.draw(round, r.drawAt())).isTrue();
        double drawMs = (System.nanoTime() - t2) / 1e6;
        // the result mails of fake people would only mark rows; keep the minute job from churning through them
        jdbc.sql("update reservation_lottery_applicant set notified_at = now() where round_id = ?").param(round).update();

        r = lottery.round(round).orElseThrow();
        String list = lottery.publishedList(round).orElseThrow();
        String results = lottery.publishedResults(round).orElseThrow();
        long bookings = jdbc.sql("select count(*) from reservation_booking where facility_id = ? and status = 'PROVISIONAL'")
            .param(facility).query(Long.class).single();
        long winners = LotteryFormat.results(results).stream().filter(LotteryFormat.Result::won).count();

        long t3 = System.nanoTime();
        String again = IndependentLotteryCheck.results(list, r.seed());
        boolean listOk = IndependentLotteryCheck.sha256Hex(list).equals(r.listSha256());
        boolean seedOk = IndependentLotteryCheck.sha256Hex(r.seed()).equals(r.seedSha256());
        double independentMs = (System.nanoTime() - t3) / 1e6;
        long t5 = System.nanoTime();
        List<VerifiableDraw.Result> pure = VerifiableDraw.draw(VerifiableDraw.parseList(LotteryFormat.FORMAT, list), r.seed());
        double pureMs = (System.nanoTime() - t5) / 1e6;
        assertThat(pure).hasSize(applications);
        long t4 = System.nanoTime();
        VerifiableDraw.Verification v = lottery.verify(r, list, r.seed(), results);
        double verifyMs = (System.nanoTime() - t4) / 1e6;

        assertThat(again).isEqualTo(results);
        assertThat(listOk && seedOk).isTrue();
        assertThat(v.allGood()).isTrue();
        assertThat(bookings).isEqualTo(winners);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "load average before: %s, after: %s (2 cores shared with four other engineers' builds)%n", loadBefore, load()));
        out.append(String.format(Locale.ROOT, "applicants %,d, applications %,d, choices %,d, slots %,d (%d rooms x %d days x 3)%n",
            APPLICANTS, applications, choiceApp.size(), slots.size(), rooms, days));
        out.append(String.format(Locale.ROOT, "list %,d bytes, results %,d bytes, winners %,d, provisional bookings %,d%n",
            list.length(), results.length(), winners, bookings));
        out.append("| step | time |\n| --- | ---: |\n");
        out.append(String.format(Locale.ROOT, "| loading the generated applications (SQL, not part of the lottery) | %.0f ms |%n", loadMs));
        out.append(String.format(Locale.ROOT, "| commit: number applications, list from the database, seed, SHA-256 | %.0f ms |%n", commitMs));
        out.append(String.format(Locale.ROOT, "| **draw**: parse list, draw, %,d PROVISIONAL bookings, mark winners, store results | **%.0f ms** |%n", bookings, drawMs));
        out.append(String.format(Locale.ROOT, "| re-run from the published list and seed (independent implementation of the docs) + both SHA-256 | %.0f ms |%n", independentMs));
        out.append(String.format(Locale.ROOT, "| of which in memory: parse the list and draw (VerifiableDraw) | %.0f ms |%n", pureMs));
        out.append(String.format(Locale.ROOT, "| verification of the production code (hashes, parse, draw, compare) | %.0f ms |%n", verifyMs));
        out.append("identical results on re-run: ").append(again.equals(results)).append('\n');
        System.out.println(out);
        Path file = Path.of("target/bench/lottery.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        assertThat(drawMs).isLessThan(10_000);
    }
}
