package jp.machi.reservation.booking.spi;

import java.time.LocalDate;
import java.time.LocalDateTime;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.rules.Slot;

/**
 * One rule that may refuse a booking, consulted by the booking core inside the booking transaction after its own checks
 * (registration, suspension, room, slot, opening hours, window, monthly cap) and before the insert. Parts that add
 * rules (lottery periods, blocks, who may book, groups …) contribute a bean of this type instead of editing the core.
 * Throw {@link jp.machi.reservation.Refused} with the part's own refusal to refuse; nothing is written then.
 */
public interface BookingCheck {

    /**
     * What is being booked. {@code now} is the wall-clock time of the request in the ward's zone; {@code part} is the
     * part of a splittable room, null for the whole room; {@code groupId} the group the representative books for, null
     * for a person's own booking.
     */
    record Request(Booker booker, BookableRoom room, LocalDate date, Slot slot, LocalDateTime now, Long proxyStaffId,
                   String part, Long groupId) {}

    void check(Request request);
}
