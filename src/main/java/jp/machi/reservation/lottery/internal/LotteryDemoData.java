package jp.machi.reservation.lottery.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.machi.facility.Facilities;
import jp.machi.identity.Accounts;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Residency;
import jp.machi.reservation.groups.Groups;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import jp.machi.shared.time.MachiClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: two lottery rounds over the rooms of the last bookable demo facility (so the first facility, which
 * tests and newcomers book first-come, stays free of lottery holds). One round is open for applications (target
 * month two months ahead, a few demo applications); one is already committed and drawn (target next month) with
 * eight demo applicants — six non-login people 「抽選デモ 1」…, the demo resident and the demo group (made by the groups
 * part's demo data, which runs first) — whose result anyone can recompute on the verification page. Idempotent:
 * nothing happens once a demo round exists.
 */
@Component
class LotteryDemoData extends DemoData {

    static final String MARK = "(demo)";

    private final LotteryService lottery;
    private final BookableRooms reservations;
    private final Bookers bookers;
    private final Accounts accounts;
    private final Facilities facilities;
    private final Groups groups;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    LotteryDemoData(DemoMode demo, LotteryService lottery, BookableRooms reservations, Bookers bookers, Accounts accounts,
                    Facilities facilities, Groups groups, JdbcClient jdbc, TransactionTemplate tx) {
        super(demo);
        this.lottery = lottery;
        this.reservations = reservations;
        this.bookers = bookers;
        this.accounts = accounts;
        this.facilities = facilities;
        this.groups = groups;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    protected void seed() {
        if (jdbc.sql("select count(*) from reservation_lottery_round where name_en like ?")
            .param("%" + MARK).query(Long.class).single() > 0) {
            return;
        }
        var byFacility = new ArrayList<>(reservations.byFacility().values());
        if (byFacility.size() < 2) {
            return;
        }
        List<BookableRoom> rooms = byFacility.get(byFacility.size() - 1);
        rooms = rooms.subList(0, Math.min(2, rooms.size()));
        List<Long> roomIds = rooms.stream().map(r -> r.room().id()).toList();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, MachiClock.ZONE);
        Duration day = Duration.ofDays(1);

        // drawn round: next month
        LocalDate next = today.withDayOfMonth(1).plusMonths(1);
        Instant opens = now.minus(day.multipliedBy(20));
        Instant closes = now.minus(day.multipliedBy(10));
        Instant draw = now.minus(day.multipliedBy(9));
        long drawn = tx.execute(s -> lottery.createRound(new LotteryService.RoundForm(
            next.getMonthValue() + "月分 一般抽選（デモ）", "General lottery for " + next.getMonth().getDisplayName(
                java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + MARK, next, opens, closes, draw,
            now.plus(day.multipliedBy(3)), now.plus(day.multipliedBy(4)), 3, 2, roomIds), null));
        List<Long> people = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            long id = accounts.demoPerson("lottery-demo-" + i + "@demo.machi.example", "抽選デモ " + i, i % 2 == 0 ? "en" : "ja");
            bookers.registerIfAbsent(id, Residency.RESIDENT);
            people.add(id);
        }
        accounts.findByEmail("resident@demo.machi.example").ifPresent(a -> people.add(a.id()));
        Long club = accounts.findByEmail("club@demo.machi.example").map(a -> a.id())
            .filter(id -> groups.representedBy(id).isPresent()).orElse(null);
        List<LotteryRepository.Choice> popular = popular(rooms, next, 6);
        Instant applyAt = opens.plus(Duration.ofHours(1));
        if (club != null && popular.size() >= 3) {
            List<LotteryRepository.Choice> choices = List.of(popular.get(0), popular.get(1), popular.get(2));
            try {
                tx.executeWithoutResult(s -> lottery.apply(club, true, drawn, choices, applyAt));
            } catch (LotteryException e) {
                // the group's card is left out
            }
        }
        for (int p = 0; p < people.size(); p++) {
            for (int card = 0; card < 2 && popular.size() >= 3; card++) {
                List<LotteryRepository.Choice> choices = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    choices.add(popular.get((p + card * 3 + k) % popular.size()));
                }
                long person = people.get(p);
                try {
                    tx.executeWithoutResult(s -> lottery.apply(person, drawn, choices, applyAt));
                } catch (LotteryException e) {
                    // a duplicate across the person's cards: that card is left out
                }
            }
        }
        tx.executeWithoutResult(s -> lottery.commit(drawn, closes));
        tx.executeWithoutResult(s -> lottery.draw(drawn, draw));

        // open round: two months ahead, window open for ten more days
        LocalDate later = today.withDayOfMonth(1).plusMonths(2);
        long open = tx.execute(s -> lottery.createRound(new LotteryService.RoundForm(
            later.getMonthValue() + "月分 一般抽選（デモ）", "General lottery for " + later.getMonth().getDisplayName(
                java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + MARK, later, now.minus(day), now.plus(day.multipliedBy(10)),
            now.plus(day.multipliedBy(11)), now.plus(day.multipliedBy(16)), now.plus(day.multipliedBy(17)), 3, 2, roomIds), null));
        List<LotteryRepository.Choice> wanted = popular(rooms, later, 4);
        for (int p = 0; p < 3 && wanted.size() >= 2; p++) {
            List<LotteryRepository.Choice> choices = List.of(wanted.get(p % wanted.size()), wanted.get((p + 1) % wanted.size()));
            long person = people.get(p);
            try {
                tx.executeWithoutResult(s -> lottery.apply(person, open, choices, now));
            } catch (LotteryException e) {
                // nothing to add
            }
        }
        if (club != null && wanted.size() >= 3) {
            try {
                tx.executeWithoutResult(s -> lottery.apply(club, true, open, List.of(wanted.get(2), wanted.get(0)), now));
            } catch (LotteryException e) {
                // nothing to add
            }
        }
    }

    /** The first Saturday and Sunday slots of the month that the rooms' facility is open for. */
    private List<LotteryRepository.Choice> popular(List<BookableRoom> rooms, LocalDate month, int max) {
        List<LotteryRepository.Choice> found = new ArrayList<>();
        for (LocalDate d = month; d.getMonth() == month.getMonth() && found.size() < max; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                continue;
            }
            for (BookableRoom r : rooms) {
                var hours = facilities.hoursOn(r.facility().id(), d).orElse(null);
                for (Slot s : r.slots()) {
                    if (found.size() < max && BookableRooms.opensFor(hours, s)) {
                        found.add(new LotteryRepository.Choice(0, r.room().id(), d, s.code()));
                    }
                }
            }
        }
        return found;
    }
}
