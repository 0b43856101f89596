package jp.machi.reservation.groups;

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
import jp.machi.reservation.NoticeRules;
import jp.machi.reservation.TestResidents;
import jp.machi.reservation.groups.internal.GroupExpiryReminders;
import jp.machi.shared.time.MachiClock;
import jp.machi.support.MachiTest;
import jp.machi.support.SignedIn;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Your group registration ends soon" (issue 12's contract expiry reminder) is a personal notice: 30 days before an
 * approved group's registration ends, its representative gets it in the My Page inbox and by mail (GreenMail), with
 * the group, the end date, why it came and how to stop it; once per period; not when a renewal was asked for or the
 * end is further away; nothing when staff switched the type off.
 */
@MachiTest
class GroupExpiryReminderTest extends GroupsFixture {

    static final String TYPE = "reservation.group-expiry";

    @Autowired GroupExpiryReminders reminders;
    @Autowired List<NotificationType> types;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    private LocalDate today() {
        return Instant.now().atZone(MachiClock.ZONE).toLocalDate();
    }

    /** The reminders among a person's mail (they also got the approval mail). */
    private List<MimeMessage> reminders(String address) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage m : TestMailbox.mailsTo(address)) {
            if (m.getSubject().startsWith("団体登録の有効期限")) {
                found.add(m);
            }
        }
        return found;
    }

    /** An approved group of a fresh representative whose registration ends in {@code days} days. */
    private long groupEndingIn(TestResidents.Resident rep, int days) throws Exception {
        long id = approvedGroup(rep);
        jdbc.sql("update reservation_group set valid_until = ? where id = ?").params(today().plusDays(days), id).update();
        return id;
    }

    @Test
    void theRepresentativeHearsOnceThatTheRegistrationEndsSoonWithItsReasonAndHowToStopIt() throws Exception {
        var rep = resident("RESIDENT");
        long group = groupEndingIn(rep, 20);
        String name = groups.find(group).orElseThrow().name();
        var later = resident("RESIDENT");
        groupEndingIn(later, 45);
        var renewing = resident("RESIDENT");
        groupEndingIn(renewing, 10);
        mvc.perform(post("/account/group/renew").with(csrf()).with(as(renewing.id()))).andExpect(status().is3xxRedirection());

        assertThat(reminders.remind(Instant.now())).isGreaterThanOrEqualTo(1);
        MimeMessage mail = TestMailbox.awaitMailContaining(email(rep.id()), Duration.ofSeconds(30), "有効期限は");
        assertThat(mail.getSubject()).isEqualTo("団体登録の有効期限が近づいています（" + name + "）");
        String text = TestMailbox.text(mail);
        assertThat(text).contains("施設予約の団体「" + name + "」の登録の有効期限は", "（あと 20 日）", "更新を申請してください",
            "/account/group", "このお知らせを受け取った理由:", "代表者として登録されているため", "この種類のお知らせを止める:");
        assertThat(mail.getHeader("List-Unsubscribe", null)).contains("/api/v1/notification/unsubscribe/");

        // once per period: the next day's run tells nobody again; the later end and the renewal asked for hear nothing
        reminders.remind(Instant.now().plus(Duration.ofDays(1)));
        Thread.sleep(3000);
        assertThat(reminders(email(rep.id()))).hasSize(1);
        assertThat(reminders(email(later.id()))).isEmpty();
        assertThat(reminders(email(renewing.id()))).isEmpty();
        assertThat(jdbc.sql("select count(*) from notification_personal where account_id in (?, ?)").params(later.id(), renewing.id())
            .query(Long.class).single()).isZero();

        // My Page: in the inbox, with why it came and the way to stop it
        long personal = jdbc.sql("select id from notification_personal where account_id = ? and type_code = ?")
            .params(rep.id(), TYPE).query(Long.class).single();
        String item = body(mvc.perform(get("/account/notifications/personal/" + personal).with(SignedIn.resident(rep.id())))
            .andExpect(status().isOk()));
        assertThat(item).contains("団体登録の有効期限が近づいています", "代表者として登録されているため", "受け取り方を変える・止める");
    }

    @Test
    void staffSwitchingTheTypeOffStopsTheReminder() throws Exception {
        NotificationType type = types.stream().filter(t -> t.code().equals(TYPE)).findFirst().orElseThrow();
        try {
            mvc.perform(NoticeRules.form(jdbc, type, false)).andExpect(status().is3xxRedirection());
            var rep = resident("RESIDENT");
            groupEndingIn(rep, 5);
            reminders.remind(Instant.now());
            Thread.sleep(3000);
            assertThat(reminders(email(rep.id()))).isEmpty();
            assertThat(jdbc.sql("select count(*) from notification_personal where account_id = ?").param(rep.id())
                .query(Long.class).single()).isZero();
        } finally {
            mvc.perform(NoticeRules.form(jdbc, type, true)).andExpect(status().is3xxRedirection());
        }
    }
}
