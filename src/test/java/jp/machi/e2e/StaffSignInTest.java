package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;

/** Staff sign in with password and TOTP; residents are refused staff pages. */
class StaffSignInTest extends BrowserTest {

    @Test
    void staffSignInNeedsTheSecondFactor() {
        signIn(page, "staff@demo.machi.example");
        assertThat(page.url()).endsWith("/login/2fa");
        assertAccessible();

        // Between the two factors, staff pages are not reachable.
        open("/staff/residents");
        assertThat(page.url()).endsWith("/login/2fa");

        // A wrong code is refused with a message.
        page.locator("#code").fill("000000");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent()).contains("確認コードが違います");
        assertAccessible();

        page.locator("#code").fill(nextCode("staff@demo.machi.example"));
        page.locator("main form button[type=submit]").click();
        assertThat(page.url()).contains("/staff/residents");
        assertAccessible();

        page.locator("#q").fill("練馬");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator("table").textContent()).contains("練馬 花子");
        assertAccessible();
        page.locator("table a").first().click();
        assertThat(page.locator("h1").textContent()).contains("練馬 花子");
        assertAccessible();

        // Acting for the resident: the banner says so, and the profile change is recorded on their behalf.
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
            new com.microsoft.playwright.Page.GetByRoleOptions().setName("この区民の代理入力を始める")).click();
        assertThat(page.url()).endsWith("/account");
        assertThat(page.locator(".proxy-banner").textContent()).contains("練馬 花子");
        assertAccessible();
        open("/account/profile");
        page.locator("#contactEmail").fill("hanako.contact@example.jp");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".notice--success").textContent()).contains("保存しました");

        // At the counter: the document seen for the booker registration is recorded (sent first without a choice).
        open("/account/bookings/registration");
        assertAccessible();
        page.locator("section[aria-labelledby=evidence-title] button[type=submit]").click();
        assertThat(page.locator("section[aria-labelledby=evidence-title] .error-summary").textContent()).contains("確認した書類を選んでください");
        assertAccessible();
        page.locator("#evidence-kind").selectOption("my-number-card");
        page.locator("section[aria-labelledby=evidence-title] button[type=submit]").click();
        assertThat(page.locator(".notice--success").textContent()).contains("記録しました");
        assertThat(page.locator("main").textContent()).contains("窓口で書類を確認済みです");
        assertAccessible();
        page.locator(".proxy-banner button").click();
        assertThat(page.locator(".proxy-banner").count()).isZero();
    }

    @Test
    void residentIsRefusedOnStaffPages() {
        signIn(page, "resident@demo.machi.example");
        assertThat(page.url()).endsWith("/account");
        for (String path : new String[] {"/staff", "/admin/staff", "/audit", "/staff/outbox"}) {
            Response r = open(path);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(page.locator("h1").textContent()).contains("権限がありません");
        }
        assertAccessible();
    }

    @Test
    void anonymousVisitorIsSentToSignIn() {
        open("/staff");
        assertThat(page.url()).endsWith("/login");
        com.microsoft.playwright.APIResponse api = page.request().get("http://localhost:" + port + "/api/v1/me");
        assertThat(api.status()).isEqualTo(401);
    }
}
