package jp.machi.reservation.booking.internal;

import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.booking.spi.BookingCheck;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A booking of a part names a part of that room; a room without parts is booked whole only. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PartCheck implements BookingCheck {

    private final RoomPartRepository parts;

    PartCheck(RoomPartRepository parts) {
        this.parts = parts;
    }

    @Override
    public void check(Request request) {
        if (request.part() == null) {
            return;
        }
        long roomId = request.room().room().id();
        if (parts.of(roomId).isEmpty()) {
            throw new Refused(BookingRefusal.NOT_SPLITTABLE);
        }
        if (!request.part().matches(RoomPart.CODE) || parts.find(roomId, request.part()).isEmpty()) {
            throw new Refused(BookingRefusal.UNKNOWN_PART);
        }
    }
}
