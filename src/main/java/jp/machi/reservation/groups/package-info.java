/**
 * Reservations: groups and blocks. Groups (団体) registered by a representative and approved by staff for a period,
 * who may book a room (individuals, groups, non-residents; per ward, facility or room), and maintenance or 行政使用
 * blocks that close slots and cancel the bookings they cover. The single writer of {@code reservation_group},
 * {@code reservation_group_member}, {@code reservation_group_settings}, {@code reservation_eligibility} and
 * {@code reservation_block}; its rules plug into the booking core as {@code BookingCheck}s and an
 * {@code AvailabilityOverlay}. Other parts read groups through {@link jp.machi.reservation.groups.Groups}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservations: groups and blocks")
package jp.machi.reservation.groups;
