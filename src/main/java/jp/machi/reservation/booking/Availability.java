package jp.machi.reservation.booking;

import java.time.LocalDate;
import jp.machi.reservation.rules.Slot;

/**
 * The state of one slot of one day. {@code reason} says why a slot is closed: {@code facility-closed},
 * {@code outside-hours}, {@code past}, {@code cutoff} (online booking has closed) or {@code not-yet} (beyond the
 * booking window); null otherwise.
 */
public record Availability(LocalDate date, Slot slot, Status status, String reason, Long bookingId) {

    public enum Status {
        OPEN, BOOKED, CLOSED, LOTTERY;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
