package jp.machi.reservation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.machi.facility.TestFacilities;
import jp.machi.reservation.lottery.internal.LotteryService;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A test's own facility (open 09:00–22:00 Monday to Saturday, closed on Sundays) with bookable rooms, and rounds. */
public final class LotteryFixtures {

    private LotteryFixtures() {}

    public record Place(String facilityId, List<Long> rooms) {}

    public static Place facility(JdbcClient jdbc, int rooms) {
        String id = "lottery-test-" + UUID.randomUUID().toString().substring(0, 8);
        TestFacilities.facility(id, "抽選テスト会館 " + id.substring(13), "Lottery test hall " + id.substring(13))
            .department("joho-seisaku").openDays(1, 6, "09:00", "22:00").create(jdbc);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= rooms; i++) {
            ids.add(TestFacilities.room(jdbc, id, "集会室" + i, "Room " + i, 30, 0));
        }
        return new Place(id, ids);
    }

    /** The first day of the month after next: inside the 90-day booking window for its first weeks. */
    public static LocalDate targetMonth(LocalDate today) {
        return today.withDayOfMonth(1).plusMonths(2);
    }

    /** The n-th (0-based) Monday-to-Saturday day of the month that is not a public holiday candidate (day ≥ 2). */
    public static LocalDate weekday(LocalDate month, int n) {
        LocalDate d = month.plusDays(1);
        int seen = 0;
        while (true) {
            if (d.getDayOfWeek() != DayOfWeek.SUNDAY && d.getDayOfWeek() != DayOfWeek.MONDAY) {
                if (seen++ == n) {
                    return d;
                }
            }
            d = d.plusDays(1);
        }
    }

    public static LocalDate sunday(LocalDate month) {
        LocalDate d = month;
        while (d.getDayOfWeek() != DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** An instant as a {@code datetime-local} form value in Tokyo time, as the staff round form takes it. */
    public static String local(Instant i) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(i.atZone(jp.machi.shared.time.MachiClock.ZONE));
    }

    /**
     * The test facilities stay in the shared database but stop being bookable, so other test classes that take "the
     * first bookable room" never get one of these (open on Mondays, held by the tests' rounds).
     */
    public static void retire(JdbcClient jdbc) {
        TestFacilities.retireRooms(jdbc, "lottery-test-");
    }

    /** How many applications a round holds. */
    public static long applications(JdbcClient jdbc, long round) {
        return jdbc.sql("select count(*) from reservation_lottery_application where round_id = ?").param(round)
            .query(Long.class).single();
    }

    /** A round whose window is open now (wall clock), draw in 2 days, confirm in 3, first-come in 4. */
    public static LotteryService.RoundForm openRound(String name, LocalDate month, List<Long> rooms, int choices, int cap) {
        Instant now = Instant.now();
        Duration day = Duration.ofDays(1);
        return new LotteryService.RoundForm(name, name + " (en)", month, now.minus(day), now.plus(day), now.plus(day.multipliedBy(2)),
            now.plus(day.multipliedBy(3)), now.plus(day.multipliedBy(4)), choices, cap, rooms);
    }
}
