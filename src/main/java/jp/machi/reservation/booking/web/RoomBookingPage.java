package jp.machi.reservation.booking.web;

import java.util.Optional;
import jp.machi.facility.RoomBooking;
import jp.machi.reservation.booking.BookableRooms;
import org.springframework.stereotype.Component;

/** The facility page links a room that can be booked online to its availability page here ({@link RoomController}). */
@Component
class RoomBookingPage implements RoomBooking {

    private final BookableRooms rooms;

    RoomBookingPage(BookableRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public Optional<String> path(long roomId) {
        return rooms.room(roomId).map(r -> "/reservations/rooms/" + roomId);
    }
}
