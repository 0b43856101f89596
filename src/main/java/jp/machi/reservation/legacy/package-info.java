/**
 * Reservations: legacy import and utilisation. Registrations and future bookings imported from a legacy booking
 * system's CSV (previewed row by row, committed all or nothing; residents later take over what was imported under
 * their address), and utilisation by facility and month for staff. The single writer of
 * {@code reservation_legacy_booker} and {@code reservation_import}; the bookings themselves are written by the booking
 * core.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservations: legacy import and utilisation")
package jp.machi.reservation.legacy;
