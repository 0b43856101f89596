package jp.machi.reservation.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.machi.facility.DayHours;
import jp.machi.facility.TimeRange;
import jp.machi.reservation.rules.RefundTier;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.SlotFee;
import jp.machi.shared.time.MachiClock;
import org.junit.jupiter.api.Test;

/**
 * What a rule means in yen and days: fees by rate class and slot, refunds by tier, the free cancellation right after
 * booking, lateness, refund steps as dates, and payment deadlines that fall when the counter is open.
 */
class MoneyTermsTest {

    /**
     * ¥1,000 / ¥2,000 / commercial ¥5,000, 午後 priced on its own; 100 % until 7 days, 50 % until 3; late under 3 days;
     * pay within 10 days and 5 days before; 30 minutes of free cancellation after booking.
     */
    static final Rule RULE = new Rule(1, null, 9L, 200, 0, 50, 1000, 2000, 5000, 7, 10, 5, 3, 2, 3, 5, 20, 30,
        List.of(new RefundTier(3, 50), new RefundTier(7, 100)), Map.of("pm", new SlotFee(1500, 2500, 6000)));

    /** The demo 区民館 rule's payment terms: pay within 7 days and 7 days before. */
    static final Rule HALL = new Rule(2, "hall", null, 90, 1, 8, 1500, 2200, 4500, 14, 7, 7, 7, 2, 4, 6, 60, 30,
        List.of(new RefundTier(14, 100), new RefundTier(7, 50)), Map.of());

    static Instant at(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2027, month, day, hour, minute, 0, 0, MachiClock.ZONE).toInstant();
    }

    /** A counter open 09:00–21:30 every day of March–April 2027 except the days given (closed, 休館日). */
    static Map<LocalDate, DayHours> counter(Set<LocalDate> closed, DayOfWeek weeklyClosed) {
        Map<LocalDate, DayHours> m = new LinkedHashMap<>();
        for (LocalDate d = LocalDate.of(2027, 2, 20); d.isBefore(LocalDate.of(2027, 5, 1)); d = d.plusDays(1)) {
            boolean shut = closed.contains(d) || d.getDayOfWeek() == weeklyClosed;
            m.put(d, shut ? new DayHours(d, List.of(), DayHours.Reason.WEEKLY_CLOSED, null)
                : new DayHours(d, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(21, 30))), DayHours.Reason.REGULAR, null));
        }
        return m;
    }

    @Test
    void feesFollowTheRateClassAndTheSlotsOwnPrice() {
        assertThat(MoneyTerms.fee(RULE, true, false, "am")).isEqualTo(new Fee(1000, "resident", "room"));
        assertThat(MoneyTerms.fee(RULE, false, false, "am")).isEqualTo(new Fee(2000, "non-resident", "room"));
        assertThat(MoneyTerms.fee(RULE, true, true, "am")).isEqualTo(new Fee(5000, "commercial", "room"));
        assertThat(MoneyTerms.fee(RULE, true, false, "pm").amount()).isEqualTo(1500);
        assertThat(MoneyTerms.fee(RULE, false, true, "pm").rule()).isEqualTo("commercial/room");
    }

    @Test
    void refundTiersHaveExactBoundariesAndLateCancellationsEarnPoints() {
        LocalDate d = LocalDate.of(2027, 3, 20);
        Instant longAgo = at(1, 5, 10, 0);
        assertThat(RULE.tiers()).extracting(RefundTier::daysBefore).containsExactly(7, 3);
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, longAgo, at(3, 12, 10, 0))).isEqualTo(new Refund(100, 1000, false, 0, 8, null));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, longAgo, at(3, 13, 23, 59)).percent()).isEqualTo(100);
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, longAgo, at(3, 14, 0, 0))).isEqualTo(new Refund(50, 500, false, 0, 6, null));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, longAgo, at(3, 17, 12, 0))).isEqualTo(new Refund(50, 500, false, 0, 3, null));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, longAgo, at(3, 18, 9, 0))).isEqualTo(new Refund(0, 0, true, 2, 2, null));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, longAgo, at(3, 20, 8, 0)).percent()).isZero();
        // a hold that was never confirmed gives everything back and is never late
        assertThat(MoneyTerms.refund(RULE, 1000, false, d, longAgo, at(3, 20, 8, 0))).isEqualTo(new Refund(100, 1000, false, 0, 0, null));
        // without a rule nothing is refunded
        assertThat(MoneyTerms.refund(null, 1000, true, d, longAgo, at(2, 18, 8, 0)).amount()).isZero();
    }

    @Test
    void aCancellationWithinTheGracePeriodAfterBookingCostsNothingEvenTheDayBefore() {
        LocalDate d = LocalDate.of(2027, 3, 20);
        Instant booked = at(3, 19, 10, 0);
        // one minute after booking, the day before use (late, no refund tier reached): everything back, no points
        Refund oneMinute = MoneyTerms.refund(RULE, 1000, true, d, booked, at(3, 19, 10, 1));
        assertThat(oneMinute).isEqualTo(new Refund(100, 1000, false, 0, 1, at(3, 19, 10, 30)));
        assertThat(oneMinute.inGrace()).isTrue();
        assertThat(oneMinute.free()).isTrue();
        // the last minute of the grace period, then the rule's terms
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, booked, at(3, 19, 10, 29)).inGrace()).isTrue();
        Refund after = MoneyTerms.refund(RULE, 1000, true, d, booked, at(3, 19, 10, 30));
        assertThat(after).isEqualTo(new Refund(0, 0, true, 2, 1, null));
        assertThat(after.free()).isFalse();
        // a rule with no grace period (0 minutes): the terms at once
        Rule none = new Rule(1, null, 9L, 200, 0, 50, 1000, 2000, 5000, 7, 10, 5, 3, 2, 3, 5, 20, 0, RULE.tiers(), Map.of());
        assertThat(MoneyTerms.refund(none, 1000, true, d, booked, at(3, 19, 10, 1)).points()).isEqualTo(2);
        assertThat(MoneyTerms.graceUntil(none, booked)).isNull();
        assertThat(MoneyTerms.graceUntil(RULE, booked)).isEqualTo(at(3, 19, 10, 30));
    }

    @Test
    void theRefundStepsAreDatesAndThoseAlreadyOverAreLeftOut() {
        LocalDate d = LocalDate.of(2027, 3, 20);
        assertThat(MoneyTerms.schedule(RULE, d, LocalDate.of(2027, 3, 1)))
            .containsExactly(new CancelStep(LocalDate.of(2027, 3, 13), 100), new CancelStep(LocalDate.of(2027, 3, 17), 50));
        // booked 5 days before: the full refund's last day has passed and is not shown as if it could be met
        assertThat(MoneyTerms.schedule(RULE, d, LocalDate.of(2027, 3, 15)))
            .containsExactly(new CancelStep(LocalDate.of(2027, 3, 17), 50));
        assertThat(MoneyTerms.schedule(RULE, d, LocalDate.of(2027, 3, 18))).isEmpty();
        assertThat(MoneyTerms.lateFrom(RULE, d)).isEqualTo(LocalDate.of(2027, 3, 18));
    }

    @Test
    void thePaymentDeadlineIsTheEarlierOfDaysAfterBookingAndDaysBeforeUseAtTheCountersClosingTime() {
        var open = counter(Set.of(), null);
        var booked = at(3, 1, 10, 0);
        // 10 days after booking (11 March) comes before 5 days before use (15 April): 21:30, when the counter closes
        PaymentDeadline d = MoneyTerms.paymentDeadline(RULE, booked, LocalDate.of(2027, 4, 20), LocalTime.of(9, 0), open);
        assertThat(d.at()).isEqualTo(at(3, 11, 21, 30));
        assertThat(d.moved()).isFalse();
        // 5 days before use (5 March) comes first
        assertThat(MoneyTerms.paymentDeadline(RULE, booked, LocalDate.of(2027, 3, 10), LocalTime.of(9, 0), open).at())
            .isEqualTo(at(3, 5, 21, 30));
        assertThat(MoneyTerms.autoCancelAt(d)).isEqualTo(at(3, 11, 21, 30));
    }

    @Test
    void aBookingOnAClosedMondayForSaturdayIsNotDueThatMondayButWhenTheCounterNextOpens() {
        // 1 March 2027 is a Monday, the hall's weekly closing day (休館日); the booking is for Saturday 6 March
        assertThat(LocalDate.of(2027, 3, 1).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        var hall = counter(Set.of(), DayOfWeek.MONDAY);
        PaymentDeadline d = MoneyTerms.paymentDeadline(HALL, at(3, 1, 10, 0), LocalDate.of(2027, 3, 6), LocalTime.of(9, 0), hall);
        assertThat(d.ruleDay()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(d.at()).isEqualTo(at(3, 2, 21, 30));
        assertThat(d.moved()).isTrue();
        // Tuesday is closed too (a closure): Wednesday
        var alsoTuesday = counter(Set.of(LocalDate.of(2027, 3, 2)), DayOfWeek.MONDAY);
        assertThat(MoneyTerms.paymentDeadline(HALL, at(3, 1, 10, 0), LocalDate.of(2027, 3, 6), LocalTime.of(9, 0), alsoTuesday).at())
            .isEqualTo(at(3, 3, 21, 30));
        // a later rule day on a closed Monday (a group booking weeks ahead) moves to Tuesday as well
        PaymentDeadline later = MoneyTerms.paymentDeadline(HALL, at(3, 3, 12, 0), LocalDate.of(2027, 4, 12), LocalTime.of(13, 0), hall);
        assertThat(later.ruleDay()).isEqualTo(LocalDate.of(2027, 3, 10));
        assertThat(later.at()).isEqualTo(at(3, 10, 21, 30));
        PaymentDeadline onMonday = MoneyTerms.paymentDeadline(HALL, at(3, 1, 12, 0), LocalDate.of(2027, 4, 12), LocalTime.of(13, 0), hall);
        assertThat(onMonday.ruleDay()).isEqualTo(LocalDate.of(2027, 3, 8));
        assertThat(onMonday.at()).isEqualTo(at(3, 9, 21, 30));
    }

    @Test
    void theDeadlineIsNeverInThePastNorMinutesAwayAndOnTheDayOfUseNoLaterThanTheSlot() {
        var open = counter(Set.of(), null);
        // booked at 21:10, the counter closes at 21:30: too close to meet; the next day
        assertThat(MoneyTerms.paymentDeadline(RULE, at(3, 1, 21, 10), LocalDate.of(2027, 3, 3), LocalTime.of(13, 0), open).at())
            .isEqualTo(at(3, 2, 21, 30));
        // booked late at night for tomorrow morning: at the counter when it opens, no later than the slot's start
        PaymentDeadline tomorrow = MoneyTerms.paymentDeadline(RULE, at(3, 1, 23, 30), LocalDate.of(2027, 3, 2), LocalTime.of(13, 0), open);
        assertThat(tomorrow.at()).isEqualTo(at(3, 2, 13, 0));
        for (int minute = 0; minute < 24 * 60; minute += 7) {
            Instant now = at(3, 1, 0, 0).plusSeconds(minute * 60L);
            PaymentDeadline p = MoneyTerms.paymentDeadline(RULE, now, LocalDate.of(2027, 3, 4), LocalTime.of(9, 0), open);
            assertThat(p.at()).isAfterOrEqualTo(now.plus(MoneyTerms.PAY_LEAD));
            var local = p.local().toLocalTime();
            assertThat(local).isBetween(LocalTime.of(9, 0), LocalTime.of(21, 30));
        }
    }

    @Test
    void whenNoMomentCanBeMetThereIsNoDeadline() {
        var open = counter(Set.of(), null);
        // ten minutes before a 9:00 slot on the same day: the counter opens at 9:00, no time to pay first
        assertThat(MoneyTerms.paymentDeadline(RULE, at(3, 2, 8, 50), LocalDate.of(2027, 3, 2), LocalTime.of(9, 0), open).possible())
            .isFalse();
        // a place without registered hours: unknown is not open
        Map<LocalDate, DayHours> unknown = new LinkedHashMap<>();
        for (LocalDate d = LocalDate.of(2027, 3, 1); !d.isAfter(LocalDate.of(2027, 3, 20)); d = d.plusDays(1)) {
            unknown.put(d, new DayHours(d, List.of(), DayHours.Reason.HOURS_UNKNOWN, null));
        }
        PaymentDeadline none = MoneyTerms.paymentDeadline(RULE, at(3, 1, 10, 0), LocalDate.of(2027, 3, 20), LocalTime.of(9, 0), unknown);
        assertThat(none.possible()).isFalse();
        assertThat(none.moved()).isFalse();
        assertThat(MoneyTerms.autoCancelAt(none)).isNull();
    }
}
