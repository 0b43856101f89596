package jp.machi.reservation.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One rule that may refuse a booking, consulted by {@link ReservationService#book} inside the booking transaction
 * after the built-in checks (registration, suspension, room, slot, opening hours, window, monthly cap) and before
 * the insert. Features that add rules (lottery periods, blocks, groups, penalties …) contribute a bean of this
 * type instead of editing {@code book}. Throw {@link ReservationException} to refuse; nothing is written then.
 */
public interface BookingCheck {

    /**
     * What is being booked. {@code now} is the wall-clock time of the request in the ward's zone; {@code part} is the
     * part of a splittable room, null for the whole room.
     */
    record Request(Booker booker, ReservationService.BookableRoom room, LocalDate date, Slot slot, LocalDateTime now,
                   Long proxyStaffId, String part) {}

    void check(Request request);
}
