package jp.machi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's own pages as they are walked: sign-up says one thing per problem, a sign-in before confirming keeps the
 * address and offers the mail again, mails are signed by the ward, help pages give the ward's phone and hours.
 */
@MachiTest
class IdentityJourneyTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    static int count(String html, String text) {
        return html.split(Pattern.quote(text), -1).length - 1;
    }

    static String errorSummary(String html) {
        Matcher m = Pattern.compile("(?s)<div class=\"error-summary\".*?</ul>").matcher(html);
        return m.find() ? m.group() : "";
    }

    @Test
    void theEmptySignUpFormSaysOneThingPerField() throws Exception {
        WebSession web = new WebSession(port);
        HttpResponse<String> r = web.post("/register", "/register",
            Map.of("email", "", "password", "", "displayName", "", "nameKana", "", "district", "", "language", "ja"));
        assertThat(r.statusCode()).isEqualTo(422);
        String summary = errorSummary(r.body());
        assertThat(count(summary, "<li>")).isEqualTo(3);
        assertThat(summary).contains("メールアドレスを入力してください").contains("パスワードを入力してください")
            .contains("氏名を入力してください").doesNotContain("メールアドレスと同じパスワード").doesNotContain("10文字以上");

        // the password that is the address: that one message, on the password
        r = web.post("/register", "/register", Map.of("email", "same@example.jp", "password", "same@example.jp",
            "displayName", "同じ", "nameKana", "", "district", "", "language", "ja"));
        summary = errorSummary(r.body());
        assertThat(count(summary, "<li>")).isEqualTo(1);
        assertThat(summary).contains("href=\"#password\"").contains("メールアドレスと同じパスワードは使えません");
    }

    @Test
    void signingInBeforeConfirmingKeepsTheAddressAndSendsTheMailAgainSignedByTheWard() throws Exception {
        WebSession web = new WebSession(port);
        String email = "again." + System.nanoTime() + "@example.jp";
        web.post("/register", "/register", Map.of("email", email, "password", "correct horse battery", "displayName",
            "再送 太郎", "nameKana", "サイソウ タロウ", "district", "", "language", "ja"));
        MimeMessage first = TestMailbox.awaitMailTo(email);
        assertThat(first.getSubject()).isEqualTo("【練馬区】メールアドレスの確認").doesNotContain("Machi");
        assertThat(TestMailbox.text(first)).contains("練馬区 デジタル区役所").contains("03-5555-0100");

        assertThat(web.signIn(email, "correct horse battery")).endsWith("/login?unverified");
        String login = web.get("/login?unverified").body();
        assertThat(login).contains("value=\"" + email + "\"").contains("確認メールをもう一度送る")
            .contains("action=\"/register/resend\"");
        // the address is offered once, not kept for the next visitor of the page
        assertThat(web.get("/login").body()).doesNotContain(email);

        // sooner than a minute after the first mail nothing more is sent; the answer is the same
        HttpResponse<String> again = web.post("/login?unverified", "/register/resend", Map.of("email", email));
        assertThat(again.headers().firstValue("Location").orElse("")).endsWith("/register/sent?again");
        Thread.sleep(2000);
        assertThat(TestMailbox.mailsTo(email)).hasSize(1);
        jdbc.sql("update account_token set created_at = created_at - interval '2 minutes' where account_id = "
            + "(select id from account where email = ?)").param(email).update();
        web.post("/register/resend", "/register/resend", Map.of("email", email));
        var mails = TestMailbox.awaitMailsTo(email, 2, Duration.ofSeconds(20));
        String link = TestMailbox.firstLink(TestMailbox.text(mails.get(1)));
        assertThat(web.get(link.replaceFirst("http://localhost(:\\d+)?", "")).statusCode()).isEqualTo(200);
        assertThat(web.signIn(email, "correct horse battery")).endsWith("/account");
        // an unknown address gets the same answer and no mail
        HttpResponse<String> unknown = new WebSession(port).post("/register/resend", "/register/resend",
            Map.of("email", "nobody." + System.nanoTime() + "@example.jp"));
        assertThat(unknown.headers().firstValue("Location").orElse("")).endsWith("/register/sent?again");
    }

    @Test
    void theHomeAndAccessibilityPagesGiveTheWardsPhoneAndHours() throws Exception {
        WebSession web = new WebSession(port);
        for (String path : new String[] {"/", "/accessibility", "/?lang=en", "/accessibility?lang=en"}) {
            String html = web.get(path).body();
            assertThat(html).as(path).contains("tel:03-5555-0100");
        }
        assertThat(web.get("/?lang=ja").body()).contains("月曜日〜金曜日 8時30分〜17時15分");
        assertThat(web.get("/accessibility?lang=en").body()).contains("Monday to Friday");
    }
}
