package jp.machi.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The staff page /staff/outbox: the list, one mail with its links, and who may see it. */
@MachiTest
class MailOutboxPageTest {

    @Autowired WebApplicationContext context;
    @Autowired Mailer mailer;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;
    String to;
    long id;

    /** The outbox is for system admins (issue 16: department staff read residents' one-time links there). */
    static final RequestPostProcessor STAFF = user("admin@example.com").roles("SYSTEM_ADMIN", "DEPT_ADMIN", "STAFF");

    @BeforeAll
    static void smtpServer() {
        TestMailbox.start();
    }

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        to = "outbox-" + UUID.randomUUID() + "@example.com";
        mailer.send(to, "mail/message", Locale.JAPANESE, Map.of(
            "subject", "パスワードの再設定",
            "text", "次のリンクから再設定してください <script>alert('x')</script>",
            "link", "http://localhost/reports/42?lang=ja"));
        id = jdbc.sql("select id from mail_outbox where recipient = :r").param("r", to).query(Long.class).single();
    }

    MvcResult page(String path, RequestPostProcessor who) throws Exception {
        var request = get(path);
        if (who != null) {
            request.with(who);
        }
        return mvc.perform(request).andReturn();
    }

    @Test
    void staffSeeTheLatestMailsNewestFirst() throws Exception {
        MvcResult res = page("/staff/outbox", STAFF);
        assertThat(res.getResponse().getStatus()).isEqualTo(200);
        String html = res.getResponse().getContentAsString();
        assertThat(html).contains("<h1>送信メール</h1>").contains(to).contains("【練馬区】パスワードの再設定")
            .contains("href=\"/staff/outbox/" + id + "\"")
            .containsPattern("<time datetime=\"[^\"]+\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}</time>")
            .contains("30日を過ぎたメールは自動で削除されます。")
            .contains("メールサーバー（SMTP）で送信しています");
        assertThat(html).containsAnyOf("送信待ち", "送信済み");
        assertThat(html.indexOf(to)).as("the newest mail is at the top").isLessThan(html.indexOf("<tbody>") + 400);
    }

    @Test
    void thePageIsInEnglishOnRequest() throws Exception {
        MvcResult res = mvc.perform(get("/staff/outbox").with(STAFF).locale(Locale.ENGLISH).param("lang", "en")).andReturn();
        assertThat(res.getResponse().getContentAsString()).contains("<h1>Outbox</h1>").contains("Recipient")
            .contains("Mails older than 30 days are deleted automatically.");
    }

    @Test
    void aMailShowsItsBodyWithClickableLinksAndEscapedMarkup() throws Exception {
        MvcResult res = page("/staff/outbox/" + id, STAFF);
        assertThat(res.getResponse().getStatus()).isEqualTo(200);
        String html = res.getResponse().getContentAsString();
        assertThat(html).contains(to)
            .contains("<a href=\"http://localhost/reports/42?lang=ja\" rel=\"noreferrer\">"
                + "http://localhost/reports/42?lang=ja</a>")
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
            .doesNotContain("<script>alert");
        assertThat(html).contains("<pre class=\"mail-body\" lang=\"ja\">次のリンクから再設定してください");
    }

    @Test
    void oddPageNumbersShowTheFirstPageAndAnUnknownMailIs404() throws Exception {
        assertThat(page("/staff/outbox?page=abc", STAFF).getResponse().getStatus()).isEqualTo(200);
        assertThat(page("/staff/outbox?page=-3", STAFF).getResponse().getStatus()).isEqualTo(200);
        assertThat(page("/staff/outbox?page=99999", STAFF).getResponse().getContentAsString()).contains("メールはまだありません");
        assertThat(page("/staff/outbox/999999999", STAFF).getResponse().getStatus()).isEqualTo(404);
        assertThat(page("/staff/outbox/not-a-number", STAFF).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void anonymousVisitorsResidentsAndStaffOtherThanSystemAdminsAreRefused() throws Exception {
        for (String path : new String[] {"/staff/outbox", "/staff/outbox/" + id}) {
            MvcResult anonymous = page(path, null);
            assertThat(anonymous.getResponse().getStatus()).as(path).isIn(401, 302, 403);
            assertThat(anonymous.getResponse().getContentAsString()).doesNotContain(to);

            MvcResult resident = page(path, user("resident@example.com").roles("RESIDENT"));
            assertThat(resident.getResponse().getStatus()).as(path).isEqualTo(403);
            assertThat(resident.getResponse().getContentAsString()).doesNotContain(to);

            for (String role : new String[] {"STAFF", "DEPT_ADMIN", "AUDITOR"}) {
                MvcResult staff = page(path, user("staff@example.com").roles(role, "STAFF"));
                assertThat(staff.getResponse().getStatus()).as(path + " as " + role).isEqualTo(403);
                assertThat(staff.getResponse().getContentAsString()).doesNotContain(to);
            }
        }
    }
}
