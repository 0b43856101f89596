package jp.machi.reservation.legacy.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.groups.Block;
import jp.machi.reservation.groups.Groups;
import jp.machi.reservation.rules.Slot;
import org.springframework.stereotype.Service;

/**
 * Utilisation by facility and month. <b>Available slots</b>: every slot of every online-bookable room on the days
 * the facility is open and inside its hours, minus the slots under a block (maintenance or 行政使用, counted
 * apart). <b>Bookings</b>: bookings of those rooms for days of the month that were not cancelled (confirmed,
 * provisional, no-show). <b>Rate</b>: bookings ÷ available slots.
 */
@Service
public class Utilisation {

    /** The longest range of months one question may cover. */
    public static final int MAX_MONTHS = 12;

    public record Row(FacilitySummary facility, YearMonth month, long bookings, long available, long blocked) {

        /** Per mille of available slots booked (0 with no available slot), for a bar and a percentage with one decimal. */
        public long perMille() {
            return available == 0 ? 0 : Math.min(1000, Math.round(bookings * 1000.0 / available));
        }

        /** The rate as text, e.g. {@code 42.5}. */
        public String percent() {
            long p = perMille();
            return p / 10 + "." + p % 10;
        }
    }

    private final BookableRooms reservations;
    private final Bookings bookings;
    private final Facilities facilities;
    private final Groups blocks;

    Utilisation(BookableRooms reservations, Bookings bookings, Facilities facilities, Groups blocks) {
        this.reservations = reservations;
        this.bookings = bookings;
        this.facilities = facilities;
        this.blocks = blocks;
    }

    /**
     * One row per facility (in {@code only}, in the facility order) and month from {@code from} to {@code to}: the
     * bookings in one statement, the blocks in one per facility.
     */
    public List<Row> table(List<FacilitySummary> only, YearMonth from, YearMonth to) {
        Map<FacilitySummary, List<BookableRoom>> all = reservations.byFacility();
        Map<String, Map<Long, Map<YearMonth, Long>>> used = bookings.usedByMonth(from.atDay(1), to.atEndOfMonth());
        List<Row> rows = new ArrayList<>();
        for (FacilitySummary f : only) {
            List<BookableRoom> rooms = all.getOrDefault(f, List.of());
            if (rooms.isEmpty()) {
                continue;
            }
            List<Block> active = blocks.blocks(f.id(), from.atDay(1), to.atEndOfMonth());
            Map<Long, Map<YearMonth, Long>> byRoom = used.getOrDefault(f.id(), Map.of());
            for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                YearMonth month = m;
                long booked = rooms.stream()
                    .mapToLong(r -> byRoom.getOrDefault(r.room().id(), Map.of()).getOrDefault(month, 0L)).sum();
                rows.add(row(f, rooms, m, active, booked));
            }
        }
        return rows;
    }

    private Row row(FacilitySummary f, List<BookableRoom> rooms, YearMonth month, List<Block> active, long booked) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        long offered = 0;
        long blocked = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            DayHours hours = facilities.hoursOn(f.id(), d).orElse(null);
            if (hours == null || !hours.open()) {
                continue;
            }
            for (var room : rooms) {
                for (Slot s : room.slots()) {
                    boolean inside = hours.periods().stream()
                        .anyMatch(p -> !s.start().isBefore(p.opens()) && !s.end().isAfter(p.closes()));
                    if (!inside) {
                        continue;
                    }
                    long roomId = room.room().id();
                    LocalDate day = d;
                    if (active.stream().anyMatch(b -> b.covers(roomId, day, s.code()))) {
                        blocked++;
                    } else {
                        offered++;
                    }
                }
            }
        }
        return new Row(f, month, booked, offered, blocked);
    }
}
