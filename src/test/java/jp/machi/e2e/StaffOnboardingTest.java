package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import jp.machi.identity.internal.Totp;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An admin creates a staff account in a department; the new staff member sets a password from the mailed
 * invitation, enrols an authenticator app by QR code at the first sign-in and keeps recovery codes.
 */
class StaffOnboardingTest extends BrowserTest {

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    @Test
    void adminInvitesStaffWhoEnrolsTwoFactor() {
        String email = "new.staff." + System.nanoTime() + "@demo.machi.example.jp";
        signInStaff(page, "admin@demo.machi.example");
        open("/admin/staff/new");
        assertAccessible();

        // No department chosen: refused with a message, nothing created.
        page.locator("#email").fill(email);
        page.locator("#displayName").fill("新任 職員");
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.locator(".error-summary").textContent()).contains("部署を1つ以上");
        assertAccessible();

        page.locator("#dept-kocho-koho").check();
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.locator(".notice--success").textContent()).contains("招待メールを送りました");
        assertAccessible();

        MimeMessage invitation = TestMailbox.awaitMailTo(email);
        String link = TestMailbox.firstLink(TestMailbox.text(invitation))
            .replaceFirst("http://localhost(:\\d+)?", "http://localhost:" + port);

        context.close();
        context = newContext("ja", 360);
        page = context.newPage();
        page.navigate(link);
        assertAccessible();
        page.locator("#password").fill("staff passphrase 2026");
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.url()).contains("/login?reset");

        page.locator("#email").fill(email);
        page.locator("#password").fill("staff passphrase 2026");
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.url()).endsWith("/login/2fa/setup");
        assertThat(page.locator(".qr svg").count()).isEqualTo(1);
        assertAccessible();
        assertNoHorizontalOverflow(page);

        String secret = page.locator("main .code-box").first().textContent().replace(" ", "");
        page.locator("#code").fill("123456".equals(Totp.code(secret, Totp.step(Instant.now()))) ? "654321" : "123456");
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.locator(".error-summary").textContent()).contains("確認コードが違います");

        page.locator("#code").fill(Totp.code(secret, Totp.step(Instant.now())));
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.url()).endsWith("/account/recovery-codes");
        assertThat(page.locator(".codes li").count()).isEqualTo(10);
        assertAccessible();
        page.locator("main a.button").click();
        assertThat(page.url()).endsWith("/staff");
        assertThat(page.locator("h1").textContent()).contains("職員メニュー");
    }
}
