package jp.machi.reservation.lottery.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.spi.AvailabilityOverlay;
import jp.machi.reservation.booking.spi.BookingCheck;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Component;

/**
 * While a round covers a slot (from the window's opening until first-come booking opens), availability shows it as
 * {@code lottery} and first-come booking refuses it ({@code lottery}). Nothing runs at the first-come time: the hold
 * is computed from the clock, so every slot left opens at that instant at once.
 */
@Component
class LotteryHold implements AvailabilityOverlay, BookingCheck {

    private final LotteryRepository repository;
    private final Facilities facilities;
    private final Clock clock;

    LotteryHold(LotteryRepository repository, Facilities facilities, Clock clock) {
        this.repository = repository;
        this.facilities = facilities;
        this.clock = clock;
    }

    @Override
    public Map<String, Mark> marks(BookableRoom room, LocalDate from, LocalDate to) {
        List<LotteryRound> rounds = repository.holding(room.room().id(), from, to, clock.instant());
        if (rounds.isEmpty()) {
            return new HashMap<>();
        }
        return marks(room, rounds, from, to, facilities.hoursBetween(room.facility().id(), from, to));
    }

    /** The rounds of all the rooms in one statement; only rooms a round holds cost more. */
    @Override
    public Map<Long, Map<String, Mark>> marks(List<BookableRoom> rooms, LocalDate from, LocalDate to) {
        Map<Long, List<LotteryRound>> rounds = repository.holdingRooms(rooms.stream().map(r -> r.room().id()).toList(),
            from, to, clock.instant());
        Map<Long, Map<String, Mark>> result = new HashMap<>();
        if (rounds.isEmpty()) {
            return result;
        }
        // the hours of the held rooms' facilities over the range, read at once (not per room and day)
        Map<String, Map<LocalDate, DayHours>> hours = facilities.hoursBetween(rooms.stream()
            .filter(r -> rounds.containsKey(r.room().id())).map(r -> r.facility().id()).distinct().toList(), from, to);
        for (BookableRoom room : rooms) {
            List<LotteryRound> held = rounds.get(room.room().id());
            if (held != null) {
                result.put(room.room().id(), marks(room, held, from, to, hours.getOrDefault(room.facility().id(), Map.of())));
            }
        }
        return result;
    }

    private static Map<String, Mark> marks(BookableRoom room, List<LotteryRound> rounds, LocalDate from, LocalDate to,
                                           Map<LocalDate, DayHours> hoursByDay) {
        Map<String, Mark> marks = new HashMap<>();
        for (LotteryRound round : rounds) {
            LocalDate start = round.targetMonth().isAfter(from) ? round.targetMonth() : from;
            LocalDate end = round.lastDay().isBefore(to) ? round.lastDay() : to;
            for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                DayHours hours = hoursByDay.get(d);
                for (Slot s : room.slots()) {
                    if (BookableRooms.opensFor(hours, s)) {
                        marks.put(AvailabilityOverlay.key(d, s.code()), new Mark(Availability.Status.LOTTERY, "lottery"));
                    }
                }
            }
        }
        return marks;
    }

    @Override
    public void check(Request request) {
        var now = request.now().atZone(MachiClock.ZONE).toInstant();
        if (!repository.holding(request.room().room().id(), request.date(), request.date(), now).isEmpty()) {
            throw new Refused(LotteryRefusal.LOTTERY);
        }
    }
}
