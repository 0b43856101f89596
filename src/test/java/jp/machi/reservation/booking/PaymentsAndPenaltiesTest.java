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
        // the payment deadline: 10 days after booking or 5 days before use, whichever first, when the counter closes
        assertThat(payments.deadline(b).day()).isEqualTo(service.today().plusDays(10));
        assertThat(payments.deadline(b).local().toLocalTime()).isEqualTo(java.time.LocalTime.of(22, 0));
        Booking soon = checkout.bookNow(who.id(), roomId, open(6).date(), "am", null, UUID.randomUUID().toString(), false, null).booking();
        assertThat(payments.deadline(soon).day()).isEqualTo(soon.date().minusDays(5).isBefore(service.today())
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
        // booked an hour ago: the free cancellation right after booking (30 minutes) is over
        jdbc.sql("update reservation_booking set created_at = now() - interval '1 hour', confirmed_at = now() - interval '1 hour' where id = ?")
            .param(b.id()).update();
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
            .param("date", next.date().toString()).param("slot", next.slot().code()).param("key", UUID.randomUUID().toString())
            .param("commercial", "false")).andExpect(status().isConflict()))).contains("まで利用停止中のため");
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
        // (the scheduled job may have got there first: what counts is that it is reminded, once)
        payments.remind(now);
        assertThat(column(b.id(), "payment_reminded_at")).isNotNull();
        assertThat(mailWith(email(who), "お支払い期限が近づいています")).contains("1,000円");
        int before = TestMailbox.mailsTo(email(who)).size();
        payments.remind(now);
        assertThat(TestMailbox.mailsTo(email(who))).hasSize(before);
        // booked 11 days ago: the deadline (end of the 10th day) has passed: cancelled, no refund, mail
        jdbc.sql("update reservation_booking set created_at = now() - interval '11 days' where id = ?").param(b.id()).update();
        payments.cancelUnpaid(Instant.now());
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

    @Test
    void cancellingShowsItsCostFirstAndWithinTheGracePeriodAfterBookingCostsNothingOnThePagesAndTheApi() throws Exception {
        TestMailbox.start();
        var who = TestResidents.create(jdbc, "RESIDENT");
        var signedIn = jp.machi.support.SignedIn.resident(who.id());
        // tomorrow: late (fewer than 3 days before), no refund tier reached — yet booked a minute ago
        Booking b = checkout.bookNow(who.id(), roomId, open(1).date(), open(1).slot().code(), null, UUID.randomUUID().toString(),
            false, null).booking();
        String detail = body(mvc.perform(get("/account/bookings/" + b.id()).with(signedIn)).andExpect(status().isOk()));
        assertThat(detail).contains("href=\"/account/bookings/" + b.id() + "/cancel\"").doesNotContain("button--danger")
            .contains("全額還付、ペナルティなし（予約直後の無料の取消し）");
        // the confirmation step (a plain GET page): nothing is cancelled yet, and what it costs is said
        String step = body(mvc.perform(get("/account/bookings/" + b.id() + "/cancel").with(signedIn)).andExpect(status().isOk()));
        assertThat(step).contains("この予約を取り消しますか").contains("まだ取り消していません")
            .contains("予約の確定から 30 分以内").contains("無料で取り消せます").contains("お支払いは不要になります")
            .contains("ペナルティはありません").contains("name=\"refund\" value=\"1000\"").contains("name=\"points\" value=\"0\"");
        assertThat(body(mvc.perform(get("/account/bookings/" + b.id() + "/cancel").with(signedIn).param("lang", "en"))
            .andExpect(status().isOk()))).contains("Cancel this booking?").contains("so cancelling is free").contains("No penalty points");
        assertThat(column(b.id(), "status")).isEqualTo("CONFIRMED");
        // the grace period ends between looking and saying yes: nothing happens, the new cost is shown (409)
        jdbc.sql("update reservation_booking set created_at = now() - interval '31 minutes', confirmed_at = now() - interval '31 minutes' where id = ?")
            .param(b.id()).update();
        String changed = body(mvc.perform(post("/account/bookings/" + b.id() + "/cancel").with(signedIn)
            .param("refund", "1000").param("points", "0")).andExpect(status().isConflict()));
        assertThat(changed).contains("取消しの条件が変わりました").contains("ペナルティ 2 点が付きます")
            .contains("name=\"points\" value=\"2\"");
        assertThat(column(b.id(), "status")).isEqualTo("CONFIRMED");
        // back within the grace period (booked a minute ago): cancelled, nothing to pay, no points
        jdbc.sql("update reservation_booking set created_at = now() - interval '1 minute', confirmed_at = now() - interval '1 minute' where id = ?")
            .param(b.id()).update();
        String done = mvc.perform(post("/account/bookings/" + b.id() + "/cancel").with(signedIn).param("refund", "1000")
            .param("points", "0")).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(column(b.id(), "status")).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select count(*) from reservation_penalty where booking_id = ?").param(b.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select penalty_points from reservation_booker where account_id = ?").param(who.id())
            .query(Integer.class).single()).isZero();
        assertThat(body(mvc.perform(get(done).with(signedIn)).andExpect(status().isOk())))
            .contains("予約を取り消しました").contains("不要です（お支払い前に取り消したため）").contains("ペナルティ").contains("なし");
        // the API: the same rule — the cost of cancelling now is on the booking, and DELETE within the grace period is free
        Booking api = checkout.bookNow(who.id(), roomId, open(2).date(), open(2).slot().code(), null, UUID.randomUUID().toString(),
            false, null).booking();
        String mine = body(mvc.perform(get("/api/v1/bookings").header("Authorization", "Bearer " + who.token())).andExpect(status().isOk()));
        assertThat(mine).contains("\"freeCancellationUntil\"").contains("\"pointsIfCancelledNow\":0")
            .contains("\"refundIfCancelledNow\":1000").contains("\"paymentDeadline\":\"");
        String json = body(mvc.perform(delete("/api/v1/bookings/" + api.id()).header("Authorization", "Bearer " + who.token()))
            .andExpect(status().isOk()));
        assertThat(json).contains("\"status\":\"CANCELLED\"").contains("\"refund\":1000");
        assertThat(jdbc.sql("select penalty_points from reservation_booker where account_id = ?").param(who.id())
            .query(Integer.class).single()).isZero();
        // a rule without a grace period (0 minutes, set by staff): the same DELETE a minute after booking is late
        jdbc.sql("update reservation_rule set cancel_grace_minutes = 0 where room_id = ?").param(roomId).update();
        Booking strict = checkout.bookNow(who.id(), roomId, open(1).date(), open(1).slot().code(), null, UUID.randomUUID().toString(),
            false, null).booking();
        assertThat(body(mvc.perform(delete("/api/v1/bookings/" + strict.id()).header("Authorization", "Bearer " + who.token()))
            .andExpect(status().isOk()))).contains("\"refund\":0");
        assertThat(jdbc.sql("select penalty_points from reservation_booker where account_id = ?").param(who.id())
            .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aPaymentDeadlineNeverFallsOnADayTheCounterIsClosedNorInThePast() throws Exception {
        TestMailbox.start();
        var who = TestResidents.create(jdbc, "RESIDENT");
        var signedIn = jp.machi.support.SignedIn.resident(who.id());
        LocalDate today = service.today();
        // the counter is closed all day today and tomorrow (休館日); the rule's day would be today (5 days before use)
        closeOn(today.getDayOfWeek(), today.plusDays(1).getDayOfWeek());
        Availability slot = open(3);
        String check = body(mvc.perform(get("/account/bookings/new").with(signedIn).param("room", "" + roomId)
            .param("date", slot.date().toString()).param("slot", slot.slot().code())).andExpect(status().isOk()));
        var deadline = checkout.termsBefore(room(), slot.date(), slot.slot()).deadline();
        assertThat(deadline.possible()).isTrue();
        assertThat(deadline.day()).isAfter(today.plusDays(1)).isBeforeOrEqualTo(slot.date());
        assertThat(deadline.at()).isAfter(Instant.now());
        assertThat(check).contains(jp.machi.shared.time.Wareki.format(deadline.day()) + "（")
            .contains("規則どおりの期限").contains("次に窓口が開く日にしています");
        Booking b = checkout.bookNow(who.id(), roomId, slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), false, null)
            .booking();
        assertThat(payments.deadline(b).day()).isEqualTo(deadline.day());
        assertThat(payments.deadline(b).local().toLocalTime()).isEqualTo(java.time.LocalTime.of(22, 0));
        // it is not cancelled for non-payment today or tomorrow, and the mail names the counter's day and time
        assertThat(payments.cancelUnpaid(Instant.now().plus(java.time.Duration.ofHours(30)))).isGreaterThanOrEqualTo(0);
        assertThat(column(b.id(), "status")).isEqualTo("CONFIRMED");
        assertThat(mailWith(email(who), "予約が確定しました")).contains(jp.machi.shared.time.Wareki.format(deadline.day()))
            .contains("22:00 まで");
    }
}
