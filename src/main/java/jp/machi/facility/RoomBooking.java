package jp.machi.facility;

import java.util.Optional;

/**
 * Where a room is booked, declared by the module that takes bookings (a bean of this type). The facility page links
 * each bookable room there, so that 「予約できます」 is a way to book and not only a statement; without such a bean
 * the page says whether a room is bookable, as before.
 */
public interface RoomBooking {

    /**
     * The path of the page where this room's free slots are shown and booked (e.g. {@code /reservations/rooms/12}),
     * or empty when the room cannot be booked online now (no slots or rules yet).
     */
    Optional<String> path(long roomId);
}
