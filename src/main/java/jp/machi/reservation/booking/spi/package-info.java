/**
 * Where other parts plug into booking: rules that may refuse a booking ({@link jp.machi.reservation.booking.spi.BookingCheck})
 * and marks on slots that are not open for first-come booking ({@link jp.machi.reservation.booking.spi.AvailabilityOverlay}).
 */
@org.springframework.modulith.NamedInterface("spi")
package jp.machi.reservation.booking.spi;
