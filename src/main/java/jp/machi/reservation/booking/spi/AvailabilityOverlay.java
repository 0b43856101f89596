package jp.machi.reservation.booking.spi;

import java.time.LocalDate;
import java.util.Map;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;

/**
 * Marks slots that are not open for first-come booking for a reason another part knows (a lottery period, a
 * maintenance block …). The core's availability asks every overlay bean; a booked slot stays booked, otherwise an
 * overlay's mark wins over "open" and over the calendar's closed reasons.
 */
public interface AvailabilityOverlay {

    /** A slot's mark: the status it shows and a reason code (for {@code reservation.reason.<code>}). */
    record Mark(Availability.Status status, String reason) {}

    /** Key of a slot in the returned map. */
    static String key(LocalDate date, String slotCode) {
        return date + "/" + slotCode;
    }

    /** Marks for the room's slots from {@code from} to {@code to} (both included), keyed by {@link #key}. */
    Map<String, Mark> marks(BookableRoom room, LocalDate from, LocalDate to);

    /**
     * {@link #marks} of many rooms, by room id (rooms without marks may be absent). An overlay that can answer for many
     * rooms in one read overrides this; the finder asks it for the whole ward at once.
     */
    default Map<Long, Map<String, Mark>> marks(java.util.List<BookableRoom> rooms, LocalDate from, LocalDate to) {
        Map<Long, Map<String, Mark>> result = new java.util.HashMap<>();
        for (BookableRoom room : rooms) {
            result.put(room.room().id(), marks(room, from, to));
        }
        return result;
    }
}
