package jp.machi.reservation.web;

import java.util.Optional;
import jp.machi.facility.RoomBooking;
import jp.machi.reservation.internal.ReservationService;
import org.springframework.stereotype.Component;

/** The facility page links a room that can be booked online to its availability page here. */
@Component
class RoomBookingPage implements RoomBooking {

    private final ReservationService service;

    RoomBookingPage(ReservationService service) {
        this.service = service;
    }

    @Override
    public Optional<String> path(long roomId) {
        return service.bookableRoom(roomId).map(r -> "/reservations/rooms/" + roomId);
    }
}
