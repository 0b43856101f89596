package jp.machi.reservation.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.rules.RefundTier;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.SlotFee;
import jp.machi.shared.time.MachiClock;
import org.junit.jupiter.api.Test;

/** What a rule means in yen and days: fees by rate class and slot, refunds by tier, lateness, payment deadlines. */
class MoneyTermsTest {

    /** ¥1,000 / ¥2,000 / commercial ¥5,000, 午後 priced on its own; 100 % until 7 days, 50 % until 3; late under 3 days. */
    static final Rule RULE = new Rule(1, null, 9L, 200, 0, 50, 1000, 2000, 5000, 7, 10, 5, 3, 2, 3, 5, 20,
        List.of(new RefundTier(3, 50), new RefundTier(7, 100)), Map.of("pm", new SlotFee(1500, 2500, 6000)));

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
        assertThat(RULE.tiers()).extracting(RefundTier::daysBefore).containsExactly(7, 3);
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, d.minusDays(8))).isEqualTo(new Refund(100, 1000, false, 0, 8));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, d.minusDays(7)).percent()).isEqualTo(100);
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, d.minusDays(6))).isEqualTo(new Refund(50, 500, false, 0, 6));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, d.minusDays(3))).isEqualTo(new Refund(50, 500, false, 0, 3));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, d.minusDays(2))).isEqualTo(new Refund(0, 0, true, 2, 2));
        assertThat(MoneyTerms.refund(RULE, 1000, true, d, d).percent()).isZero();
        // a hold that was never confirmed gives everything back and is never late
        assertThat(MoneyTerms.refund(RULE, 1000, false, d, d)).isEqualTo(new Refund(100, 1000, false, 0, 0));
        // without a rule nothing is refunded
        assertThat(MoneyTerms.refund(null, 1000, true, d, d.minusDays(30)).amount()).isZero();
    }

    @Test
    void thePaymentDeadlineIsTheEarlierOfDaysAfterBookingAndDaysBeforeUseNeverBeforeTheBooking() {
        var booked = ZonedDateTime.of(2027, 3, 1, 23, 30, 0, 0, MachiClock.ZONE).toInstant();
        // 10 days after booking (11 March) comes before 5 days before use (15 April)
        assertThat(MoneyTerms.paymentDeadline(RULE, booked, LocalDate.of(2027, 4, 20))).isEqualTo(LocalDate.of(2027, 3, 11));
        // 5 days before use (5 March) comes first
        assertThat(MoneyTerms.paymentDeadline(RULE, booked, LocalDate.of(2027, 3, 10))).isEqualTo(LocalDate.of(2027, 3, 5));
        // never before the day of booking (in Tokyo)
        assertThat(MoneyTerms.paymentDeadline(RULE, booked, LocalDate.of(2027, 3, 2))).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(MoneyTerms.autoCancelAt(LocalDate.of(2027, 3, 1)))
            .isEqualTo(ZonedDateTime.of(2027, 3, 2, 0, 0, 0, 0, MachiClock.ZONE).toInstant());
    }
}
