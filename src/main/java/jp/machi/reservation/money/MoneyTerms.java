package jp.machi.reservation.money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.SlotFee;
import jp.machi.shared.time.MachiClock;

/** What a rule means in yen and days, as pure functions: fees, refunds, payment deadlines. */
public final class MoneyTerms {

    private MoneyTerms() {}

    /**
     * The fee of one slot under the rule for a person living, working or studying in the ward ({@code inWard}) or
     * not, or for commercial use: the slot's own price where the rule sets one, else the rule's.
     */
    public static Fee fee(Rule rule, boolean inWard, boolean commercial, String slotCode) {
        SlotFee own = rule.slotFees().get(slotCode);
        if (commercial) {
            return new Fee(own != null ? own.commercial() : rule.feeCommercial(), "commercial", rule.scope());
        }
        return inWard ? new Fee(own != null ? own.resident() : rule.feeResident(), "resident", rule.scope())
            : new Fee(own != null ? own.nonResident() : rule.feeNonResident(), "non-resident", rule.scope());
    }

    /**
     * What cancelling on {@code day} a booking of {@code fee} for {@code useDate} refunds: everything while it is only
     * held ({@code confirmed} false), else the tier's percentage; a confirmed booking cancelled fewer than the rule's
     * late days before is late and earns points. Without a rule nothing is refunded.
     */
    public static Refund refund(Rule rule, int fee, boolean confirmed, LocalDate useDate, LocalDate day) {
        long days = ChronoUnit.DAYS.between(day, useDate);
        if (rule == null) {
            return new Refund(0, 0, false, 0, days);
        }
        int percent = confirmed ? rule.refundPercent(days) : 100;
        boolean late = confirmed && days < rule.lateCancelDays() && rule.lateCancelPoints() > 0;
        return new Refund(percent, fee * percent / 100, late, late ? rule.lateCancelPoints() : 0, days);
    }

    /**
     * The last day to pay: the rule's days after booking or its days before the day of use, whichever comes first,
     * never before the day of booking. Without a rule: the day of use.
     */
    public static LocalDate paymentDeadline(Rule rule, Instant bookedAt, LocalDate useDate) {
        LocalDate booked = bookedAt.atZone(MachiClock.ZONE).toLocalDate();
        if (rule == null) {
            return useDate;
        }
        LocalDate d = booked.plusDays(rule.payWithinDays());
        LocalDate before = useDate.minusDays(rule.payDaysBefore());
        if (before.isBefore(d)) {
            d = before;
        }
        return d.isBefore(booked) ? booked : d;
    }

    /** The instant an unpaid booking cancels itself: the end of the deadline day in Tokyo. */
    public static Instant autoCancelAt(LocalDate deadline) {
        return deadline.plusDays(1).atStartOfDay(MachiClock.ZONE).toInstant();
    }
}
