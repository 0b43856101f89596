package jp.machi.reservation.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One booking of one slot of one unit: one row of {@code reservation_booking}. {@code part} is the part's code of a
 * splittable room, null for the whole room. {@code bookerAccountId} is 0 for a booking imported from a legacy system
 * that nobody claimed yet, and for one kept anonymised after its booker deleted their account.
 *
 * @param fee       the fee to pay (after an approved reduction)
 * @param feeRule   what produced the fee: {@code resident/ward}, {@code commercial/facility} …
 * @param baseFee   the fee at booking time, before any reduction (null for old rows)
 * @param reduction the reduction asked for, null for none
 * @param groupId   the group the booking was made for (団体), null for a person's own
 * @param confirmedAt when a hold (checkout, lottery win) was confirmed; null when the row was confirmed as inserted
 */
public record Booking(long id, long roomId, String facilityId, LocalDate date, String slotCode, LocalTime start,
                      LocalTime end, long bookerAccountId, Status status, int fee, String feeRule, Instant createdAt,
                      Instant paidAt, Instant cancelledAt, Integer refund, Long proxyStaffId, String part,
                      String idempotencyKey, Instant holdExpiresAt, Long paidBy, Long cancelledBy, boolean commercial,
                      Integer baseFee, Reduction reduction, Instant checkedInAt, Long checkedInBy, Instant noShowAt,
                      Long noShowBy, Instant paymentRemindedAt, Instant dayRemindedAt, Long groupId, Long legacyBookerId,
                      String legacyRef, Instant confirmedAt) {

    public enum Status {
        PROVISIONAL, CONFIRMED, CANCELLED, NO_SHOW;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A reduction (減免) asked for: its category, REQUESTED, APPROVED or REJECTED, and the staff decision. */
    public record Reduction(String code, String state, String note, Long decidedBy, Instant decidedAt) {

        public boolean requested() {
            return "REQUESTED".equals(state);
        }

        /** requested, approved or rejected (for {@code reservation.money.reduction.state.<slug>}). */
        public String slug() {
            return state.toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean active() {
        return status == Status.PROVISIONAL || status == Status.CONFIRMED;
    }

    /** The moment the booking was made final: its confirmation, or its creation when it was confirmed at once. */
    public Instant bookedAt() {
        return confirmedAt != null ? confirmedAt : createdAt;
    }

    public boolean paid() {
        return paidAt != null;
    }

    /** Confirmed, unpaid and with a fee above zero: the fee is still to be paid. */
    public boolean paymentDue() {
        return status == Status.CONFIRMED && !paid() && fee > 0;
    }

    /** The fee rule as message-key parts: {@code resident|non-resident|commercial} and the scope {@code room|facility|ward}. */
    public String feeKind() {
        return feeRule.contains("/") ? feeRule.substring(0, feeRule.indexOf('/')) : feeRule;
    }

    public String feeScope() {
        return feeRule.contains("/") ? feeRule.substring(feeRule.indexOf('/') + 1) : "ward";
    }
}
