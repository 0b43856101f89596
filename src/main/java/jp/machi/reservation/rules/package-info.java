/**
 * Reservations: the ward's booking terms as data that staff edit. Slot templates (コマ) and rules (booking window,
 * online cut-off, monthly cap, fees per rate class and per slot, refund tiers, payment deadline, penalty points and
 * suspension) per ward, facility or room, the most specific scope winning. The single writer of
 * {@code reservation_slot}, {@code reservation_rule}, {@code reservation_refund_tier} and
 * {@code reservation_rule_slot_fee}. Other parts read a room's terms through {@link jp.machi.reservation.rules.RoomRules};
 * parts that refer to slots by their code say through {@link jp.machi.reservation.rules.SlotUsage} what a change of
 * slots would strand.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservations: rules and slots")
package jp.machi.reservation.rules;
