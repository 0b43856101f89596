package jp.machi.reservation.booking;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.reservation.booking.internal.BookingRepository;
import jp.machi.reservation.booking.internal.RoomPartRepository;
import jp.machi.reservation.booking.spi.AvailabilityOverlay;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.time.MachiClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The rooms residents can book online, their units (the whole room and its parts) and the state of every slot: open,
 * booked, closed (with the reason) or held by another part ({@link AvailabilityOverlay}).
 */
@Service
public class BookableRooms {

    /** The longest range one availability question may cover. */
    public static final int MAX_RANGE_DAYS = 93;

    private final Facilities facilities;
    private final RoomRules rules;
    private final BookingRepository bookings;
    private final RoomPartRepository parts;
    private final ObjectProvider<AvailabilityOverlay> overlays;
    private final Clock clock;

    BookableRooms(Facilities facilities, RoomRules rules, BookingRepository bookings, RoomPartRepository parts,
                  ObjectProvider<AvailabilityOverlay> overlays, Clock clock) {
        this.facilities = facilities;
        this.rules = rules;
        this.bookings = bookings;
        this.parts = parts;
        this.overlays = overlays;
        this.clock = clock;
    }

    /** Today in the ward. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(MachiClock.ZONE));
    }

    /** Monday of the week holding {@code day}. */
    public static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** A room residents can book online: bookable in the facility module, with slots and a rule here. */
    public Optional<BookableRoom> room(long roomId) {
        return facilities.room(roomId).filter(RoomSummary::bookable).flatMap(room -> {
            List<Slot> slots = rules.slots(room.id(), room.facilityId());
            Optional<Rule> rule = rules.rule(room.id(), room.facilityId());
            Optional<FacilitySummary> facility = facilities.find(room.facilityId());
            if (slots.isEmpty() || rule.isEmpty() || facility.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new BookableRoom(room, facility.get(), slots, rule.get()));
        });
    }

    /** Every room that can be booked online, grouped by facility in the facility module's order. */
    public Map<FacilitySummary, List<BookableRoom>> byFacility() {
        Map<FacilitySummary, List<BookableRoom>> result = new LinkedHashMap<>();
        List<RoomSummary> all = facilities.allBookableRooms();
        // the rooms' slots and rules, and their facilities, each in a few statements for the whole ward
        Map<Long, RoomRules.Terms> terms = rules.termsOf(all);
        Map<String, FacilitySummary> found = facilities.findAll(all.stream().map(RoomSummary::facilityId).toList());
        for (RoomSummary r : all) {
            List<Slot> slots = terms.get(r.id()).slots();
            Optional<Rule> rule = terms.get(r.id()).rule();
            if (slots.isEmpty() || rule.isEmpty()) {
                continue;
            }
            FacilitySummary f = found.get(r.facilityId());
            if (f != null) {
                result.computeIfAbsent(f, k -> new ArrayList<>()).add(new BookableRoom(r, f, slots, rule.get()));
            }
        }
        return result;
    }

    /** The bookable rooms of one facility, in its order; empty when it has none. */
    public List<BookableRoom> ofFacility(String facilityId) {
        List<BookableRoom> rooms = new ArrayList<>();
        List<RoomSummary> found = facilities.bookableRooms(facilityId);
        if (found.isEmpty()) {
            return rooms;
        }
        Optional<FacilitySummary> facility = facilities.find(facilityId);
        if (facility.isEmpty()) {
            return rooms;
        }
        Map<Long, RoomRules.Terms> terms = rules.termsOf(found);
        for (RoomSummary r : found) {
            RoomRules.Terms t = terms.get(r.id());
            if (!t.slots().isEmpty() && t.rule().isPresent()) {
                rooms.add(new BookableRoom(r, facility.get(), t.slots(), t.rule().get()));
            }
        }
        return rooms;
    }

    // ---- parts ----

    /** The room's parts in display order; empty when it is booked whole only. */
    public List<RoomPart> parts(long roomId) {
        return parts.of(roomId);
    }

    public Optional<RoomPart> part(long roomId, String code) {
        return code == null || !code.matches(RoomPart.CODE) ? Optional.empty() : parts.find(roomId, code);
    }

    /** The parts of many rooms at once, by room id (rooms without parts are absent). */
    public Map<Long, List<RoomPart>> parts(Collection<Long> roomIds) {
        return parts.ofRooms(roomIds);
    }

    // ---- availability ----

    /** The state of every slot from {@code from} to {@code to} (both included, at most {@link #MAX_RANGE_DAYS}). */
    public List<Availability> availability(BookableRoom room, LocalDate from, LocalDate to) {
        return availability(room, null, from, to);
    }

    /**
     * The state of every slot of one unit: the whole room ({@code part} null: booked when the room or any part is
     * booked) or one part (booked when that part or the whole room is booked).
     */
    public List<Availability> availability(BookableRoom room, String part, LocalDate from, LocalDate to) {
        return availabilityOfUnits(room, part == null ? List.of() : List.of(part), from, to, null).get(part == null ? "" : part);
    }

    /**
     * The availability of the whole room (key {@code ""}) and of each of {@code partCodes} (key: the part's code),
     * reading the room's bookings, the overlays and the facility's hours once. {@code hoursByDay} may be given when the
     * caller already has the facility's hours for the range (several rooms of one facility); null reads them.
     */
    public Map<String, List<Availability>> availabilityOfUnits(BookableRoom room, List<String> partCodes, LocalDate from,
                                                               LocalDate to, Map<LocalDate, DayHours> hoursByDay) {
        List<Booking> active = bookings.activeForRoom(room.room().id(), from, to);
        Map<String, AvailabilityOverlay.Mark> marks = new HashMap<>();
        overlays.orderedStream().forEach(overlay -> marks.putAll(overlay.marks(room, from, to)));
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        Map<LocalDate, DayHours> hours = hoursByDay != null ? hoursByDay : facilities.hoursBetween(room.facility().id(), from, to);
        return cells(room, partCodes, from, to, active, marks, hours, now);
    }

    private static Map<String, List<Availability>> cells(BookableRoom room, List<String> partCodes, LocalDate from,
                                                         LocalDate to, List<Booking> active,
                                                         Map<String, AvailabilityOverlay.Mark> marks,
                                                         Map<LocalDate, DayHours> hours, LocalDateTime now) {
        Map<String, List<Availability>> result = new LinkedHashMap<>();
        List<String> units = new ArrayList<>();
        units.add(null);
        units.addAll(partCodes);
        for (String part : units) {
            Map<String, Long> booked = new HashMap<>();
            for (Booking b : active) {
                if (part == null || b.part() == null || part.equals(b.part())) {
                    booked.putIfAbsent(b.date() + "/" + b.slotCode(), b.id());
                }
            }
            List<Availability> cells = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                DayHours dayHours = hours.get(d);
                for (Slot s : room.slots()) {
                    Long bookingId = booked.get(d + "/" + s.code());
                    if (bookingId != null) {
                        cells.add(new Availability(d, s, Availability.Status.BOOKED, null, bookingId));
                        continue;
                    }
                    AvailabilityOverlay.Mark mark = marks.get(AvailabilityOverlay.key(d, s.code()));
                    if (mark != null) {
                        cells.add(new Availability(d, s, mark.status(), mark.reason(), null));
                        continue;
                    }
                    String closed = closedReason(room.rules(), dayHours, d, s, now);
                    cells.add(new Availability(d, s, closed == null ? Availability.Status.OPEN : Availability.Status.CLOSED,
                        closed, null));
                }
            }
            result.put(part == null ? "" : part, cells);
        }
        return result;
    }

    /**
     * {@link #availabilityOfUnits} of many rooms at once (the finder over the whole ward): the bookings of all of them,
     * the overlays' marks and the facilities' hours are each read in one go. By room id, then unit as there.
     */
    public Map<Long, Map<String, List<Availability>>> availabilityOfRooms(List<BookableRoom> rooms,
                                                                         Map<Long, List<String>> partCodes,
                                                                         LocalDate from, LocalDate to) {
        Map<Long, Map<String, List<Availability>>> result = new HashMap<>();
        if (rooms.isEmpty()) {
            return result;
        }
        Map<Long, List<Booking>> active = new HashMap<>();
        for (Booking b : bookings.activeForRooms(rooms.stream().map(r -> r.room().id()).toList(), from, to)) {
            active.computeIfAbsent(b.roomId(), k -> new ArrayList<>()).add(b);
        }
        Map<Long, Map<String, AvailabilityOverlay.Mark>> marks = new HashMap<>();
        overlays.orderedStream().forEach(overlay -> overlay.marks(rooms, from, to)
            .forEach((room, m) -> marks.computeIfAbsent(room, k -> new HashMap<>()).putAll(m)));
        Map<String, Map<LocalDate, DayHours>> hours = facilities.hoursBetween(
            rooms.stream().map(r -> r.facility().id()).distinct().toList(), from, to);
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        for (BookableRoom room : rooms) {
            long id = room.room().id();
            result.put(id, cells(room, partCodes.getOrDefault(id, List.of()), from, to, active.getOrDefault(id, List.of()),
                marks.getOrDefault(id, Map.of()), hours.getOrDefault(room.facility().id(), Map.of()), now));
        }
        return result;
    }

    /**
     * Why a slot is closed for online booking — {@code facility-closed}, {@code outside-hours}, {@code past},
     * {@code cutoff} (online booking has closed) or {@code not-yet} (beyond the booking window) — or null when open.
     */
    public static String closedReason(Rule rules, DayHours hours, LocalDate d, Slot s, LocalDateTime now) {
        if (!opensFor(hours, s)) {
            return hours == null || !hours.open() ? "facility-closed" : "outside-hours";
        }
        LocalDate today = now.toLocalDate();
        if (d.isBefore(today) || (d.equals(today) && !s.start().isAfter(now.toLocalTime()))) {
            return "past";
        }
        if (d.isBefore(today.plusDays(rules.cutoffDays()))) {
            return "cutoff";
        }
        if (d.isAfter(today.plusDays(rules.windowDays()))) {
            return "not-yet";
        }
        return null;
    }

    /** Whether the facility is open that day for the whole slot. */
    public static boolean opensFor(DayHours hours, Slot slot) {
        return hours != null && hours.open() && hours.periods().stream()
            .anyMatch(p -> !slot.start().isBefore(p.opens()) && !slot.end().isAfter(p.closes()));
    }
}
