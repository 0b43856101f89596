package jp.machi.reservation.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import jp.machi.reservation.EditRefused;

/**
 * What refers to slots by their code elsewhere (bookings, lottery rounds): a part that does declares a bean of this
 * type, and a change of a scope's slots is refused while any of them reports a problem. Called inside the
 * transaction of the change, under the lock that serialises slot changes.
 */
public interface SlotUsage {

    /**
     * The rooms whose slots come from a scope: one room ({@code roomId}); or the rooms of a facility
     * ({@code facilityId}) without slots of their own; or (both null) every room without slots of its own whose
     * facility has none either.
     */
    record Rooms(Long roomId, String facilityId, Set<Long> roomsWithOwnSlots, Set<String> facilitiesWithOwnSlots) {}

    /**
     * The problems of replacing the slots of {@code rooms} by {@code slots} (the list the rooms would use afterwards)
     * from {@code today} on; empty when nothing would be stranded. Field {@code slots[0].code}.
     */
    List<EditRefused.Problem> problems(Rooms rooms, List<Slot> slots, LocalDate today);
}
