package jp.machi.reservation.booking.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.FacilityTraits;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.image.GeoPoint;
import org.springframework.stereotype.Service;

/**
 * Finding a room: the bookable rooms filtered by facility category, barrier-free features and capacity, and (for a
 * day) the state of their slots in a time band, whole room and each part; and the facility view, every unit of a
 * facility × days. Read-only; the states come from {@link BookableRooms#availability}.
 */
@Service
public class RoomFinder {

    /** Time bands by a slot's start: morning before 12:00, afternoon 12:00–17:59, evening from 18:00. */
    public enum Band {
        MORNING, AFTERNOON, EVENING;

        public String slug() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean contains(Slot s) {
            LocalTime t = s.start();
            return switch (this) {
                case MORNING -> t.isBefore(LocalTime.NOON);
                case AFTERNOON -> !t.isBefore(LocalTime.NOON) && t.isBefore(LocalTime.of(18, 0));
                case EVENING -> !t.isBefore(LocalTime.of(18, 0));
            };
        }

        public static Band of(String slug) {
            for (Band b : values()) {
                if (b.slug().equals(slug)) {
                    return b;
                }
            }
            return null;
        }
    }

    /**
     * The filters; null or empty means "any". {@code words} look for a facility as the facility search does (name,
     * reading in hiragana, katakana or romaji, English name, address).
     */
    public record Filter(String words, LocalDate date, Band band, Integer minCapacity, String category, Set<String> needs,
                         boolean onlyOpen, GeoPoint near) {
        public Filter {
            needs = needs == null ? Set.of() : Set.copyOf(needs);
            words = words == null || words.isBlank() ? null : words.strip();
        }

        public Filter(String words, LocalDate date, Band band, Integer minCapacity, String category, Set<String> needs,
                      boolean onlyOpen) {
            this(words, date, band, minCapacity, category, needs, onlyOpen, null);
        }

        public Filter(LocalDate date, Band band, Integer minCapacity, String category, Set<String> needs, boolean onlyOpen) {
            this(null, date, band, minCapacity, category, needs, onlyOpen, null);
        }
    }

    /**
     * What the filters can find at all among the facilities with bookable rooms: how many facilities each category and
     * each barrier-free feature has. A filter that can only find nothing is not offered.
     */
    public record Options(Map<String, Integer> categories, Map<String, Integer> features) {}

    /** A bookable unit: the whole room ({@code part} null) or one part. */
    public record Unit(BookableRoom room, RoomPart part) {
        public String partCode() {
            return part == null ? null : part.code();
        }

        public Integer capacity() {
            return part == null ? room.room().capacity() : part.capacity();
        }
    }

    /** One unit in the results, with its slots of the day in the band (empty without a date). */
    public record UnitResult(Unit unit, List<Availability> cells) {
        public boolean anyOpen() {
            return cells.stream().anyMatch(c -> c.status() == Availability.Status.OPEN);
        }
    }

    /** {@code distanceKm} from the place the person gave (null without one, or when the facility's position is unknown). */
    public record FacilityResult(FacilitySummary facility, FacilityTraits traits, List<UnitResult> units, Double distanceKm) {

        public FacilityResult(FacilitySummary facility, FacilityTraits traits, List<UnitResult> units) {
            this(facility, traits, units, null);
        }

        /**
         * The units of the compact list (no day chosen): each room once as a whole, a part only when its whole room is
         * not listed (for example filtered out by the capacity, which a part still meets).
         */
        public List<Unit> rooms() {
            Set<Long> whole = new java.util.HashSet<>();
            units.stream().filter(u -> u.unit().part() == null).forEach(u -> whole.add(u.unit().room().room().id()));
            return units.stream().map(UnitResult::unit).filter(u -> u.part() == null || !whole.contains(u.room().room().id()))
                .toList();
        }
    }

    private final BookableRooms service;
    private final Facilities facilities;

    RoomFinder(BookableRooms service, Facilities facilities) {
        this.service = service;
        this.facilities = facilities;
    }

    /** The units of a room: whole first, then its parts in order. */
    public List<Unit> units(BookableRoom room, List<RoomPart> roomParts) {
        List<Unit> units = new ArrayList<>();
        units.add(new Unit(room, null));
        for (RoomPart p : roomParts) {
            units.add(new Unit(room, p));
        }
        return units;
    }

    /**
     * The facilities with bookable rooms that pass the filter, in 50音順 (by the reading the facility module keeps, the
     * order of {@code /facilities}); with words, only the facilities the facility search finds for them.
     */
    public List<FacilityResult> find(Filter filter) {
        return search(filter).results();
    }

    /** The results of {@link #find} and the {@link Options} of the filters, from the same reads. */
    public record Found(List<FacilityResult> results, Options options) {}

    /** {@link #find} with the filters' {@link Options}, counted from the same reads (no statement more). */
    public Found search(Filter filter) {
        Map<FacilitySummary, List<BookableRoom>> all = service.byFacility();
        Map<String, FacilitySummary> byId = new java.util.HashMap<>();
        all.keySet().forEach(f -> byId.put(f.id(), f));
        Map<FacilitySummary, List<BookableRoom>> byFacility = new LinkedHashMap<>();
        for (String id : facilities.idsInNameOrder(filter.words())) {
            FacilitySummary f = byId.get(id);
            if (f != null) {
                byFacility.put(f, all.get(f));
            }
        }
        // the traits of every bookable facility (one query): the filters' options count them, the filters use them
        Map<String, FacilityTraits> traits = facilities.traits(all.keySet().stream().map(FacilitySummary::id).toList());
        Options options = options(traits.values());
        Map<Long, List<RoomPart>> allParts = service.parts(byFacility.values().stream().flatMap(List::stream)
            .map(r -> r.room().id()).toList());
        // the units that pass the filters, per facility, before anything about the day is read
        Map<FacilitySummary, List<Unit>> candidates = new LinkedHashMap<>();
        List<BookableRoom> rooms = new ArrayList<>();
        Map<Long, List<String>> partCodes = new java.util.HashMap<>();
        for (var e : byFacility.entrySet()) {
            FacilityTraits t = traits.get(e.getKey().id());
            if (t == null || (filter.category() != null && !t.categories().contains(filter.category()))
                || !t.barrierFree().containsAll(filter.needs())) {
                continue;
            }
            List<Unit> units = new ArrayList<>();
            for (BookableRoom room : e.getValue()) {
                List<Unit> roomUnits = units(room, allParts.getOrDefault(room.room().id(), List.of())).stream()
                    .filter(u -> filter.minCapacity() == null
                        || (u.capacity() != null && u.capacity() >= filter.minCapacity())).toList();
                if (roomUnits.isEmpty()) {
                    continue;
                }
                units.addAll(roomUnits);
                rooms.add(room);
                partCodes.put(room.room().id(), roomUnits.stream().map(Unit::partCode).filter(java.util.Objects::nonNull).toList());
            }
            if (!units.isEmpty()) {
                candidates.put(e.getKey(), units);
            }
        }
        // the day's state of every unit of every room in one go (bookings, overlays and hours each read once)
        Map<Long, Map<String, List<Availability>>> byRoom = filter.date() == null ? Map.of()
            : service.availabilityOfRooms(rooms, partCodes, filter.date(), filter.date());
        List<FacilityResult> results = new ArrayList<>();
        for (var e : candidates.entrySet()) {
            List<UnitResult> units = new ArrayList<>();
            for (Unit u : e.getValue()) {
                List<Availability> cells = filter.date() == null ? List.of()
                    : byRoom.get(u.room().room().id()).get(u.partCode() == null ? "" : u.partCode()).stream()
                        .filter(a -> filter.band() == null || filter.band().contains(a.slot())).toList();
                UnitResult r = new UnitResult(u, cells);
                if (filter.date() != null && filter.onlyOpen() && !r.anyOpen()) {
                    continue;
                }
                units.add(r);
            }
            if (!units.isEmpty()) {
                FacilitySummary f = e.getKey();
                Double distance = filter.near() == null || f.lat() == null || f.lon() == null ? null
                    : GeoPoint.metres(filter.near().lat(), filter.near().lon(), f.lat(), f.lon()) / 1000;
                results.add(new FacilityResult(f, traits.get(f.id()), units, distance));
            }
        }
        if (filter.near() != null) {
            // nearest first; the sort is stable, so equal distances and unknown positions keep the 50音順
            results.sort(java.util.Comparator.comparing(FacilityResult::distanceKm,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        }
        return new Found(results, options);
    }

    /** See {@link Options}: counted over every facility with a room residents may book. */
    public Options options() {
        var ids = service.byFacility().keySet().stream().map(FacilitySummary::id).toList();
        return options(facilities.traits(ids).values());
    }

    private static Options options(java.util.Collection<FacilityTraits> traits) {
        Map<String, Integer> categories = new java.util.HashMap<>();
        Map<String, Integer> features = new java.util.HashMap<>();
        for (FacilityTraits t : traits) {
            t.categories().forEach(c -> categories.merge(c, 1, Integer::sum));
            t.barrierFree().forEach(f -> features.merge(f, 1, Integer::sum));
        }
        return new Options(Map.copyOf(categories), Map.copyOf(features));
    }

    /** The facility view: every unit of every bookable room of one facility, day by day. */
    public record FacilityDays(FacilitySummary facility, List<Unit> units, List<LocalDate> days,
                               Map<LocalDate, List<List<Availability>>> cells) {}

    /**
     * Every unit of the facility × every day from {@code from} to {@code to} (both included): per day, one list of
     * slot states per unit in the order of {@code units}, only the slots of {@code band} when given. Empty when the
     * facility has no room that can be booked online.
     */
    public java.util.Optional<FacilityDays> facility(String facilityId, LocalDate from, LocalDate to, Band band) {
        List<BookableRoom> rooms = service.ofFacility(facilityId);
        if (rooms.isEmpty()) {
            return java.util.Optional.empty();
        }
        FacilitySummary facility = rooms.getFirst().facility();
        Map<Long, List<RoomPart>> allParts = service.parts(rooms.stream().map(r -> r.room().id()).toList());
        List<Unit> units = new ArrayList<>();
        for (var room : rooms) {
            units.addAll(units(room, allParts.getOrDefault(room.room().id(), List.of())));
        }
        List<LocalDate> days = new ArrayList<>();
        Map<LocalDate, List<List<Availability>>> cells = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
            cells.put(d, new ArrayList<>());
        }
        Map<Long, List<String>> partCodes = new java.util.HashMap<>();
        for (var room : rooms) {
            partCodes.put(room.room().id(), allParts.getOrDefault(room.room().id(), List.of()).stream().map(RoomPart::code).toList());
        }
        Map<Long, Map<String, List<Availability>>> byRoom = service.availabilityOfRooms(rooms, partCodes, from, to);
        for (Unit u : units) {
            Map<LocalDate, List<Availability>> byDay = new LinkedHashMap<>();
            for (Availability a : byRoom.get(u.room().room().id()).get(u.partCode() == null ? "" : u.partCode())) {
                if (band == null || band.contains(a.slot())) {
                    byDay.computeIfAbsent(a.date(), k -> new ArrayList<>()).add(a);
                }
            }
            for (LocalDate d : days) {
                cells.get(d).add(byDay.getOrDefault(d, List.of()));
            }
        }
        return java.util.Optional.of(new FacilityDays(facility, units, days, cells));
    }
}
