package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.internet.MimeMessage;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counter, on a 360-px screen: staff sign in (nothing but the code page between the two factors), find a
 * resident however the name is typed, register a resident who has no e-mail address, act for them from a My Page
 * that says what can be done, and give them a claim code; the resident later takes the account over, in English.
 */
class CounterJourneyTest extends BrowserTest {

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    @Test
    void theCounterRegistersAResidentWithoutEmailAndActsForThem() throws Exception {
        context.close();
        context = newContext("ja", 360);
        page = context.newPage();

        signIn(page, "staff@demo.machi.example");
        assertThat(page.url()).endsWith("/login/2fa");
        String header = page.locator("header").textContent();
        assertThat(header).doesNotContain("職員メニュー").doesNotContain("ログアウト").doesNotContain("マイページ");
        assertThat(page.locator("main").textContent()).contains("ログインをやめる");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "counter-1-second-factor-ja");
        page.locator("#code").fill(nextCode("staff@demo.machi.example"));
        page.locator("main form button[type=submit]").first().click();

        open("/staff/residents");
        page.locator("#q").fill("ネリマハナコ");
        page.locator("main form[role=search] button[type=submit]").click();
        assertThat(page.locator("table").textContent()).contains("練馬 花子");
        assertAccessible();
        assertNoHorizontalOverflow(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("メールアドレスのない区民を登録する")).click();
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent()).contains("氏名を入力してください").contains("フリガナを入力してください");
        assertAccessible();
        String unique = Long.toString(System.nanoTime() % 100000);
        page.locator("#displayName").fill("窓口 ハナ" + unique);
        page.locator("#nameKana").fill("マドグチ ハナ");
        page.locator("#district").selectOption("豊玉北");
        page.locator("#phone").fill("03-3993-0000");
        JourneyShots.take(page, "counter-2-register-without-email-ja");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator("main").textContent()).contains("登録しました").contains("なし（窓口で登録）");
        assertAccessible();
        assertNoHorizontalOverflow(page);

        // found again by the way staff hear the name on the phone
        open("/staff/residents?q=" + java.net.URLEncoder.encode("まどぐち はな", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.locator("table").textContent()).contains("窓口 ハナ" + unique);
        page.locator("table a", new Page.LocatorOptions().setHasText("窓口 ハナ" + unique)).click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("この区民の代理入力を始める")).click();
        String landing = page.locator("main").textContent();
        assertThat(landing).contains("代理入力中です").contains("03-3993-0000").contains("メールアドレスがありません")
            .contains("できること");
        assertThat(page.locator(".proxy-landing a[href='/reservations']").count()).isEqualTo(1);
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "counter-3-acting-for-the-resident-ja");
        page.locator(".proxy-banner button").click();

        // the claim code for the resident, shown once
        open("/staff/residents?q=" + java.net.URLEncoder.encode("窓口ハナ" + unique, java.nio.charset.StandardCharsets.UTF_8));
        page.locator("table a").first().click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("引き継ぎコードを発行する")).click();
        String code = page.locator(".claim-code .code-box").textContent().strip();
        assertThat(code).matches("[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}");
        assertAccessible();
        JourneyShots.take(page, "counter-4-claim-code-ja");

        // later, the resident takes the account over on their own phone, in English
        BrowserContext own = newContext("en", 360);
        Page phone = own.newPage();
        phone.navigate("http://localhost:" + port + "/claim?lang=en");
        String email = "hana." + unique + "." + System.nanoTime() + "@example.jp";
        phone.locator("#code").fill(code);
        phone.locator("#email").fill(email);
        phone.locator("#password").fill("a password of my own");
        assertAccessible(phone);
        assertNoHorizontalOverflow(phone);
        JourneyShots.take(phone, "counter-5-claim-the-account-en");
        phone.locator("main form button[type=submit]").click();
        assertThat(phone.url()).endsWith("/register/sent");
        MimeMessage mail = TestMailbox.awaitMailTo(email);
        assertThat(mail.getSubject()).contains("Nerima City");
        String link = TestMailbox.firstLink(TestMailbox.text(mail));
        phone.navigate(link.replaceFirst("http://localhost(:\\d+)?", "http://localhost:" + port));
        phone.navigate("http://localhost:" + port + "/login");
        phone.locator("#email").fill(email);
        phone.locator("#password").fill("a password of my own");
        phone.locator("main form button[type=submit]").first().click();
        assertThat(phone.url()).endsWith("/account");
        assertThat(phone.locator("main").textContent()).contains("窓口 ハナ" + unique);
        own.close();
    }
}
