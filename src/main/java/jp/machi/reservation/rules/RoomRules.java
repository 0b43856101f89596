package jp.machi.reservation.rules;

import java.util.List;
import java.util.Optional;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.identity.StaffScope;
import jp.machi.reservation.rules.internal.RuleRepository;
import org.springframework.stereotype.Service;

/** A room's booking terms as the ward set them: its slots and the rule that applies (room, then facility, then ward). */
@Service
public class RoomRules {

    private final RuleRepository repository;
    private final Facilities facilities;
    private final StaffScope staffScope;

    RoomRules(RuleRepository repository, Facilities facilities, StaffScope staffScope) {
        this.repository = repository;
        this.facilities = facilities;
        this.staffScope = staffScope;
    }

    /** The slots a room uses: its own, else its facility's, else the ward's. */
    public List<Slot> slots(long roomId, String facilityId) {
        return repository.slots(roomId, facilityId);
    }

    /** The rule that applies to the room, with its refund tiers and fees by slot. */
    public Optional<Rule> rule(long roomId, String facilityId) {
        return repository.effective(roomId, facilityId);
    }

    /** A room's slots and the rule that applies to it. */
    public record Terms(List<Slot> slots, Optional<Rule> rule) {}

    /**
     * {@link #slots} and {@link #rule} of many rooms at once, by room id: every slot template and every rule are read in
     * a few statements (they are few: one set per scope) and resolved here with the same precedence — the room's own,
     * else its facility's, else the ward's.
     */
    public java.util.Map<Long, Terms> termsOf(java.util.Collection<RoomSummary> rooms) {
        java.util.Map<Object, List<Slot>> slotsByScope = new java.util.HashMap<>();
        for (RuleRepository.ScopedSlot s : repository.allSlots()) {
            slotsByScope.computeIfAbsent(scopeKey(s.facilityId(), s.roomId()), k -> new java.util.ArrayList<>()).add(s.slot());
        }
        java.util.Map<Object, Rule> ruleByScope = new java.util.HashMap<>();
        for (Rule r : repository.all()) {
            ruleByScope.put(scopeKey(r.facilityId(), r.roomId()), r);
        }
        java.util.Map<Long, Terms> terms = new java.util.HashMap<>();
        for (RoomSummary room : rooms) {
            List<Slot> slots = firstOf(slotsByScope, room);
            Rule rule = firstOf(ruleByScope, room);
            terms.put(room.id(), new Terms(slots == null ? List.of() : List.copyOf(slots), Optional.ofNullable(rule)));
        }
        return terms;
    }

    private static <T> T firstOf(java.util.Map<Object, T> byScope, RoomSummary room) {
        T own = byScope.get(room.id());
        if (own != null) {
            return own;
        }
        T facility = byScope.get("f:" + room.facilityId());
        return facility != null ? facility : byScope.get("ward");
    }

    /** A room scope by its id, a facility's as "f:id", the ward's as "ward". */
    private static Object scopeKey(String facilityId, Long roomId) {
        return roomId != null ? roomId : facilityId != null ? "f:" + facilityId : "ward";
    }

    /** The rule set at exactly this scope, if any. */
    public Optional<Rule> exact(RuleScope scope) {
        return repository.exact(scope.facilityId(), scope.roomId());
    }

    /** Every rule, the ward's first. */
    public List<Rule> all() {
        return repository.all();
    }

    /** The scope's own slots, in order; empty when it takes them from a wider scope. */
    public List<Slot> ownSlots(RuleScope scope) {
        return repository.ownSlots(scope.facilityId(), scope.roomId());
    }

    /** What the scope would use without slots of its own: a room its facility's or the ward's, a facility the ward's. */
    public List<Slot> inheritedSlots(RuleScope scope) {
        if (scope.room() != null) {
            List<Slot> facility = repository.ownSlots(scope.facility().id(), null);
            return facility.isEmpty() ? repository.ownSlots(null, null) : facility;
        }
        return scope.facility() != null ? repository.ownSlots(null, null) : List.of();
    }

    /** The slots the scope's rooms use (the scope's own, else the wider scope's). */
    public List<Slot> slotsOf(RuleScope scope) {
        List<Slot> own = ownSlots(scope);
        return own.isEmpty() ? inheritedSlots(scope) : own;
    }

    /**
     * The scope of request parameters: a room ({@code roomGiven}; empty for an unknown or malformed room), a facility
     * with rooms that can be booked online, or the ward.
     */
    public Optional<RuleScope> scope(String facilityId, Long roomId, boolean roomGiven) {
        if (roomGiven) {
            return roomId == null ? Optional.empty() : scopeNames(null, roomId);
        }
        if (facilityId != null) {
            return facilities.find(facilityId).filter(f -> !facilities.bookableRooms(f.id()).isEmpty())
                .map(f -> new RuleScope(f, null));
        }
        return Optional.of(RuleScope.WARD);
    }

    /** The names of a saved rule's scope; empty for the ward or a facility or room that no longer exists. */
    public Optional<RuleScope> scopeNames(String facilityId, Long roomId) {
        if (roomId != null) {
            return facilities.room(roomId).flatMap(r -> facilities.find(r.facilityId()).map(f -> new RuleScope(f, r)));
        }
        return facilityId == null ? Optional.empty() : facilities.find(facilityId).map(f -> new RuleScope(f, null));
    }

    /**
     * The facilities with rooms that can be booked online that a staff member may see (those of their departments;
     * every one for system admins and staff granted all departments), in the facility module's order, each with those
     * rooms.
     */
    public java.util.Map<FacilitySummary, List<RoomSummary>> facilitiesFor(long staffId) {
        java.util.Map<String, List<RoomSummary>> byId = new java.util.LinkedHashMap<>();
        for (RoomSummary r : facilities.allBookableRooms()) {
            byId.computeIfAbsent(r.facilityId(), k -> new java.util.ArrayList<>()).add(r);
        }
        java.util.Map<FacilitySummary, List<RoomSummary>> result = new java.util.LinkedHashMap<>();
        byId.forEach((id, rooms) -> facilities.find(id).filter(f -> staffScope.canSee(staffId, f.departmentCode()))
            .ifPresent(f -> result.put(f, rooms)));
        return result;
    }

    /**
     * The scope a staff member asks for ({@code facility} or {@code room} as typed; neither: the ward), when it exists
     * and is theirs to see; the ward's is everybody's to see (editing it needs a system admin).
     */
    public Optional<RuleScope> scopeFor(long staffId, String facility, String room) {
        boolean roomGiven = room != null && !room.isBlank();
        Long roomId = roomGiven && room.strip().matches("\\d{1,18}") ? Long.valueOf(room.strip()) : null;
        String facilityId = facility == null || facility.isBlank() ? null : facility.strip();
        return scope(facilityId, roomId, roomGiven).filter(s -> s.facility() == null
            || staffScope.canSee(staffId, s.facility().departmentCode()) && !facilities.bookableRooms(s.facility().id()).isEmpty());
    }
}
