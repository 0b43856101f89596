/**
 * Reservations: the booking core. Bookable rooms and their units (whole room or part), availability, booker
 * registration (利用者登録), first-come booking that the database keeps single, checkout holds, confirmation, reductions
 * asked and decided, cancellation with refunds, counter and online payment, check-in and no-show, reminders and the
 * private calendar feed. The single writer of {@code reservation_booking}, {@code reservation_booker},
 * {@code reservation_claim} (through the triggers its writes fire), {@code reservation_room_part} and
 * {@code reservation_calendar_feed}: other parts book, cancel and import through {@link jp.machi.reservation.booking.Bookings}
 * and plug their rules in through the named interface {@code spi} ({@link jp.machi.reservation.booking.spi.BookingCheck},
 * {@link jp.machi.reservation.booking.spi.AvailabilityOverlay}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservations: booking core")
package jp.machi.reservation.booking;
