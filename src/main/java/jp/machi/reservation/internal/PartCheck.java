package jp.machi.reservation.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A booking of a part names a part of that room; a room without parts is booked whole only. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PartCheck implements BookingCheck {

    private final RoomParts parts;

    PartCheck(RoomParts parts) {
        this.parts = parts;
    }

    @Override
    public void check(Request request) {
        if (request.part() == null) {
            return;
        }
        long roomId = request.room().room().id();
        if (parts.of(roomId).isEmpty()) {
            throw new ReservationException(Refusal.NOT_SPLITTABLE);
        }
        if (!request.part().matches(RoomParts.CODE) || parts.find(roomId, request.part()).isEmpty()) {
            throw new ReservationException(Refusal.UNKNOWN_PART);
        }
    }
}
