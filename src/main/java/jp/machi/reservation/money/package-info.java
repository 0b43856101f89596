/**
 * Reservations: money. What the ward's rules mean in yen and days — the fee of a slot by rate class (区民・区外・営利),
 * the refund of a cancellation by tier, the payment deadline, penalty points and suspension
 * ({@link jp.machi.reservation.money.MoneyTerms}, {@link jp.machi.reservation.money.Penalties}) — and the reduction
 * categories (減免区分) that system admins keep ({@link jp.machi.reservation.money.Reductions}). The single writer of
 * {@code reservation_reduction_category} and {@code reservation_penalty}. The booking core applies these terms to
 * bookings; nothing here writes a booking.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservations: money")
package jp.machi.reservation.money;
