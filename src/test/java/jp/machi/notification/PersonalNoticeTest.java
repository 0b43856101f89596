package jp.machi.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.ReportService;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * Personal notices from other modules' events, under the rules staff switch on and word: a report's new status
 * reaches its reporter (by address) and a follower (an account: mail and My Page inbox), each saying why they got it
 * and how to stop it; stopping works; a rule switched off sends nothing; "services you may be eligible for" reach a
 * resident whose answers match, once.
 */
@MachiTest
class PersonalNoticeTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportService reports;

    @Autowired
    WebApplicationContext context;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    record Resident(long accountId, String displayName, String email, String preferredLanguage, boolean isStaff)
        implements MachiPrincipal {}

    private RequestPostProcessor resident() {
        long id = jdbc.sql("select id from account where email = 'resident@demo.machi.example'").query(Long.class).single();
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
            new Resident(id, "練馬 花子", "resident@demo.machi.example", "ja", false), null,
            List.of(new SimpleGrantedAuthority("ROLE_RESIDENT"))));
    }

    private long residentId() {
        return jdbc.sql("select id from account where email = 'resident@demo.machi.example'").query(Long.class).single();
    }

    private long report(String reporter) {
        return reports.submit(new NewReport("graffiti", Map.of(), "落書きがあります（通知の試験）", 35.7356, 139.6516, "豊玉北5丁目",
            List.of(), reporter, "ja", false, null, null, null), true);
    }

    private void asAdmin(Runnable r) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
            new Resident(jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single(),
                "admin", "admin@demo.machi.example", "ja", true), null,
            List.of(new SimpleGrantedAuthority("ROLE_STAFF"), new SimpleGrantedAuthority("ROLE_DEPT_ADMIN"),
                new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"))));
        try {
            r.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void changeStatus(long id, ReportStatus to) {
        asAdmin(() -> reports.changeStatus(id, to, to.requiresReason() ? "区の管理外のため" : null, null));
    }

    @Test
    void aReportsNewStatusReachesReporterAndFollowerWithItsReasonAndCanBeStopped() throws Exception {
        MockMvc mvc = StaffLogin.mockMvc(context);
        String reporter = "reporter." + System.nanoTime() + "@example.jp";
        long id = report(reporter);
        asAdmin(() -> reports.setPublished(id, true));
        reports.follow(id, residentId(), null, "ja");
        int residentMailsBefore = TestMailbox.mailsTo("resident@demo.machi.example").size();

        changeStatus(id, ReportStatus.IN_PROGRESS);
        MimeMessage mail = TestMailbox.awaitMailTo(reporter);
        String text = TestMailbox.text(mail);
        assertThat(mail.getSubject()).isEqualTo("まちレポ No." + id + " の状況が「対応中」になりました");
        assertThat(text).contains("受付 → 対応中", "/reports/" + id, "このお知らせを受け取った理由:", "まちレポで通報した",
            "この種類のお知らせを止める:");
        assertThat(mail.getHeader("List-Unsubscribe", null)).contains("/api/v1/notification/unsubscribe/");

        // the follower has an account: the mail, and the notice in My Page with its reason and the way to stop it
        TestMailbox.awaitMailsTo("resident@demo.machi.example", residentMailsBefore + 1, Duration.ofSeconds(30));
        String inbox = StaffLogin.body(mvc.perform(get("/account/notifications").with(resident())));
        assertThat(inbox).contains("まちレポ No." + id + " の状況が「対応中」になりました", "未読");
        long personal = jdbc.sql("select id from notification_personal where account_id = ? and idempotency_key like ?")
            .params(residentId(), "report:" + id + ":IN_PROGRESS:%").query(Long.class).single();
        String item = StaffLogin.body(mvc.perform(get("/account/notifications/personal/" + personal).with(resident())));
        assertThat(item).contains("このお知らせを受け取った理由:", "まちレポで通報した", "受け取り方を変える・止める");
        assertThat(jdbc.sql("select read_at is not null from notification_personal where id = ?").param(personal)
            .query(Boolean.class).single()).isTrue();

        // the reporter stops this kind of notice with the link of the mail (a page with a button)
        String stop = TestMailbox.firstLink(text.substring(text.indexOf("この種類のお知らせを止める:"))).replaceFirst("^http://localhost", "");
        WebSession browser = new WebSession(port);
        assertThat(browser.get(stop).body()).contains("まちレポの状況の変化", "止める");
        assertThat(browser.post(stop, stop, Map.of()).body()).contains("もう送りません");
        // the resident chooses "My Page only" for this kind
        mvc.perform(post("/account/notifications/types").with(resident()).with(csrf()).param("type-report.status-changed", "INBOX_ONLY"));

        changeStatus(id, ReportStatus.RESOLVED);
        await(() -> jdbc.sql("select count(*) from notification_personal where account_id = ? and idempotency_key like ?")
            .params(residentId(), "report:" + id + ":RESOLVED:%").query(Long.class).single() == 1);
        Thread.sleep(3000);
        assertThat(TestMailbox.mailsTo(reporter)).as("stopped").hasSize(1);
        assertThat(TestMailbox.mailsTo("resident@demo.machi.example")).as("My Page only").hasSize(residentMailsBefore + 1);
        mvc.perform(post("/account/notifications/types").with(resident()).with(csrf()).param("type-report.status-changed", "MAIL"));
    }

    @Test
    void aRuleSwitchedOffSendsNothingAndStaffWordTheRule() throws Exception {
        MockMvc mvc = StaffLogin.mockMvc(context);
        String reporter = "off." + System.nanoTime() + "@example.jp";
        long id = report(reporter);
        Map<String, String> wording = Map.of("subjectJa", "通報 ((id)) は ((status)) です", "bodyJa", "((category)): ((previous)) → ((status))",
            "reasonJa", "あなたが通報したため。", "subjectEn", "Report ((id)) is ((status))", "bodyEn", "((category)): ((previous)) → ((status))",
            "reasonEn", "You made this report.");
        try {
            var off = post("/staff/notifications/rules/report.status-changed").with(StaffLogin.staff(jdbc)).with(csrf());
            wording.forEach(off::param);
            mvc.perform(off);
            changeStatus(id, ReportStatus.IN_PROGRESS);
            Thread.sleep(4000);
            assertThat(TestMailbox.mailsTo(reporter)).isEmpty();
            // an unknown placeholder is refused
            var bad = post("/staff/notifications/rules/report.status-changed").with(StaffLogin.staff(jdbc)).with(csrf()).param("enabled", "true");
            var badWording = new java.util.HashMap<>(wording);
            badWording.put("subjectJa", "((unknown)) です");
            badWording.forEach(bad::param);
            assertThat(mvc.perform(bad).andReturn().getResponse().getStatus()).isEqualTo(422);
            // on again, with the staff's wording
            var on = post("/staff/notifications/rules/report.status-changed").with(StaffLogin.staff(jdbc)).with(csrf()).param("enabled", "true");
            wording.forEach(on::param);
            mvc.perform(on);
            changeStatus(id, ReportStatus.RESOLVED);
            MimeMessage mail = TestMailbox.awaitMailTo(reporter);
            assertThat(mail.getSubject()).isEqualTo("通報 " + id + " は 対応済 です");
            assertThat(TestMailbox.text(mail)).contains("対応中 → 対応済", "あなたが通報したため。");
        } finally {
            jdbc.sql("delete from notification_rule where type_code = 'report.status-changed'").update();
        }
    }

    @Test
    void aResidentWhoseAnswersMatchHearsOfAServiceOnce() throws Exception {
        MockMvc mvc = StaffLogin.mockMvc(context);
        YearMonth born = YearMonth.now(ZoneId.of("Asia/Tokyo")).minusMonths(4);
        var saved = mvc.perform(post("/account/notifications/profile").with(resident()).with(csrf())
            .param("district", "豊玉北").param("ageBand", "30S").param("children", born.toString()).param("children", "")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        String key = "eligibility:%:" + born;
        await(() -> jdbc.sql("select count(*) from notification_personal where account_id = ? and idempotency_key like ?")
            .params(residentId(), key).query(Long.class).single() >= 1);
        String reason = jdbc.sql("select reason from notification_personal where account_id = ? and idempotency_key like ? order by id limit 1")
            .params(residentId(), key).query(String.class).single();
        assertThat(reason).contains("お子さんの生まれ月（" + born.getYear() + "年" + born.getMonthValue() + "月）");
        long count = jdbc.sql("select count(*) from notification_personal where account_id = ? and idempotency_key like 'eligibility:%'")
            .param(residentId()).query(Long.class).single();
        mvc.perform(post("/account/notifications/profile").with(resident()).with(csrf())
            .param("district", "豊玉北").param("ageBand", "30S").param("children", born.toString()));
        assertThat(jdbc.sql("select count(*) from notification_personal where account_id = ? and idempotency_key like 'eligibility:%'")
            .param(residentId()).query(Long.class).single()).as("once").isEqualTo(count);
        // a birth month that cannot be is refused and nothing changes
        var bad = mvc.perform(post("/account/notifications/profile").with(resident()).with(csrf()).param("children", "1999-13"))
            .andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("お子さんの生まれた年月は");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(200);
        }
    }
}
