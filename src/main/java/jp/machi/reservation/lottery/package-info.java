/**
 * Reservations: the lottery (抽選). Rounds over rooms of one target month, applications with ranked choices by persons
 * and groups, the commitment of the list and a secret seed, the draw (the verifiable draw of {@code jp.machi.draw} over
 * the reservation format {@code room,date,slot}), the winners' provisional bookings, result mail, confirmation, and
 * the public verification. While a round covers a slot it holds it back from first-come booking (a
 * {@code BookingCheck} and an {@code AvailabilityOverlay} of the booking core). The single writer of the
 * {@code reservation_lottery_*} tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservations: lottery")
package jp.machi.reservation.lottery;
