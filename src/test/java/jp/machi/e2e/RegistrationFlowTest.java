package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import jakarta.mail.internet.MimeMessage;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A newcomer registers, confirms by mail (real SMTP into GreenMail) and signs in — in Japanese and English. */
class RegistrationFlowTest extends BrowserTest {

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    @Test
    void registerVerifyByMailAndSignInInJapanese() throws Exception {
        String email = "hanako." + System.nanoTime() + "@example.jp";
        open("/");
        assertAccessible();
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
            new com.microsoft.playwright.Page.GetByRoleOptions().setName("利用者登録").setExact(true)).first().click();
        assertThat(page.locator("h1").textContent()).contains("利用者登録");
        assertAccessible();

        // Bad input first: the error summary lists each problem and links to the field; nothing is created.
        page.locator("#email").fill("not-an-address");
        page.locator("#password").fill("short");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent())
            .contains("メールアドレスの形式が正しくありません").contains("10文字以上").contains("氏名を入力してください");
        assertThat(page.locator(".error-summary a[href='#email']").count()).isEqualTo(1);
        assertAccessible();

        page.locator("#email").fill(email);
        page.locator("#password").fill("correct horse battery staple");
        page.locator("#displayName").fill("練馬 花子");
        page.locator("#nameKana").fill("ネリマ ハナコ");
        page.locator("#district").selectOption("豊玉北");
        page.locator("main form button[type=submit]").click();
        assertThat(page.url()).endsWith("/register/sent");
        assertAccessible();

        // Not yet verified: sign-in is refused with a clear message.
        signInWith(email, "correct horse battery staple");
        assertThat(page.locator(".error-summary").textContent()).contains("メールアドレスの確認が済んでいません");

        MimeMessage mail = TestMailbox.awaitMailTo(email);
        assertThat(mail.getSubject()).contains("メールアドレスの確認");
        String link = TestMailbox.firstLink(TestMailbox.text(mail));
        assertThat(link).contains("/verify?token=");
        Response verified = page.navigate(link.replaceFirst("http://localhost(:\\d+)?", "http://localhost:" + port));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(page.locator("h1").textContent()).contains("確認しました");
        assertAccessible();

        // The link works once.
        Response again = page.navigate(link.replaceFirst("http://localhost(:\\d+)?", "http://localhost:" + port));
        assertThat(again.status()).isEqualTo(400);

        signInWith(email, "correct horse battery staple");
        assertThat(page.url()).endsWith("/account");
        assertThat(page.locator("main").textContent()).contains("練馬 花子").contains("豊玉北");
        assertAccessible();
        assertThat(page.locator("header").textContent()).contains("練馬 花子");
    }

    @Test
    void registerInEnglishGetsEnglishMail() {
        context.close();
        context = newContext("en", 360);
        page = context.newPage();
        String email = "alex." + System.nanoTime() + "@example.com";
        open("/register?lang=en");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("#email").fill(email);
        page.locator("#password").fill("a long enough passphrase");
        page.locator("#displayName").fill("Alex Smith");
        page.locator("#language").selectOption("en");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator("h1").textContent()).isEqualTo("Check your e-mail");
        MimeMessage mail = TestMailbox.awaitMailTo(email);
        assertThat(subject(mail)).contains("Confirm your e-mail address");
    }

    @Test
    void registeringAnExistingAddressRevealsNothingAndWarnsTheOwner() {
        open("/register");
        page.locator("#email").fill("resident@demo.machi.example");
        page.locator("#password").fill("another passphrase here");
        page.locator("#displayName").fill("なりすまし");
        page.locator("main form button[type=submit]").click();
        assertThat(page.url()).endsWith("/register/sent");
        // the demo resident also gets other mail (the demo lottery's results): wait for this one
        MimeMessage mail = TestMailbox.awaitMailContaining("resident@demo.machi.example", TestMailbox.DEFAULT_TIMEOUT,
            "すでにアカウントがあります");
        assertThat(subject(mail)).contains("すでに登録されています");
    }

    private void signInWith(String email, String password) {
        open("/login");
        page.locator("#email").fill(email);
        page.locator("#password").fill(password);
        page.locator("main form button[type=submit]").click();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
