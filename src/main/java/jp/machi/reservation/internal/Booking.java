package jp.machi.reservation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/** One booking of one slot of one room; {@code part} is the part's code of a splittable room, null for the whole room. */
public record Booking(long id, long roomId, String facilityId, LocalDate date, String slotCode, LocalTime start,
                      LocalTime end, long bookerAccountId, Status status, int fee, String feeRule, Instant createdAt,
                      Instant paidAt, Instant cancelledAt, Integer refund, Long proxyStaffId, String part) {

    public enum Status {
        PROVISIONAL, CONFIRMED, CANCELLED, NO_SHOW;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public boolean active() {
        return status == Status.PROVISIONAL || status == Status.CONFIRMED;
    }

    public boolean paid() {
        return paidAt != null;
    }

    /** The fee rule as message-key parts: {@code resident|non-resident} and the scope {@code room|facility|ward}. */
    public String feeKind() {
        return feeRule.contains("/") ? feeRule.substring(0, feeRule.indexOf('/')) : feeRule;
    }

    public String feeScope() {
        return feeRule.contains("/") ? feeRule.substring(feeRule.indexOf('/') + 1) : "ward";
    }
}
