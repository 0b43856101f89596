package jp.machi.facility.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.DayHours;
import jp.machi.facility.TimeRange;
import jp.machi.holiday.Holiday;
import jp.machi.holiday.PublicHolidays;
import jp.machi.identity.StaffScope;
import jp.machi.shared.text.LocalizedText;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import jp.machi.shared.image.GeoPoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding facilities with their computed hours, and the staff's changes (each in one transaction, each audited,
 * each checked against the staff member's departments).
 */
@Service
public class FacilityService {

    public static final int DAYS_AHEAD = 14;

    private final FacilityRepository repository;
    private final HoursEngine engine;
    private final Clock clock;
    private final StaffScope scope;
    private final AuditLog audit;
    private final WardProfile ward;
    private final FacilitySnapshots snapshots;

    public FacilityService(FacilityRepository repository, ObjectProvider<PublicHolidays> holidays, Clock clock,
                           StaffScope scope, AuditLog audit, WardProfile ward, FacilitySnapshots snapshots) {
        this.repository = repository;
        this.snapshots = snapshots;
        // until a holiday calculator is present (e.g. in a slimmed-down deployment) no day is a holiday
        this.engine = new HoursEngine(new LazyHolidays(holidays));
        this.clock = clock;
        this.scope = scope;
        this.audit = audit;
        this.ward = ward;
    }

    /** A facility in a result list with today's computed status. */
    public record Listing(Facility facility, DayHours today, boolean openAtTime, Double distanceKm) {}

    /** A facility's page. */
    public record Detail(Facility facility, List<Room> rooms, List<DayHours> days, boolean openNow, DayHours today) {}

    /** Whether {@link #search} answers this query from the in-memory snapshot (the same Facility objects each time). */
    public boolean fromSnapshot(FacilityQuery query) {
        return FacilitySnapshots.answers(query);
    }

    /** Changes (by identity) when the snapshot is replaced; see {@link FacilitySnapshots#marker()}. */
    public Object snapshotMarker() {
        return snapshots.marker();
    }

    /**
     * Every facility, in list order and by id, from the in-memory snapshot: exact, since each call first reads the
     * revision number that the facility tables' triggers bump (see {@link FacilitySnapshots}); one single-row query
     * instead of reading and mapping every facility row.
     */
    public FacilitySnapshots.Snapshot snapshot() {
        return snapshots.get(now().toLocalDate(), engine.holidays());
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(MachiClock.ZONE));
    }

    public HoursEngine engine() {
        return engine;
    }

    /**
     * Facilities matching the query, each with today's hours and whether it is open at {@code at} (Asia/Tokyo);
     * with {@code openOnly} only those open then. Sorted by name, or by distance from {@code near} (lat, lon).
     */
    @Transactional(readOnly = true)
    public List<Listing> search(FacilityQuery query, LocalDateTime at, boolean openOnly, double[] near) {
        LocalDateTime when = at == null ? now() : at;
        LocalDate today = now().toLocalDate();
        boolean sameDay = when.toLocalDate().equals(today);
        List<Facility> found;
        Map<String, HoursRules> rules;
        Map<String, DayHours> computed = Map.of();
        if (FacilitySnapshots.answers(query)) {
            // no words: the in-memory snapshot (checked against the database's revision number) answers
            FacilitySnapshots.Snapshot snapshot = snapshots.get(today, engine.holidays());
            found = FacilitySnapshots.filter(snapshot.facilities(), query);
            computed = snapshot.todays();
            rules = sameDay ? snapshot.rules() : repository.rules(found, when.toLocalDate(), when.toLocalDate());
        } else {
            found = repository.search(query);
            LocalDate from = today.isBefore(when.toLocalDate()) ? today : when.toLocalDate();
            LocalDate to = today.isAfter(when.toLocalDate()) ? today : when.toLocalDate();
            rules = repository.rules(found, from, to);
        }
        // one holiday look-up per date for the whole list, not one (or ten, for a moved closed day) per facility
        HoursEngine memo = new HoursEngine(new MemoHolidays(engine.holidays()));
        List<Listing> result = new ArrayList<>(found.size());
        for (Facility f : found) {
            HoursRules r = rules.get(f.id());
            DayHours known = computed.get(f.id());
            DayHours todays = known != null ? known : memo.on(r, today);
            // when "at" is today, today's hours answer "open at" too (same as engine.openAt, computed once)
            boolean open = sameDay ? todays.openAt(when.toLocalTime()) : memo.openAt(r, when);
            if (openOnly && !open) {
                continue;
            }
            Double distance = near != null && f.hasLocation() ? GeoPoint.metres(near[0], near[1], f.lat(), f.lon()) / 1000 : null;
            result.add(new Listing(f, todays, open, distance));
        }
        if (near != null) {
            result.sort(Comparator.comparing(Listing::distanceKm, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        return result;
    }

    /** How many facilities each category holds; a category that holds none is not offered as a filter. */
    @Transactional(readOnly = true)
    public Map<String, Long> categoryCounts() {
        return repository.categoryCounts();
    }

    @Transactional(readOnly = true)
    public Optional<Detail> detail(String id) {
        return repository.find(id).map(f -> {
            LocalDateTime now = now();
            LocalDate today = now.toLocalDate();
            HoursRules rules = repository.rules(List.of(f), today, today.plusDays(DAYS_AHEAD)).get(f.id());
            List<DayHours> days = engine.days(rules, today, DAYS_AHEAD);
            return new Detail(f, repository.rooms(id), days, engine.openAt(rules, now), days.getFirst());
        });
    }

    @Transactional(readOnly = true)
    public Optional<DayHours> hoursOn(String id, LocalDate date) {
        return repository.find(id).map(f -> engine.on(repository.rules(List.of(f), date, date).get(f.id()), date));
    }

    /** The hours of every day of a range, reading the rules once; empty for an unknown facility. */
    @Transactional(readOnly = true)
    public java.util.Map<LocalDate, DayHours> hoursBetween(String id, LocalDate from, LocalDate to) {
        java.util.Map<LocalDate, DayHours> result = new java.util.LinkedHashMap<>();
        repository.find(id).ifPresent(f -> {
            HoursRules rules = repository.rules(List.of(f), from, to).get(f.id());
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                result.put(d, engine.on(rules, d));
            }
        });
        return result;
    }

    /** {@link #hoursBetween(String, LocalDate, LocalDate)} of many facilities, reading all their rules at once. */
    @Transactional(readOnly = true)
    public java.util.Map<String, java.util.Map<LocalDate, DayHours>> hoursBetween(java.util.Collection<String> ids,
                                                                                LocalDate from, LocalDate to) {
        java.util.Map<String, java.util.Map<LocalDate, DayHours>> result = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        // the facilities from the snapshot (their closed days and holiday rules), their hours from the database
        List<Facility> found = snapshot().find(ids);
        Map<String, HoursRules> rules = repository.rules(found, from, to);
        for (Facility f : found) {
            java.util.Map<LocalDate, DayHours> days = new java.util.LinkedHashMap<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                days.put(d, engine.on(rules.get(f.id()), d));
            }
            result.put(f.id(), days);
        }
        return result;
    }

    @Transactional(readOnly = true)
    public Optional<HoursRules> rules(String id) {
        LocalDate today = now().toLocalDate();
        return repository.find(id).map(f -> repository.rules(List.of(f), today, today.plusYears(2)).get(f.id()));
    }

    public List<Category> categories() {
        return repository.categories();
    }

    public Map<String, Category> categoryMap() {
        return repository.categories().stream().collect(Collectors.toMap(Category::code, c -> c, (a, b) -> a,
            java.util.LinkedHashMap::new));
    }

    public Optional<Room> room(long id) {
        return repository.room(id);
    }

    public List<Room> rooms(String facilityId) {
        return repository.rooms(facilityId);
    }

    // ---------------- staff ----------------

    /** The staff member may not touch this facility (or it does not exist): pages answer 404. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    public static class NotFound extends RuntimeException {
        public NotFound() {
            super(null, null, false, false);
        }
    }

    /** A rule the form could not check on its own (e.g. the id is taken). */
    public static class Rejected extends jp.machi.shared.web.FieldRefusal {
        public Rejected(String field, String messageKey) {
            super(field, messageKey);
        }
    }

    /** The departments whose facilities the staff member edits. */
    public Set<String> editableDepartments(long accountId) {
        return ward.departments().stream().map(WardProfile.Department::code).filter(d -> scope.canSee(accountId, d))
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    @Transactional(readOnly = true)
    public List<Facility> editable(long accountId, String q) {
        return repository.search(new FacilityQuery(q, Set.of(), null, null, null, Set.of(), editableDepartments(accountId)));
    }

    @Transactional(readOnly = true)
    public Facility requireEditable(long accountId, String id) {
        Facility f = repository.find(id).orElseThrow(NotFound::new);
        if (!scope.canSee(accountId, f.departmentCode())) {
            throw new NotFound();
        }
        return f;
    }

    @Transactional
    public void create(long accountId, Facility f, Map<DayOfWeek, List<TimeRange>> weekly) {
        requireDepartment(accountId, f.departmentCode());
        if (repository.exists(f.id())) {
            throw new Rejected("id", "facility.error.idTaken");
        }
        repository.insert(f);
        repository.replaceWeekly(f.id(), weekly);
        audit.record(AuditEvent.byCurrentActor("facility.facility.create", null, "facility:" + f.id(),
            AuditDetail.of("facility.audit.facility", AuditDetail.named(f.nameJa(), f.nameEn()))));
    }

    /** Saves the master data and attributes; {@code weekly} null keeps the weekly pattern as it is. */
    @Transactional
    public void update(long accountId, String id, Facility f, Map<DayOfWeek, List<TimeRange>> weekly) {
        Facility before = requireEditable(accountId, id);
        if (!before.id().equals(f.id())) {
            throw new IllegalArgumentException("the id cannot change");
        }
        requireDepartment(accountId, f.departmentCode());
        repository.update(f);
        if (weekly != null) {
            repository.replaceWeekly(id, weekly);
        }
        AuditDetail said = before.departmentCode().equals(f.departmentCode())
            ? AuditDetail.of("facility.audit.facility", AuditDetail.named(f.nameJa(), f.nameEn()))
            : AuditDetail.of("facility.audit.facility.department", AuditDetail.named(f.nameJa(), f.nameEn()),
                AuditDetail.department(before.departmentCode()), AuditDetail.department(f.departmentCode()));
        audit.record(AuditEvent.byCurrentActor("facility.facility.update", null, "facility:" + id, said));
    }

    /**
     * Saves only the hours rules (the weekly pattern, year-end closure, weekly closed day and holiday rules) and
     * keeps everything else, read in the same transaction.
     */
    @Transactional
    public void updateHours(long accountId, String id, Map<DayOfWeek, List<TimeRange>> weekly, String yearEndFrom,
                            String yearEndTo, Integer weeklyClosedDay, HolidayRule holidayRule, boolean closedOnHolidays) {
        Facility f = requireEditable(accountId, id);
        repository.update(new Facility(f.id(), f.nameJa(), f.nameKana(), f.nameEn(), f.address(), f.lat(), f.lon(), f.phone(),
            f.url(), f.departmentCode(), f.stepFreeEntrance(), f.elevator(), f.accessibleToilet(), f.ostomate(),
            f.accessibleParking(), f.brailleBlocks(), f.hearingLoop(), f.aed(), f.aedLocation(), f.wifi(), f.wifiProvider(),
            f.wifiSsid(), f.languages(), f.notes(), f.hazards(), f.shelterAccepts(), f.demoValues(), f.source(),
            f.attribution(), yearEndFrom, yearEndTo, weeklyClosedDay, holidayRule, closedOnHolidays, f.categories()));
        repository.replaceWeekly(id, weekly);
        audit.record(AuditEvent.byCurrentActor("facility.hours.update", null, "facility:" + id,
            AuditDetail.of("facility.audit.hours",
                yearEndFrom == null ? AuditDetail.word("audit.detail.none") : yearEndFrom + "〜" + yearEndTo,
                weeklyClosedDay == null ? AuditDetail.word("audit.detail.none") : AuditDetail.word("facility.staff.day." + weeklyClosedDay),
                holidayRule == null ? AuditDetail.word("audit.detail.none") : AuditDetail.word("facility.staff.holidayRule." + holidayRule.name()),
                AuditDetail.word(closedOnHolidays ? "facility.audit.closedOnHolidays" : "facility.audit.openOnHolidays"))));
    }

    @Transactional
    public void delete(long accountId, String id) {
        Facility f = requireEditable(accountId, id);
        repository.delete(id);
        audit.record(AuditEvent.byCurrentActor("facility.facility.delete", null, "facility:" + id,
            AuditDetail.of("facility.audit.facility", AuditDetail.named(f.nameJa(), f.nameEn()))));
    }

    @Transactional
    public long addRoom(long accountId, Room room) {
        requireEditable(accountId, room.facilityId());
        long id = repository.insertRoom(room);
        audit.record(AuditEvent.byCurrentActor("facility.room.create", null, "facility:" + room.facilityId() + "/room:" + id,
            AuditDetail.of("facility.audit.room", AuditDetail.named(room.nameJa(), room.nameEn()))));
        return id;
    }

    @Transactional
    public void updateRoom(long accountId, Room room) {
        requireEditable(accountId, room.facilityId());
        repository.room(room.id()).filter(r -> r.facilityId().equals(room.facilityId())).orElseThrow(NotFound::new);
        repository.updateRoom(room);
        audit.record(AuditEvent.byCurrentActor("facility.room.update", null,
            "facility:" + room.facilityId() + "/room:" + room.id(),
            AuditDetail.of("facility.audit.room", AuditDetail.named(room.nameJa(), room.nameEn()))));
    }

    @Transactional
    public void deleteRoom(long accountId, String facilityId, long roomId) {
        requireEditable(accountId, facilityId);
        if (repository.deleteRoom(facilityId, roomId) == 0) {
            throw new NotFound();
        }
        audit.record(AuditEvent.byCurrentActor("facility.room.delete", null, "facility:" + facilityId + "/room:" + roomId,
            AuditDetail.of("facility.audit.room.delete", roomId)));
    }

    @Transactional
    public void addException(long accountId, String facilityId, LocalDate day, boolean closed, TimeRange period,
                             LocalizedText reason) {
        requireEditable(accountId, facilityId);
        long id = repository.addException(facilityId, day, closed, period, reason);
        audit.record(AuditEvent.byCurrentActor("facility.hours.exception.create", null, "facility:" + facilityId,
            closed ? AuditDetail.of("facility.audit.exception.closed", day, id)
                : AuditDetail.of("facility.audit.exception.open", day, period.opens() + "〜" + period.closes(), id)));
    }

    @Transactional
    public void deleteException(long accountId, String facilityId, long exceptionId) {
        requireEditable(accountId, facilityId);
        if (repository.deleteException(facilityId, exceptionId) == 0) {
            throw new NotFound();
        }
        audit.record(AuditEvent.byCurrentActor("facility.hours.exception.delete", null, "facility:" + facilityId,
            AuditDetail.of("facility.audit.exception.delete", exceptionId)));
    }

    public List<FacilityRepository.ExceptionRow> exceptions(String facilityId) {
        return repository.exceptions(facilityId, now().toLocalDate().minusDays(30));
    }

    /** System admins only (checked by the caller's method security). */
    @Transactional
    public void saveCategory(Category c, boolean isNew) {
        boolean exists = repository.categories().stream().anyMatch(x -> x.code().equals(c.code()));
        if (isNew && exists) {
            throw new Rejected("code", "facility.category.error.taken");
        }
        if (!isNew && !exists) {
            throw new NotFound();
        }
        repository.saveCategory(c);
        audit.record(AuditEvent.byCurrentActor(isNew ? "facility.category.create" : "facility.category.update", null,
            "facility-category:" + c.code(), AuditDetail.of("facility.audit.category", AuditDetail.named(c.nameJa(), c.nameEn()))));
    }

    private void requireDepartment(long accountId, String departmentCode) {
        if (ward.department(departmentCode).isEmpty()) {
            throw new Rejected("departmentCode", "facility.error.department");
        }
        if (!scope.canSee(accountId, departmentCode)) {
            throw new Rejected("departmentCode", "facility.error.departmentScope");
        }
    }

    /** Looks the holiday calculator up on first use; without one no day is a holiday. */
    private record LazyHolidays(ObjectProvider<PublicHolidays> provider) implements PublicHolidays {
        @Override
        public Optional<Holiday> on(LocalDate date) {
            PublicHolidays h = provider.getIfAvailable();
            return h == null ? Optional.empty() : h.on(date);
        }

        @Override
        public List<Holiday> inYear(int year) {
            PublicHolidays h = provider.getIfAvailable();
            return h == null ? List.of() : h.inYear(year);
        }
    }

    /** Remembers each date's answer for one search (not shared between requests: a holiday edit shows at once). */
    private static final class MemoHolidays implements PublicHolidays {
        private final PublicHolidays delegate;
        private final Map<LocalDate, Optional<Holiday>> byDate = new java.util.HashMap<>();

        MemoHolidays(PublicHolidays delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Holiday> on(LocalDate date) {
            Optional<Holiday> h = byDate.get(date);
            if (h == null) {
                h = delegate.on(date);
                byDate.put(date, h);
            }
            return h;
        }

        @Override
        public List<Holiday> inYear(int year) {
            return delegate.inYear(year);
        }
    }

    static ZonedDateTime tokyo(java.time.Instant i) {
        return i.atZone(MachiClock.ZONE);
    }
}
