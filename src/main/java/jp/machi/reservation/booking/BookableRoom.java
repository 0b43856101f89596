package jp.machi.reservation.booking;

import java.util.List;
import java.util.Optional;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.Slot;

/** A room residents can book online: bookable in the facility module, with slots and a rule in reservation. */
public record BookableRoom(RoomSummary room, FacilitySummary facility, List<Slot> slots, Rule rules) {

    /** The room's slot with this code. */
    public Optional<Slot> slot(String code) {
        return slots.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** Whether the room's slots cost different amounts (the rule prices some slots on their own). */
    public boolean feesVary() {
        return slots.stream().map(s -> slotFee(s.code(), true)).distinct().count() > 1
            || slots.stream().map(s -> slotFee(s.code(), false)).distinct().count() > 1;
    }

    /** The fee of one slot of this room for residents ({@code true}) or non-residents. */
    public int slotFee(String slotCode, boolean resident) {
        return MoneyTerms.fee(rules, resident, false, slotCode).amount();
    }

    /** The lowest fee of a slot of this room for residents ({@code true}) or non-residents. */
    public int lowestFee(boolean resident) {
        return slots.stream().mapToInt(s -> slotFee(s.code(), resident)).min()
            .orElse(resident ? rules.feeResident() : rules.feeNonResident());
    }
}
