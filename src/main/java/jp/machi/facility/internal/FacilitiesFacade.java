package jp.machi.facility.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Component;

/** The facade other modules use. */
@Component
class FacilitiesFacade implements Facilities {

    private final FacilityService service;
    private final FacilityRepository repository;

    FacilitiesFacade(FacilityService service, FacilityRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    @Override
    public Optional<FacilitySummary> find(String facilityId) {
        return repository.find(facilityId).map(f -> new FacilitySummary(f.id(), f.name(), f.address(), f.departmentCode(),
            f.lat(), f.lon()));
    }

    @Override
    public List<RoomSummary> bookableRooms(String facilityId) {
        return repository.rooms(facilityId).stream().filter(Room::bookable).map(FacilitiesFacade::summary).toList();
    }

    @Override
    public Optional<RoomSummary> room(long roomId) {
        return repository.room(roomId).map(FacilitiesFacade::summary);
    }

    @Override
    public List<String> idsInNameOrder(String words) {
        if (words == null || words.isBlank()) {
            return service.snapshot().ids();
        }
        return repository.searchIds(new FacilityQuery(words, null, null, null, null, null, null));
    }

    @Override
    public List<RoomSummary> allBookableRooms() {
        return repository.bookableRooms().stream().map(FacilitiesFacade::summary).toList();
    }

    @Override
    public Optional<DayHours> hoursOn(String facilityId, LocalDate date) {
        return service.hoursOn(facilityId, date);
    }

    @Override
    public java.util.Map<LocalDate, DayHours> hoursBetween(String facilityId, LocalDate from, LocalDate to) {
        return service.hoursBetween(facilityId, from, to);
    }

    @Override
    public java.util.Map<String, java.util.Map<LocalDate, DayHours>> hoursBetween(java.util.Collection<String> facilityIds,
                                                                                LocalDate from, LocalDate to) {
        return service.hoursBetween(facilityIds, from, to);
    }

    @Override
    public java.util.Map<String, FacilitySummary> findAll(java.util.Collection<String> facilityIds) {
        java.util.Map<String, FacilitySummary> found = new java.util.HashMap<>();
        if (facilityIds.isEmpty()) {
            return found;
        }
        for (Facility f : service.snapshot().find(facilityIds)) {
            found.put(f.id(), new FacilitySummary(f.id(), f.name(), f.address(), f.departmentCode(), f.lat(), f.lon()));
        }
        return found;
    }

    @Override
    public boolean isOpenAt(String facilityId, Instant instant) {
        var at = instant.atZone(MachiClock.ZONE).toLocalDateTime();
        return service.hoursOn(facilityId, at.toLocalDate()).map(d -> d.openAt(at.toLocalTime())).orElse(false);
    }

    @Override
    public List<jp.machi.facility.FacilityCategory> categories() {
        return repository.categories().stream()
            .map(c -> new jp.machi.facility.FacilityCategory(c.code(), c.name())).toList();
    }

    @Override
    public java.util.Map<String, jp.machi.facility.FacilityTraits> traits(java.util.Collection<String> facilityIds) {
        java.util.Map<String, jp.machi.facility.FacilityTraits> result = new java.util.HashMap<>();
        for (Facility f : facilityIds.isEmpty() ? List.<Facility>of() : service.snapshot().find(facilityIds)) {
            java.util.Set<String> features = new java.util.HashSet<>();
            for (String name : Facility.FEATURES) {
                if (Boolean.TRUE.equals(f.feature(name))) {
                    features.add(name);
                }
            }
            result.put(f.id(), new jp.machi.facility.FacilityTraits(f.id(), f.categories(), features));
        }
        return result;
    }

    private static RoomSummary summary(Room r) {
        return new RoomSummary(r.id(), r.facilityId(), r.name(), r.capacity(), r.bookable());
    }
}
