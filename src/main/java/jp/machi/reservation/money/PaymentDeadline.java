package jp.machi.reservation.money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import jp.machi.shared.time.MachiClock;

/**
 * The moment a booking's fee must be paid at the facility's counter: on a day and at a time the counter is open, never
 * in the past ({@link MoneyTerms#paymentDeadline}).
 *
 * @param at      the deadline; null when no moment the counter is open can be met before the slot starts
 * @param ruleDay the day the rule alone gives (days after booking or before use); {@code at} falls on another day when
 *                the counter is closed that day or its hours are over
 */
public record PaymentDeadline(Instant at, LocalDate ruleDay) {

    /** Whether a deadline the person can meet exists. */
    public boolean possible() {
        return at != null;
    }

    /** The deadline's day in Tokyo (null when there is none). */
    public LocalDate day() {
        return at == null ? null : at.atZone(MachiClock.ZONE).toLocalDate();
    }

    /** The deadline in Tokyo (null when there is none), for pages and mails. */
    public ZonedDateTime local() {
        return at == null ? null : at.atZone(MachiClock.ZONE);
    }

    /** True when the counter is closed on the rule's day (or its hours were over) and the deadline moved. */
    public boolean moved() {
        return at != null && !day().equals(ruleDay);
    }
}
