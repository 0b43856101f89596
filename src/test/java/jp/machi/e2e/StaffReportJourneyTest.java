package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.BoundingBox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.ReportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Staff at work on a report: from the page back to the queue, the place on a map, a colleague chosen from a list,
 * a refusal without a reason shown on the form, and a face blacked out by drawing a box on the photo (the numbers
 * stay the keyboard way).
 */
class StaffReportJourneyTest extends BrowserTest {

    @Autowired ReportService reports;
    @Autowired PhotoProcessor photos;

    long report() throws Exception {
        return reports.submit(new NewReport("road", Map.of(), "歩道の段差で転びそうになりました " + UUID.randomUUID(),
            35.7356, 139.6516, "豊玉北6丁目", List.of(photos.process(ReportJourneyTest.photo())),
            "staff-journey-" + UUID.randomUUID() + "@example.com", "ja", false, null, null, null), true);
    }

    @Test
    void staffRedactByDrawingAssignFromAListAndSeeTheirMistakesOnTheForm() throws Exception {
        long id = report();
        signInStaff(page, "admin@demo.machi.example");
        // the queue is on the staff menu
        open("/staff");
        page.locator("main a[href='/staff/reports']").first().click();
        assertThat(page.url()).endsWith("/staff/reports");
        open("/staff/reports/" + id);
        assertThat(page.locator("main a[href='/staff/reports']").count()).isEqualTo(1);
        page.waitForSelector("#report-point-map.facility-map--ready");
        assertAccessible();
        JourneyShots.take(page, "staff-report-1-map-and-way-back-ja");

        // a colleague from the list
        page.locator("#assignee").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
        page.locator("#assignee").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "staff-report-2-assign-from-a-list-ja");
        page.locator("form[action$='/assign'] button[type=submit]").click();
        assertThat(page.locator("main [role=status]").first().textContent()).isNotBlank();
        assertThat(page.locator("#assignee").inputValue()).isNotEmpty();

        // 対応不可 without a reason: the error is on the form, what was typed is still there
        page.locator("#status").selectOption("NOT_ACTIONABLE");
        page.locator("#status-text").fill("下書きのお知らせ");
        page.locator("form[action$='/status'] button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent()).contains("理由");
        assertThat(page.locator("#status-text").inputValue()).isEqualTo("下書きのお知らせ");
        assertThat(page.locator("#status").inputValue()).isEqualTo("NOT_ACTIONABLE");
        assertAccessible();
        page.locator(".error-summary").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "staff-report-3-reason-missing-on-the-form-ja");

        // redaction by drawing: a drag over the photo fills in the numbers
        var photo = page.locator("img.report-redact-photo").first();
        photo.scrollIntoViewIfNeeded();
        BoundingBox box = photo.boundingBox();
        page.mouse().move(box.x + box.width * 0.25, box.y + box.height * 0.25);
        page.mouse().down();
        page.mouse().move(box.x + box.width * 0.6, box.y + box.height * 0.5, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        assertThat(Integer.parseInt(page.locator("#x-1").inputValue())).isBetween(100, 220);
        assertThat(Integer.parseInt(page.locator("#w-1").inputValue())).isPositive();
        assertThat(Integer.parseInt(page.locator("#h-1").inputValue())).isPositive();
        assertThat(page.locator(".redact-status").first().textContent()).contains("範囲を指定しました");
        assertThat(page.locator(".redact-box").first().isVisible()).isTrue();
        assertAccessible();
        JourneyShots.take(page, "staff-report-4-redact-by-drawing-ja");
        page.locator("form[action$='/photos/1/redact'] button[type=submit]").click();
        assertThat(page.locator("main").textContent()).contains("黒く塗りました");

        // the keyboard way: typing the numbers shows the box on the photo
        page.locator("#x-1").fill("10");
        page.locator("#y-1").fill("10");
        page.locator("#w-1").fill("100");
        page.locator("#h-1").fill("80");
        assertThat(page.locator(".redact-box").first().isVisible()).isTrue();

        // in English on a phone
        context.close();
        context = newContext("en", 360);
        page = context.newPage();
        signInStaff(page, "admin@demo.machi.example");
        // staff see pages in their own language (the demo admin's is Japanese) until they choose another
        open("/staff/reports/" + id + "?lang=en");
        assertThat(page.locator("main").textContent()).contains("Back to the report queue").contains("Choose who handles it");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "staff-report-5-on-a-phone-en");
    }
}
