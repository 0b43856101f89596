package jp.machi.reservation.booking;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What is asked for: one slot of one unit for a booker, first come first served.
 *
 * @param proxyStaffId the staff member booking for the resident at a counter, null otherwise
 * @param part         the part of a splittable room, null for the whole room
 * @param key          the idempotency key: the same key again answers the booking it made
 * @param hold         null: confirmed at once (with a mail); else PROVISIONAL for this long (a checkout hold, no mail)
 * @param commercial   priced at the commercial rate (営利目的)
 * @param groupId      the group the representative books for, null for themselves
 */
public record BookingRequest(long bookerId, Long proxyStaffId, long roomId, LocalDate date, String slotCode, String part,
                             String key, Duration hold, boolean commercial, Long groupId) {

    /** A person's own booking of the whole room, confirmed at once. */
    public static BookingRequest of(long bookerId, long roomId, LocalDate date, String slotCode, String key) {
        return new BookingRequest(bookerId, null, roomId, date, slotCode, null, key, null, false, null);
    }
}
