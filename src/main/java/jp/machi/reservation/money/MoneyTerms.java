package jp.machi.reservation.money;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.machi.facility.DayHours;
import jp.machi.facility.TimeRange;
import jp.machi.reservation.rules.RefundTier;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.SlotFee;
import jp.machi.shared.time.MachiClock;

/** What a rule means in yen and days, as pure functions: fees, refunds and the grace period, payment deadlines. */
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

    /** A payment deadline must leave at least this much time after booking: a deadline in a few minutes is a trap. */
    public static final Duration PAY_LEAD = Duration.ofMinutes(30);

    /**
     * What cancelling at {@code now} a booking of {@code fee} for {@code useDate}, made final at {@code bookedAt},
     * refunds: everything while it is only held ({@code confirmed} false) or within the rule's grace period after
     * booking (no points either); else the tier's percentage of the day, and a confirmed booking cancelled fewer than
     * the rule's late days before is late and earns points. Without a rule nothing is refunded. The one implementation
     * of the cancellation terms: the pages, the API and the cancellation itself all ask here.
     */
    public static Refund refund(Rule rule, int fee, boolean confirmed, LocalDate useDate, Instant bookedAt, Instant now) {
        LocalDate day = now.atZone(MachiClock.ZONE).toLocalDate();
        long days = ChronoUnit.DAYS.between(day, useDate);
        if (rule == null) {
            return new Refund(0, 0, false, 0, days, null);
        }
        if (!confirmed) {
            return new Refund(100, fee, false, 0, days, null);
        }
        Instant graceUntil = graceUntil(rule, bookedAt);
        if (graceUntil != null && now.isBefore(graceUntil)) {
            return new Refund(100, fee, false, 0, days, graceUntil);
        }
        int percent = rule.refundPercent(days);
        boolean late = days < rule.lateCancelDays() && rule.lateCancelPoints() > 0;
        return new Refund(percent, fee * percent / 100, late, late ? rule.lateCancelPoints() : 0, days, null);
    }

    /** The end of the free cancellation after a booking made final at {@code bookedAt}; null when the rule gives none. */
    public static Instant graceUntil(Rule rule, Instant bookedAt) {
        if (rule == null || bookedAt == null || rule.cancelGraceMinutes() <= 0) {
            return null;
        }
        return bookedAt.plus(Duration.ofMinutes(rule.cancelGraceMinutes()));
    }

    /**
     * The refund tiers of a rule as dates for a booking on {@code useDate} seen on {@code today}: the last day of each
     * tier that has not passed, largest refund first. The tiers already over are left out, so no page shows a refund
     * deadline in the past; after the last step nothing is refunded.
     */
    public static List<CancelStep> schedule(Rule rule, LocalDate useDate, LocalDate today) {
        if (rule == null) {
            return List.of();
        }
        List<CancelStep> steps = new ArrayList<>();
        for (RefundTier t : rule.tiers()) {
            LocalDate until = useDate.minusDays(t.daysBefore());
            if (t.percent() > 0 && !until.isBefore(today)) {
                steps.add(new CancelStep(until, t.percent()));
            }
        }
        return steps;
    }

    /** The first day on which cancelling a booking for {@code useDate} is late (earns points); null when never. */
    public static LocalDate lateFrom(Rule rule, LocalDate useDate) {
        if (rule == null || rule.lateCancelPoints() <= 0) {
            return null;
        }
        return useDate.minusDays(rule.lateCancelDays()).plusDays(1);
    }

    /**
     * The moment a booking's fee must be paid at the facility's counter. The rule gives a day: its days after booking or
     * its days before the day of use, whichever comes first, never before the day of booking (without a rule: the day
     * of use). The deadline is that day's closing time of the counter ({@code counter}: the facility's hours from the
     * day of booking to the day of use). When the counter is closed that day (休館日), or closes less than
     * {@link #PAY_LEAD} after booking, the deadline moves to the counter's next opening day — on the day of use at the
     * latest, and then no later than the slot's start. Only when nothing is open from there to the slot's start does
     * it look back to an earlier open day that can still be met. When no moment can be met the deadline is empty
     * ({@link PaymentDeadline#possible()} false): the booking must not be made online with a fee to pay.
     */
    public static PaymentDeadline paymentDeadline(Rule rule, Instant bookedAt, LocalDate useDate, LocalTime slotStart,
                                                  Map<LocalDate, DayHours> counter) {
        LocalDateTime booked = LocalDateTime.ofInstant(bookedAt, MachiClock.ZONE);
        LocalDate bookedDay = booked.toLocalDate();
        LocalDate ruleDay = useDate;
        if (rule != null) {
            LocalDate d = bookedDay.plusDays(rule.payWithinDays());
            LocalDate before = useDate.minusDays(rule.payDaysBefore());
            ruleDay = before.isBefore(d) ? before : d;
        }
        if (ruleDay.isBefore(bookedDay)) {
            ruleDay = bookedDay;
        }
        if (ruleDay.isAfter(useDate)) {
            ruleDay = useDate;
        }
        LocalDateTime earliest = booked.plus(PAY_LEAD);
        for (LocalDate d = ruleDay; !d.isAfter(useDate); d = d.plusDays(1)) {
            LocalDateTime m = lastOpenMoment(counter.get(d), d.equals(useDate) ? slotStart : null);
            if (m != null && !m.isBefore(earliest)) {
                return new PaymentDeadline(m.atZone(MachiClock.ZONE).toInstant(), ruleDay);
            }
        }
        for (LocalDate d = ruleDay.minusDays(1); !d.isBefore(bookedDay); d = d.minusDays(1)) {
            LocalDateTime m = lastOpenMoment(counter.get(d), null);
            if (m != null && !m.isBefore(earliest)) {
                return new PaymentDeadline(m.atZone(MachiClock.ZONE).toInstant(), ruleDay);
            }
        }
        return new PaymentDeadline(null, ruleDay);
    }

    /**
     * The last moment of a day at which the counter is open ({@code cap}: no later than this time, for the day of use);
     * null when it is closed all day, its hours are unknown, or it opens only after {@code cap}.
     */
    private static LocalDateTime lastOpenMoment(DayHours hours, LocalTime cap) {
        if (hours == null || !hours.known() || !hours.open()) {
            return null;
        }
        LocalTime best = null;
        for (TimeRange p : hours.periods()) {
            if (cap != null && p.opens().isAfter(cap)) {
                continue;
            }
            LocalTime m = cap != null && cap.isBefore(p.closes()) ? cap : p.closes();
            if (best == null || m.isAfter(best)) {
                best = m;
            }
        }
        return best == null ? null : LocalDateTime.of(hours.date(), best);
    }

    /** The instant an unpaid booking cancels itself: when its payment deadline passed (never for no deadline). */
    public static Instant autoCancelAt(PaymentDeadline deadline) {
        return deadline.at();
    }
}
