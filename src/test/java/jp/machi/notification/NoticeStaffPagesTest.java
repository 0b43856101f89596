package jp.machi.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * The staff side: a school's staff send to its parents (who joined with the school's code), a ward-wide notice waits
 * for a second sender's approval, emergency notices need the duty role, and what staff may not do is refused.
 */
@MachiTest
class NoticeStaffPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    private RequestPostProcessor staff() {
        return StaffLogin.staff(jdbc);
    }

    private long created(org.springframework.test.web.servlet.ResultActions r) {
        String location = r.andReturn().getResponse().getRedirectedUrl();
        assertThat(location).as("redirect after saving the draft").matches("/staff/notifications/\\d+");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private String status(long notice) {
        return jdbc.sql("select status from notification_notice where id = ?").param(notice).query(String.class).single();
    }

    @Test
    void aSchoolSendsToItsParents() throws Exception {
        long school = jdbc.sql("select id from notification_list where join_code = 'HANA-7523'").query(Long.class).single();
        // a parent joins with the code the school gave (typed in lower case, without the hyphen) and confirms
        String parent = "parent." + System.nanoTime() + "@example.jp";
        WebSession browser = new WebSession(port);
        var joined = browser.post("/notifications/join", "/notifications/join",
            Map.of("code", "hana7523", "email", parent, "label", "2年1組 練馬 一郎", "language", "ja"));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(302);
        MimeMessage confirm = TestMailbox.awaitMailTo(parent);
        assertThat(confirm.getSubject()).contains("デモ区立はなみずき小学校");
        String link = TestMailbox.firstLink(TestMailbox.text(confirm)).replaceFirst("^http://localhost", "");
        assertThat(browser.post(link, link, Map.of()).body()).contains("連絡網に登録しました");

        // the school's staff see the member (audited) and send an emergency notice to the list
        String members = StaffLogin.body(mvc.perform(get("/staff/notifications/lists/" + school).with(staff())));
        assertThat(members).contains(parent, "2年1組 練馬 一郎", "HANA-7523");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'notification.list.members.read' and subject = ?")
            .param("notification-list:" + school).query(Long.class).single()).isPositive();
        long notice = created(mvc.perform(post("/staff/notifications/new").with(staff()).with(csrf())
            .param("listId", String.valueOf(school)).param("priority", "EMERGENCY")
            .param("titleJa", "本日は臨時休校です").param("bodyJa", "台風のため本日は休校とします。")));
        String preview = StaffLogin.body(mvc.perform(get("/staff/notifications/" + notice).with(staff())));
        assertThat(preview).contains("【緊急・デモ区立はなみずき小学校】本日は臨時休校です", "今すぐ送る");
        mvc.perform(post("/staff/notifications/" + notice + "/send").with(staff()).with(csrf()));
        assertThat(status(notice)).isEqualTo("SENDING");
        MimeMessage mail = TestMailbox.awaitMailsTo(parent, 2, Duration.ofSeconds(30)).get(1);
        assertThat(mail.getSubject()).isEqualTo("【緊急・デモ区立はなみずき小学校】本日は臨時休校です");
        assertThat(TestMailbox.text(mail)).contains("台風のため本日は休校とします。", "連絡網から退会する");
        assertThat(mail.getHeader("List-Unsubscribe", null)).contains("/api/v1/notification/unsubscribe/");
        // a list's notice is not public
        assertThat(new WebSession(port).get("/notices/" + notice).statusCode()).isEqualTo(404);

        // staff who do not look after the list may not write to it
        RequestPostProcessor auditor = StaffLogin.as(jdbc, "auditor@demo.machi.example", "STAFF", "AUDITOR");
        assertThat(mvc.perform(get("/staff/notifications/new?list=" + school).with(auditor)).andReturn().getResponse().getStatus())
            .isEqualTo(403);
        assertThat(mvc.perform(get("/staff/notifications/lists/" + school).with(auditor)).andReturn().getResponse().getStatus())
            .isEqualTo(404);
    }

    @Test
    void aWardWideNoticeWaitsForASecondSendersApproval() throws Exception {
        String topic = "ww" + (System.nanoTime() % 1_000_000);
        jdbc.sql("insert into notification_topic (code, name_ja, name_en) values (?, '全域試験', 'Ward-wide test')").param(topic).update();
        long notice = created(mvc.perform(post("/staff/notifications/new").with(staff()).with(csrf())
            .param("topic", topic).param("priority", "NORMAL").param("titleJa", "区内全域のお知らせ").param("bodyJa", "本文です。")
            .param("titleEn", "For the whole ward").param("bodyEn", "The text.")));
        String preview = StaffLogin.body(mvc.perform(get("/staff/notifications/" + notice).with(staff())));
        assertThat(preview).contains("【全域試験】区内全域のお知らせ", "[Ward-wide test] For the whole ward", "承認を依頼する");
        mvc.perform(post("/staff/notifications/" + notice + "/send").with(staff()).with(csrf()));
        assertThat(status(notice)).isEqualTo("AWAITING_APPROVAL");
        // the author cannot approve it
        mvc.perform(post("/staff/notifications/" + notice + "/approve").with(staff()).with(csrf()));
        assertThat(status(notice)).isEqualTo("AWAITING_APPROVAL");
        // a second sender (the demo admin) approves: it is sent
        mvc.perform(post("/staff/notifications/" + notice + "/approve").with(StaffLogin.admin(jdbc)).with(csrf()));
        assertThat(status(notice)).isEqualTo("SENDING");
        assertThat(jdbc.sql("select approved_by is not null from notification_notice where id = ?").param(notice)
            .query(Boolean.class).single()).isTrue();
    }

    @Test
    void emergencyNoticesNeedTheDutyRoleAndBadFormsAreRefused() throws Exception {
        String topic = "em" + (System.nanoTime() % 1_000_000);
        jdbc.sql("insert into notification_topic (code, name_ja, name_en) values (?, '緊急試験', 'Emergency test')").param(topic).update();
        long adminId = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        // the demo admin is a sender but not on duty
        long notice = created(mvc.perform(post("/staff/notifications/new").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("topic", topic).param("priority", "EMERGENCY").param("titleJa", "緊急").param("bodyJa", "本文")));
        var refused = mvc.perform(post("/staff/notifications/" + notice + "/send").with(StaffLogin.admin(jdbc)).with(csrf())).andReturn();
        assertThat(String.valueOf(refused.getFlashMap().get("refused"))).contains("当番");
        assertThat(status(notice)).isEqualTo("DRAFT");
        assertThat(jdbc.sql("select on_duty from notification_sender where account_id = ?").param(adminId).query(Boolean.class).single()).isFalse();

        // a form with problems: 422, the problems named, nothing stored
        long before = jdbc.sql("select count(*) from notification_notice").query(Long.class).single();
        var bad = mvc.perform(post("/staff/notifications/new").with(staff()).with(csrf())
            .param("topic", "").param("priority", "EMERGENCY").param("titleJa", "x".repeat(201)).param("bodyJa", "")
            .param("scheduledAt", "not-a-time")).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("分野を選んでください", "日時の形式が正しくありません");
        assertThat(jdbc.sql("select count(*) from notification_notice").query(Long.class).single()).isEqualTo(before);
        // a resident cannot reach the staff pages
        assertThat(mvc.perform(get("/staff/notifications").with(StaffLogin.as(jdbc, "resident@demo.machi.example", "RESIDENT")))
            .andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
