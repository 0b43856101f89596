package jp.machi.reservation.lottery.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.rules.SlotUsage;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Applications choose slots by code: slots may not change under a round that is not drawn yet. */
@Component
@Order(20)
class LotterySlotUsage implements SlotUsage {

    private final LotteryRepository repository;

    LotterySlotUsage(LotteryRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<EditRefused.Problem> problems(Rooms rooms, List<Slot> slots, LocalDate today) {
        Map<String, Object> params = new HashMap<>();
        String condition;
        if (rooms.roomId() != null) {
            condition = "lr.room_id = :room";
            params.put("room", rooms.roomId());
        } else {
            condition = "lr.room_id <> all(:ownRooms)" + (rooms.facilityId() != null ? " and lr.facility_id = :facility"
                : " and lr.facility_id <> all(:ownFacilities)");
            params.put("ownRooms", rooms.roomsWithOwnSlots().toArray(Long[]::new));
            params.put("facility", rooms.facilityId());
            params.put("ownFacilities", rooms.facilitiesWithOwnSlots().toArray(String[]::new));
        }
        long rounds = repository.undrawnRoundsCovering(condition, params);
        return rounds == 0 ? List.of()
            : List.of(new EditRefused.Problem("slots[0].code", "reservation.slots.error.lottery", List.of(rounds)));
    }
}
