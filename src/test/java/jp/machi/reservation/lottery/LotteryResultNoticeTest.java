package jp.machi.reservation.lottery;

import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.machi.notification.NotificationType;
import jp.machi.reservation.LotteryFixtures;
import jp.machi.reservation.TestResidents;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.lottery.internal.LotteryRound;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.support.MachiTest;
import jp.machi.support.SignedIn;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * A lottery result is a personal notice of the notification module (type {@code reservation.lottery-result}): the
 * winner finds it in My Page and in the mailbox with the won slot in words, the reason and the way to stop it; when
 * staff switch the type off, the next round's applicants are marked told and hear nothing.
 */
@MachiTest
class LotteryResultNoticeTest {

    static final String TYPE = "reservation.lottery-result";

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired LotteryService lottery;
    @Autowired BookableRooms reservations;
    @Autowired List<NotificationType> types;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        TestMailbox.start();
    }

    @AfterEach
    void retireTestRooms() {
        LotteryFixtures.retire(jdbc);
    }

    /** A round open now over the place's rooms, one applicant, committed and drawn; returns the round. */
    private LotteryRound drawnRound(String name, TestResidents.Resident who) throws Exception {
        var place = LotteryFixtures.facility(jdbc, 1);
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        Instant now = Instant.now();
        mvc.perform(post("/staff/reservations/lottery").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("nameJa", name).param("nameEn", name + " (en)").param("month", month.toString().substring(0, 7))
            .param("opensAt", LotteryFixtures.local(now.minus(Duration.ofDays(1)))).param("closesAt", LotteryFixtures.local(now.plus(Duration.ofDays(1))))
            .param("drawAt", LotteryFixtures.local(now.plus(Duration.ofDays(2)))).param("confirmBy", LotteryFixtures.local(now.plus(Duration.ofDays(3))))
            .param("firstComeAt", LotteryFixtures.local(now.plus(Duration.ofDays(4)))).param("maxChoices", "2").param("maxApplications", "2")
            .param("whoShown", "1").param("who", "individuals").param("rooms", "" + place.rooms().get(0)))
            .andExpect(status().is3xxRedirection());
        long round = jdbc.sql("select id from reservation_lottery_round where name_ja = ?").param(name).query(Long.class).single();
        mvc.perform(post("/account/lottery/rounds/" + round + "/applications").with(SignedIn.resident(who.id()))
            .param("room1", "" + place.rooms().get(0)).param("date1", LotteryFixtures.weekday(month, 2).toString()).param("slot1", "am"))
            .andExpect(status().is3xxRedirection());
        LotteryRound r = lottery.round(round).orElseThrow();
        assertThat(lottery.commit(round, r.closesAt())).isTrue();
        assertThat(lottery.draw(round, r.drawAt())).isTrue();
        return lottery.round(round).orElseThrow();
    }

    private void sendAllResults() {
        while (lottery.sendResults(100, Instant.now()) > 0) {
            // every batch
        }
    }

    @Test
    void theResultIsAPersonalNoticeWithItsReasonAndStaffCanSwitchItOff() throws Exception {
        var winner = TestResidents.create(jdbc, "RESIDENT");
        String address = jdbc.sql("select email from account where id = ?").param(winner.id()).query(String.class).single();
        String name = "通知抽選 " + System.nanoTime();
        LotteryRound round = drawnRound(name, winner);

        sendAllResults();
        MimeMessage mail = TestMailbox.awaitMailTo(address);
        assertThat(mail.getSubject()).isEqualTo("抽選結果のお知らせ（" + name + "）");
        assertThat(TestMailbox.text(mail)).contains("当選（第1希望）", "/account/lottery/rounds/" + round.id(), "予約を確定する",
            "このお知らせを受け取った理由:", "施設予約の抽選「" + name + "」に申し込まれたため", "この種類のお知らせを止める:");
        String inbox = body(mvc.perform(get("/account/notifications").with(SignedIn.resident(winner.id()))).andExpect(status().isOk()));
        assertThat(inbox).contains("抽選結果のお知らせ（" + name + "）");
        // once, even if the job runs again
        sendAllResults();
        Thread.sleep(2000);
        assertThat(TestMailbox.mailsTo(address)).hasSize(1);

        // staff switch the type off: the next round's applicant is told nothing (and not told later either)
        NotificationType type = types.stream().filter(t -> t.code().equals(TYPE)).findFirst().orElseThrow();
        try {
            mvc.perform(jp.machi.reservation.NoticeRules.form(jdbc, type, false)).andExpect(status().is3xxRedirection());
            var other = TestResidents.create(jdbc, "RESIDENT");
            String otherAddress = jdbc.sql("select email from account where id = ?").param(other.id()).query(String.class).single();
            LotteryRound next = drawnRound("通知なし抽選 " + System.nanoTime(), other);
            sendAllResults();
            assertThat(jdbc.sql("select count(*) from reservation_lottery_applicant where round_id = ? and notified_at is null")
                .param(next.id()).query(Long.class).single()).isZero();
            TestMailbox.assertNoMailTo(otherAddress, Duration.ofSeconds(4));
            assertThat(jdbc.sql("select count(*) from notification_personal where account_id = ?").param(other.id())
                .query(Long.class).single()).isZero();
        } finally {
            mvc.perform(jp.machi.reservation.NoticeRules.form(jdbc, type, true)).andExpect(status().is3xxRedirection());
        }
    }
}
