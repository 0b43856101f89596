package jp.machi.reservation.booking.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.rules.SlotUsage;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Bookings refer to their slot by code and times: a change of slots that would leave an active booking from today on
 * without its slot (code and times no longer in the list) is refused.
 */
@Component
@Order(10)
class BookingSlotUsage implements SlotUsage {

    private final BookingRepository bookings;

    BookingSlotUsage(BookingRepository bookings) {
        this.bookings = bookings;
    }

    @Override
    public List<EditRefused.Problem> problems(Rooms rooms, List<Slot> slots, LocalDate today) {
        Map<String, Object> params = new HashMap<>();
        String condition;
        if (rooms.roomId() != null) {
            condition = "room_id = :room";
            params.put("room", rooms.roomId());
        } else {
            condition = "room_id <> all(:ownRooms)" + (rooms.facilityId() != null ? " and facility_id = :facility"
                : " and facility_id <> all(:ownFacilities)");
            params.put("ownRooms", rooms.roomsWithOwnSlots().toArray(Long[]::new));
            params.put("facility", rooms.facilityId());
            params.put("ownFacilities", rooms.facilitiesWithOwnSlots().toArray(String[]::new));
        }
        TreeSet<String> stranded = new TreeSet<>();
        long count = 0;
        for (Object[] u : bookings.futureBySlot(condition, params, today)) {
            if (slots.stream().noneMatch(s -> s.code().equals(u[0]) && s.start().equals(u[1]) && s.end().equals(u[2]))) {
                stranded.add((String) u[0]);
                count += (Long) u[3];
            }
        }
        List<EditRefused.Problem> problems = new ArrayList<>();
        if (!stranded.isEmpty()) {
            problems.add(new EditRefused.Problem("slots[0].code", "reservation.slots.error.booked",
                List.of(count, String.join(", ", stranded))));
        }
        return problems;
    }
}
