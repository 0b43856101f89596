package jp.machi.reservation.internal;

import java.time.Instant;
import java.time.LocalDate;

/** A person registered to book (利用者登録). */
public record Booker(long accountId, Residency residency, Instant declaredAt, LocalDate suspendedUntil) {

    public boolean suspendedOn(LocalDate day) {
        return suspendedUntil != null && !suspendedUntil.isBefore(day);
    }
}
