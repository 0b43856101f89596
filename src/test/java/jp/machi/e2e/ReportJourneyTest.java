package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.FilePayload;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A resident reports a broken street light from a 360-px phone without knowing the pole's number: the form starts
 * with the place, the number is optional, and 「内容を直す」 keeps the photo.
 */
class ReportJourneyTest extends BrowserTest {

    static byte[] photo() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 60, 90));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.YELLOW);
        g.fillOval(280, 80, 80, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void aStreetLightFromAPhoneWithoutThePoleNumber() throws Exception {
        context.close();
        context = newContext("ja", 360);
        page = context.newPage();
        signIn(page, "resident@demo.machi.example");
        open("/reports/new/street-light");
        // the place comes first; the pole's number is asked, not required
        assertThat(page.locator("main form fieldset legend").first().textContent()).contains("場所");
        assertThat(page.locator("label[for=attribute-pole_number]").textContent()).contains("わかれば").doesNotContain("必須");
        assertThat(page.locator("#lat-input").isVisible()).isFalse();
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "report-1-place-first-ja");

        page.locator("#district").selectOption("豊玉北");
        page.locator("#address").fill("6丁目 区役所前の交差点");
        page.locator("#attribute-lamp_state-off").check();
        page.locator("#description").fill("街路灯が夜になっても点きません。");
        page.locator("#photo-1").setInputFiles(new FilePayload("light.jpg", "image/jpeg", photo()));
        page.locator("main form button[type=submit]").last().click();
        assertThat(page.url()).endsWith("/reports/new/check");
        assertThat(page.locator("main").textContent()).contains("写真1枚");
        assertAccessible();

        // correcting keeps the photo and what was typed
        page.locator("a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("内容を直す")).click();
        assertThat(page.locator("#description").inputValue()).contains("点きません");
        assertThat(page.locator("#keep-0").isChecked()).isTrue();
        assertThat(page.locator("#district").inputValue()).isEqualTo("豊玉北");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("#keep-0").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "report-2-correcting-keeps-the-photo-ja");
        page.locator("#description").fill("街路灯が夜になっても点きません。先週からです。");
        page.locator("main form button[type=submit]").last().click();
        assertThat(page.locator("main").textContent()).contains("写真1枚").contains("先週から");
        page.locator("main form[action=\"/reports/new/check\"] button[type=submit]").click();
        assertThat(page.url()).matches(".*/reports/\\d+$");
        assertThat(page.locator("main img").count()).isPositive();
        assertAccessible();
        JourneyShots.take(page, "report-3-sent-ja");
    }

    @Test
    void aStreetLightFromAPhoneWithoutThePoleNumberInEnglish() throws Exception {
        context.close();
        context = newContext("en", 360);
        page = context.newPage();
        open("/?lang=en");
        signIn(page, "resident@demo.machi.example");
        // signing in takes the account's language (Japanese): the resident switches to English
        open("/reports/new/street-light?lang=en");
        assertThat(page.locator("main form fieldset legend").first().textContent()).contains("Place");
        assertThat(page.locator("label[for=attribute-pole_number]").textContent()).contains("if you know it");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "report-4-place-first-en");

        page.locator("#district").selectOption("豊玉北");
        page.locator("#address").fill("6-chome, the crossing in front of the ward office");
        page.locator("#attribute-lamp_state-off").check();
        page.locator("#description").fill("The street light stays off at night.");
        page.locator("#photo-1").setInputFiles(new FilePayload("light.jpg", "image/jpeg", photo()));
        page.locator("main form button[type=submit]").last().click();
        assertThat(page.url()).endsWith("/reports/new/check");
        assertThat(page.locator("main").textContent()).contains("1 photo(s)").doesNotContain("''");
        assertAccessible();
        page.locator("a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Change your answers")).click();
        assertThat(page.locator("#keep-0").isChecked()).isTrue();
        assertThat(page.locator("#description").inputValue()).contains("stays off");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("main form button[type=submit]").last().click();
        page.locator("main form[action=\"/reports/new/check\"] button[type=submit]").click();
        assertThat(page.url()).matches(".*/reports/\\d+$");
        assertThat(page.locator("main img").count()).isPositive();
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "report-5-sent-en");
    }
}
