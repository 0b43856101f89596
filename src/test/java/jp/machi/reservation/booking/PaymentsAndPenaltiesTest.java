package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import static jp.machi.support.StaffLogin.body;
import static jp.machi.support.StaffLogin.admin;
import static jp.machi.support.StaffLogin.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.booking.internal.Payments;
import jp.machi.reservation.booking.internal.Reminders;
import jp.machi.reservation.booking.internal.CalendarFeed;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.Reductions;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/**
 * Refunds by tier, late cancellations and no-shows that earn points and suspend, the payment deadline with its
 * reminder and the automatic cancellation of what was not paid, and the day-before reminder — on a room of this test's
 * own with a rule of its own (see {@link CheckoutTest}).
 */
@MachiTest
class PaymentsAndPenaltiesTest extends MoneyRoomFixture {

    @Test
    void refundTiersHaveExactBoundariesAndLateCancellationsAreMarked() {
        var who = TestResidents.create(jdbc, "RESIDENT");
        Availability slot = open(30);
        Booking b = checkout.bookNow(who.id(), roomId, slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), false, null)
            .booking();
        LocalDate d = b.date();
        assertThat(b.status()).isEqualTo(Booking.Status.CONFIRMED);
        assertThat(refundOn(b, d.minusDays(8))).extracting(jp.machi.reservation.money.Refund::percent, jp.machi.reservation.money.Refund::amount, jp.machi.reservation.money.Refund::late)
            .containsExactly(100, 1000, false);
        assertThat(refundOn(b, d.minusDays(7)).percent()).isEqualTo(100);
        assertThat(refundOn(b, d.minusDays(6))).extracting(jp.machi.reservation.money.Refund::percent, jp.machi.reservation.money.Refund::amount).containsExactly(50, 500);
        assertThat(refundOn(b, d.minusDays(3))).extracting(jp.machi.reservation.money.Refund::percent, jp.machi.reservation.money.Refund::late).containsExactly(50, false);
        assertThat(refundOn(b, d.minusDays(2))).extracting(jp.machi.reservation.money.Refund::percent, jp.machi.reservation.money.Refund::amount, jp.machi.reservation.money.Refund::late,
            jp.machi.reservation.money.Refund::points).containsExactly(0, 0, true, 2);
        assertThat(refundOn(b, d).percent()).isZero();
        // the payment deadline: 10 days after booking or 5 days before use, whichever first
        assertThat(payments.deadline(b)).isEqualTo(service.today().plusDays(10));
        Booking soon = checkout.bookNow(who.id(), roomId, open(6).date(), "am", null, UUID.randomUUID().toString(), false, null).booking();
        assertThat(payments.deadline(soon)).isEqualTo(soon.date().minusDays(5).isBefore(service.today())
            ? service.today() : soon.date().minusDays(5));
    }

    @Test
    void lateCancellationAndANoShowSuspendTheBookerWhoIsToldUntilWhen() throws Exception {
        TestMailbox.start();
        var who = TestResidents.create(jdbc, "RESIDENT");
        String bearer = "Bearer " + who.token();
        Availability slot = open(1);
        Booking b = checkout.bookNow(who.id(), roomId, slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), false, null)
            .booking();
        // DELETE through the API: another person gets 404, the booker the refund (none: fewer than 3 days before)
        var stranger = TestResidents.create(jdbc, "RESIDENT");
        mvc.perform(delete("/api/v1/bookings/" + b.id()).header("Authorization", "Bearer " + stranger.token()))
            .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/bookings/" + b.id())).andExpect(status().isUnauthorized());
        String json = body(mvc.perform(delete("/api/v1/bookings/" + b.id()).header("Authorization", bearer)).andExpect(status().isOk()));
        long daysBefore = java.time.temporal.ChronoUnit.DAYS.between(service.today(), slot.date());
        int expectedRefund = daysBefore >= 7 ? 1000 : daysBefore >= 3 ? 500 : 0;
        assertThat(json).contains("\"status\":\"CANCELLED\"").contains("\"refund\":" + expectedRefund);
        assertThat(body(mvc.perform(delete("/api/v1/bookings/" + b.id()).header("Authorization", bearer))
            .andExpect(status().isConflict()))).contains("\"code\":\"not-active\"");
        int points = daysBefore < 3 ? 2 : 0;
        assertThat(jdbc.sql("select penalty_points from reservation_booker where account_id = ?").param(who.id())
            .query(Integer.class).single()).isEqualTo(points);
        if (points > 0) {
            assertThat(mailWith(email(who), "ペナルティの点数が付きました")).contains("直前の取消し").contains("2 点");
        }
        jdbc.sql("update reservation_booker set penalty_points = 2 where account_id = ?").param(who.id()).update();
        // check-in is for the day of use; a no-show once the slot has started
        long future = insertConfirmed(who, service.today().plusDays(3), "am", "09:00", "12:00");
        mvc.perform(post("/staff/reservations/bookings/" + future + "/check-in").with(csrf()).with(admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(column(future, "checked_in_at")).isNull();
        mvc.perform(post("/staff/reservations/bookings/" + future + "/no-show").with(csrf()).with(admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(column(future, "status")).isEqualTo("CONFIRMED");
        long today = insertConfirmed(who, service.today(), "early", "00:00", "00:01");
        assertThat(body(mvc.perform(get("/staff/reservations/bookings/" + today).with(admin(jdbc))).andExpect(status().isOk())))
            .contains("来館を記録する").contains("無断不使用として記録する");
        mvc.perform(post("/staff/reservations/bookings/" + today + "/check-in").with(csrf()).with(admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(column(today, "checked_in_at")).isNotNull();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.booking.check-in' and subject = ?")
            .param("booking:" + today).query(Long.class).single()).isEqualTo(1L);
        // staff of another department cannot touch it
        mvc.perform(post("/staff/reservations/bookings/" + today + "/no-show").with(csrf()).with(staff(jdbc)))
            .andExpect(status().isNotFound());
        long yesterday = insertConfirmed(who, service.today().minusDays(1), "am", "09:00", "12:00");
        mvc.perform(post("/staff/reservations/bookings/" + yesterday + "/no-show").with(csrf()).with(admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(column(yesterday, "status")).isEqualTo("NO_SHOW");
        // 2 + 3 points reach the threshold of 5: suspended for 20 days, points back to 0
        LocalDate until = service.today().plusDays(20);
        assertThat(jdbc.sql("select suspended_until from reservation_booker where account_id = ?").param(who.id())
            .query(java.sql.Date.class).single().toLocalDate()).isEqualTo(until);
        assertThat(jdbc.sql("select penalty_points from reservation_booker where account_id = ?").param(who.id())
            .query(Integer.class).single()).isZero();
        assertThat(mailWith(email(who), "利用停止")).contains("無断不使用").contains("5 点");
        // a suspended booker is refused, and told until when
        Availability next = open(20);
        String refused = body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer)
            .header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json")
            .content("{\"roomId\":" + roomId + ",\"date\":\"" + next.date() + "\",\"slot\":\"" + next.slot().code() + "\"}"))
            .andExpect(status().isConflict()));
        assertThat(refused).contains("\"code\":\"suspended\"").contains("\"suspendedUntil\":\"" + until + "\"");
        assertThat(body(mvc.perform(post("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id())).param("room", "" + roomId)
            .param("date", next.date().toString()).param("slot", next.slot().code()).param("key", UUID.randomUUID().toString()))
            .andExpect(status().isConflict()))).contains("まで利用停止中のため");
        assertThat(body(mvc.perform(get("/account/bookings").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("まで利用停止中のため");
    }

    @Test
    void unpaidBookingsAreRemindedThenCancelledAfterTheDeadlineAndEveryoneIsRemindedTheDayBefore() {
        TestMailbox.start();
        var who = TestResidents.create(jdbc, "RESIDENT");
        Availability slot = open(30);
        Booking b = checkout.bookNow(who.id(), roomId, slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), false, null)
            .booking();
        // booked 9 days ago: due tomorrow (10 days after booking) — reminded once, not cancelled
        jdbc.sql("update reservation_booking set created_at = now() - interval '9 days' where id = ?").param(b.id()).update();
        Instant now = Instant.now();
        assertThat(payments.cancelUnpaid(now)).isGreaterThanOrEqualTo(0);
        assertThat(column(b.id(), "status")).isEqualTo("CONFIRMED");
        assertThat(payments.remind(now)).isGreaterThanOrEqualTo(1);
        assertThat(column(b.id(), "payment_reminded_at")).isNotNull();
        assertThat(mailWith(email(who), "お支払い期限が近づいています")).contains("1,000円");
        int before = TestMailbox.mailsTo(email(who)).size();
        payments.remind(now);
        assertThat(TestMailbox.mailsTo(email(who))).hasSize(before);
        // booked 11 days ago: the deadline (end of the 10th day) has passed: cancelled, no refund, mail
        jdbc.sql("update reservation_booking set created_at = now() - interval '11 days' where id = ?").param(b.id()).update();
        assertThat(payments.cancelUnpaid(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(column(b.id(), "status")).isEqualTo("CANCELLED");
        assertThat(column(b.id(), "refund")).isEqualTo("0");
        assertThat(mailWith(email(who), "お支払いがなかったため")).contains("予約番号: " + b.id());
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.booking.unpaid-cancel' and subject = ?")
            .param("booking:" + b.id()).query(Long.class).single()).isEqualTo(1L);
        // a paid booking with the same age stays
        Booking paid = checkout.bookNow(who.id(), roomId, open(31).date(), "pm", null, UUID.randomUUID().toString(), false, null).booking();
        jdbc.sql("update reservation_booking set created_at = now() - interval '11 days', paid_at = now() where id = ?")
            .param(paid.id()).update();
        payments.cancelUnpaid(Instant.now());
        assertThat(column(paid.id(), "status")).isEqualTo("CONFIRMED");
        // the day before: a reminder, once
        long tomorrow = insertConfirmed(who, service.today().plusDays(1), "am", "09:00", "12:00");
        assertThat(reminders.dayBefore(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(column(tomorrow, "day_reminded_at")).isNotNull();
        assertThat(mailWith(email(who), "明日のご予約")).contains("予約番号: " + tomorrow).contains("未払い");
        int count = TestMailbox.mailsTo(email(who)).size();
        reminders.dayBefore(Instant.now());
        assertThat(TestMailbox.mailsTo(email(who))).hasSize(count);
    }
}
