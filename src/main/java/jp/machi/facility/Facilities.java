package jp.machi.facility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What other modules (e.g. reservation) may ask about facilities and their rooms. */
public interface Facilities {

    Optional<FacilitySummary> find(String facilityId);

    /** The facilities among the ids that exist, by id: what {@link #find} answers for each, read at once. */
    default java.util.Map<String, FacilitySummary> findAll(java.util.Collection<String> facilityIds) {
        java.util.Map<String, FacilitySummary> found = new java.util.HashMap<>();
        for (String id : new java.util.LinkedHashSet<>(facilityIds)) {
            find(id).ifPresent(f -> found.put(id, f));
        }
        return found;
    }

    /** The rooms residents may book, in display order (empty for an unknown facility). */
    List<RoomSummary> bookableRooms(String facilityId);

    Optional<RoomSummary> room(long roomId);

    /** Every room residents may book, of every facility, by facility then display order. */
    List<RoomSummary> allBookableRooms();

    /** The computed hours of that day (closed with a reason, or one or more periods). Empty for an unknown facility. */
    Optional<DayHours> hoursOn(String facilityId, LocalDate date);

    /**
     * The computed hours of every day from {@code from} to {@code to} (both included), by day: one read of the rules
     * for the whole range instead of one per day. Empty for an unknown facility.
     */
    default java.util.Map<LocalDate, DayHours> hoursBetween(String facilityId, LocalDate from, LocalDate to) {
        java.util.Map<LocalDate, DayHours> result = new java.util.LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            hoursOn(facilityId, d).ifPresent(h -> result.put(day, h));
        }
        return result;
    }

    /**
     * {@link #hoursBetween(String, LocalDate, LocalDate)} of many facilities at once, by facility id (unknown ones are
     * absent): the rules of all of them are read in one go.
     */
    default java.util.Map<String, java.util.Map<LocalDate, DayHours>> hoursBetween(java.util.Collection<String> facilityIds,
                                                                                 LocalDate from, LocalDate to) {
        java.util.Map<String, java.util.Map<LocalDate, DayHours>> result = new java.util.HashMap<>();
        for (String id : new java.util.LinkedHashSet<>(facilityIds)) {
            java.util.Map<LocalDate, DayHours> hours = hoursBetween(id, from, to);
            if (!hours.isEmpty()) {
                result.put(id, hours);
            }
        }
        return result;
    }

    /** True when the facility opens at all on that day. False for an unknown facility. */
    default boolean isOpen(String facilityId, LocalDate date) {
        return hoursOn(facilityId, date).map(DayHours::open).orElse(false);
    }

    /** True when the facility is open at that instant (Asia/Tokyo). */
    boolean isOpenAt(String facilityId, Instant instant);

    /**
     * The ids of the facilities that the facility search finds for {@code words} (each word in the name, its reading in
     * hiragana, katakana or romaji, the English name, the address or a category; folded as that search folds), in
     * 50音順 — the order of the reading, as {@code /facilities} lists them. Blank words: every facility in that order.
     */
    List<String> idsInNameOrder(String words);

    /** The category taxonomy in display order. */
    List<FacilityCategory> categories();

    /** Categories and known barrier-free features of one facility; empty for an unknown facility. */
    default Optional<FacilityTraits> traits(String facilityId) {
        return Optional.ofNullable(traits(List.of(facilityId)).get(facilityId));
    }

    /** Categories and known barrier-free features of many facilities in one query, by facility id. */
    java.util.Map<String, FacilityTraits> traits(java.util.Collection<String> facilityIds);
}
