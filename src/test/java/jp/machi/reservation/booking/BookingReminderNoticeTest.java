package jp.machi.reservation.booking;

import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.machi.notification.NotificationType;
import jp.machi.reservation.TestResidents;
import jp.machi.support.MachiTest;
import jp.machi.support.SignedIn;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reminder the day before a booking is a personal notice of the notification module: it reaches the booker's My
 * Page inbox and mailbox (GreenMail) once, names the facility, room, date and slot, says why it came and how to stop
 * it, comes only from the notification hub (the booking core no longer mails it itself), and stops when staff switch
 * the type off.
 */
@MachiTest
class BookingReminderNoticeTest extends MoneyRoomFixture {

    static final String TYPE = "reservation.booking-reminder";

    @Autowired List<NotificationType> types;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    @Test
    void theDayBeforeReminderIsAPersonalNoticeWithItsReasonAndStaffCanSwitchItOff() throws Exception {
        var who = TestResidents.create(jdbc, "RESIDENT");
        String address = email(who);
        long tomorrow = insertConfirmed(who, service.today().plusDays(1), "am", "09:00", "12:00");

        assertThat(reminders.dayBefore(Instant.now())).isGreaterThanOrEqualTo(1);
        MimeMessage mail = TestMailbox.awaitMailTo(address);
        String text = TestMailbox.text(mail);
        assertThat(mail.getSubject()).isEqualTo("明日のご予約: お金テスト会館 会議室（予約番号 " + tomorrow + "）");
        assertThat(text).contains("予約番号: " + tomorrow, "施設: お金テスト会館", "室場: 会議室", "使用料 1,000円が未払いです。",
            "/account/bookings/" + tomorrow, "このお知らせを受け取った理由:", "施設予約でお金テスト会館の会議室", "を予約されたため",
            "この種類のお知らせを止める:");
        assertThat(mail.getHeader("List-Unsubscribe", null)).contains("/api/v1/notification/unsubscribe/");
        // once: a second run reminds nobody again, and nothing else (no mail of the booking core's own) came
        reminders.dayBefore(Instant.now());
        Thread.sleep(2000);
        assertThat(TestMailbox.mailsTo(address)).hasSize(1);

        // My Page: the inbox lists it; the notice shows why it came and the way to stop it
        String inbox = body(mvc.perform(get("/account/notifications").with(SignedIn.resident(who.id()))).andExpect(status().isOk()));
        assertThat(inbox).contains("明日のご予約: お金テスト会館 会議室（予約番号 " + tomorrow + "）", "未読");
        long personal = jdbc.sql("select id from notification_personal where account_id = ? and type_code = ?")
            .params(who.id(), TYPE).query(Long.class).single();
        String item = body(mvc.perform(get("/account/notifications/personal/" + personal).with(SignedIn.resident(who.id())))
            .andExpect(status().isOk()));
        assertThat(item).contains("このお知らせを受け取った理由:", "施設予約でお金テスト会館の会議室", "受け取り方を変える・止める");

        // staff switch the type off: the next day-before run marks the booking reminded and tells nobody
        NotificationType type = types.stream().filter(t -> t.code().equals(TYPE)).findFirst().orElseThrow();
        try {
            mvc.perform(jp.machi.reservation.NoticeRules.form(jdbc, type, false)).andExpect(status().is3xxRedirection());
            var other = TestResidents.create(jdbc, "RESIDENT");
            long next = insertConfirmed(other, service.today().plusDays(1), "pm", "13:00", "17:00");
            assertThat(reminders.dayBefore(Instant.now())).isGreaterThanOrEqualTo(1);
            assertThat(column(next, "day_reminded_at")).isNotNull();
            TestMailbox.assertNoMailTo(email(other), Duration.ofSeconds(4));
            assertThat(jdbc.sql("select count(*) from notification_personal where account_id = ?").param(other.id())
                .query(Long.class).single()).isZero();
        } finally {
            mvc.perform(jp.machi.reservation.NoticeRules.form(jdbc, type, true)).andExpect(status().is3xxRedirection());
        }
    }
}
