package jp.machi.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.machi.mail.internal.MailSettings;
import jp.machi.mail.internal.MailTemplates;
import jp.machi.mail.internal.Outbox;
import jp.machi.mail.internal.OutboxDelivery;
import jp.machi.mail.internal.OutboxMailer;
import jp.machi.shared.DemoMode;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import jp.machi.ward.WardProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 16, item 1: the outbox handed out accounts — department staff read a resident's password-reset link and an
 * auditor's invitation at /staff/outbox and used them. Now secrets reach only the recipient: the outbox is for system
 * admins, every staff view shows a note where a link was, and the stored staff copy never holds the secret.
 */
@MachiTest
class MailSecretsTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    @Autowired MailTemplates templates;
    @Autowired OutboxDelivery delivery;
    @Autowired WardProfile ward;
    @Autowired DemoMode demo;

    MockMvc mvc;

    @BeforeAll
    static void smtpServer() {
        TestMailbox.start();
    }

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    long latestMailTo(String to, String template) {
        return jdbc.sql("select max(id) from mail_outbox where recipient = ? and template = ?").params(to, template)
            .query(Long.class).single();
    }

    String page(String path, org.springframework.test.web.servlet.request.RequestPostProcessor who, int status)
        throws Exception {
        var r = mvc.perform(get(path).with(who)).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(status);
        return r.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void departmentStaffCannotResetAResidentsPasswordThroughTheOutbox() throws Exception {
        String email = "victim-" + UUID.randomUUID() + "@example.jp";
        mvc.perform(post("/register").with(csrf()).param("email", email).param("password", "the victim's passphrase")
            .param("displayName", "被害 花子").param("language", "ja"));
        TestMailbox.awaitMailTo(email);
        mvc.perform(post("/password/forgot").with(csrf()).param("email", email));
        var mails = TestMailbox.awaitMailsTo(email, 2, Duration.ofSeconds(20));
        String link = TestMailbox.firstLink(TestMailbox.text(mails.getLast()));
        String token = link.substring(link.indexOf("token=") + 6);
        long id = latestMailTo(email, "identity/reset-password");

        // the attack: department staff open the outbox — refused, list and mail alike
        String staffList = page("/staff/outbox", StaffLogin.staff(jdbc), 403);
        assertThat(staffList).doesNotContain(email);
        assertThat(page("/staff/outbox/" + id, StaffLogin.staff(jdbc), 403)).doesNotContain(token);

        // the system admin, who looks after delivery, sees the mail without its link
        String adminList = page("/staff/outbox", StaffLogin.admin(jdbc), 200);
        assertThat(adminList).contains(email);
        String mail = page("/staff/outbox/" + id, StaffLogin.admin(jdbc), 200);
        assertThat(mail).contains(email).doesNotContain(token).doesNotContain("/password/reset?token")
            .contains("［非表示：このリンク・コードは受信者本人にだけ届きます］")
            .contains("このメールのリンクやコードは受信者本人にだけ届き、ここには表示しません。");
        // nothing stored for staff holds it: the staff copy is masked, the recipient's copy is gone once sent
        await(() -> jdbc.sql("select sealed_body is null from mail_outbox where id = ?").param(id)
            .query(Boolean.class).single());
        assertThat(jdbc.sql("select body from mail_outbox where id = ?").param(id).query(String.class).single())
            .doesNotContain(token);
        // each view is on the audit record
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'mail.outbox.read' and subject = ?")
            .param("mail:" + id).query(Long.class).single()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'mail.outbox.list'")
            .query(Long.class).single()).isGreaterThanOrEqualTo(1);

        // and the recipient's link still works, for the recipient
        var reset = mvc.perform(post("/password/reset").with(csrf()).param("token", token)
            .param("password", "a fresh passphrase 2")).andReturn().getResponse();
        assertThat(reset.getRedirectedUrl()).endsWith("/login?reset");
    }

    @Test
    void anAuditorsInvitationCannotBeTakenOverThroughTheOutbox() throws Exception {
        String email = "new-auditor-" + UUID.randomUUID() + "@example.jp";
        var created = mvc.perform(post("/admin/staff/new").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("email", email).param("displayName", "監査 新人").param("language", "en")
            .param("roles", "AUDITOR").param("allDepartments", "true")).andReturn().getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(302);
        String link = TestMailbox.firstLink(TestMailbox.text(TestMailbox.awaitMailTo(email)));
        String token = link.substring(link.indexOf("token=") + 6);
        long id = latestMailTo(email, "identity/staff-invitation");

        assertThat(page("/staff/outbox/" + id, StaffLogin.staff(jdbc), 403)).doesNotContain(token);
        assertThat(page("/staff/outbox/" + id, StaffLogin.as(jdbc, "auditor@demo.machi.example", "AUDITOR", "STAFF"), 403))
            .doesNotContain(token);
        assertThat(page("/staff/outbox/" + id, StaffLogin.admin(jdbc), 200)).doesNotContain(token)
            .contains("[hidden: only the recipient can see this link or code]");
    }

    @Test
    void theDemoWithoutSmtpShowsTheLinkOnlyForDemoAddressesAndARealInstallationNever() throws Exception {
        MailSettings noSmtp = new MailSettings("no-reply@demo.machi.example", "http://localhost", false, null);
        OutboxMailer demoMailer = new OutboxMailer(templates, outbox, delivery, noSmtp, ward, demo);
        assertThat(demo.enabled()).isTrue();
        String secret = "http://localhost/verify?token=" + UUID.randomUUID();
        Map<String, Object> model = Map.of("name", "新人", "url", Secret.of(secret), "hours", 24);

        String newcomer = "newcomer-" + UUID.randomUUID() + "@" + DemoMode.DOMAIN;
        demoMailer.send(newcomer, "identity/verify-email", Locale.JAPANESE, model);
        long demoId = latestMailTo(newcomer, "identity/verify-email");
        String shown = page("/staff/outbox/" + demoId, StaffLogin.admin(jdbc), 200);
        assertThat(shown).contains(secret.replace("&", "&amp;"))
            .contains("デモモードで、デモ用のアドレス（@demo.machi.example）宛てのメールなので、リンクをそのまま表示しています。");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'mail.outbox.read.demo-link' and subject = ?")
            .param("mail:" + demoId).query(Long.class).single()).isEqualTo(1);
        assertThat(page("/staff/outbox/" + demoId, StaffLogin.staff(jdbc), 403)).doesNotContain(secret);

        String outsider = "someone-" + UUID.randomUUID() + "@example.jp";
        demoMailer.send(outsider, "identity/verify-email", Locale.JAPANESE, model);
        long outsiderId = latestMailTo(outsider, "identity/verify-email");
        assertThat(page("/staff/outbox/" + outsiderId, StaffLogin.admin(jdbc), 200)).doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from mail_outbox where id = ? and (sealed_body is not null or body like ?)")
            .params(outsiderId, "%" + secret + "%").query(Long.class).single()).as("never stored").isZero();

        // demo mode off (a real installation without SMTP): not even a demo address keeps its link
        DemoMode real = new DemoMode("false", new jp.machi.shared.db.MachiDatabaseProperties(null, null, null, null, false, 0));
        new OutboxMailer(templates, outbox, delivery, noSmtp, ward, real).send(newcomer, "identity/verify-email",
            Locale.ENGLISH, model);
        long realId = latestMailTo(newcomer, "identity/verify-email");
        assertThat(jdbc.sql("select count(*) from mail_outbox where id = ? and (sealed_body is not null or body like ?)")
            .params(realId, "%" + secret + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aSecretNeverShowsThroughToString() {
        assertThat(Secret.of("http://localhost/password/reset?token=abc").toString()).doesNotContain("abc");
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(until);
            Thread.sleep(100);
        }
    }
}
