/**
 * Facility reservations (施設予約): slot templates and booking rules as data, booker registration (利用者登録),
 * availability, first-come booking that the database keeps free of double bookings, cancellation and counter
 * payment. Residents use /reservations and /account/bookings, machines /api/v1/rooms/{id}/availability and
 * /api/v1/bookings, staff /staff/reservations. Depends on facility, identity, audit, mail and the shared kernel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservations")
package jp.machi.reservation;
