package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The money pages in a real browser at 360 px, with axe: the checkout hold (commercial use, a reduction request),
 * the booking with its fee rule, the calendar feed; then staff approve the reduction and open the rules with a
 * nonsense value.
 */
class ReservationMoneyBrowserTest extends BrowserTest {

    @Test
    void aResidentChecksOutAndStaffApproveTheReductionAndEditRules() {
        context.close();
        context = newContext("ja", 360);
        page = context.newPage();
        signIn(page, "resident@demo.machi.example");
        open("/reservations");
        page.locator("main a[href*='/reservations/rooms/']").first().click();
        page.locator("main a[href*='start=']").last().click();
        page.locator("main a[href*='/account/bookings/new']").first().click();
        assertThat(page.locator("h1").textContent()).contains("予約内容の確認");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("label[for=commercial-yes]").click();
        page.locator("main form button[type=submit]").click();
        assertThat(page.url()).endsWith("/checkout");
        assertThat(page.locator("main").textContent()).contains("営利目的の料金").contains("仮押さえしています");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("label[for=reduction-neighbourhood]").click();
        page.locator("main form.form button[type=submit]").click();
        assertThat(page.locator("h1").textContent()).contains("予約が確定しました");
        assertThat(page.locator("main").textContent()).contains("審査中").contains("お支払い期限");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        String bookingUrl = page.url().replaceAll("\\?.*", "");
        String id = bookingUrl.replaceAll(".*/", "");
        open("/account/bookings?lang=en");
        page.locator("#calendar-feed button[type=submit]").click();
        assertThat(page.locator("#feed-url").inputValue()).contains("/calendar/").endsWith(".ics");
        assertAccessible();
        assertNoHorizontalOverflow(page);

        context.close();
        context = newContext("ja", 360);
        page = context.newPage();
        signInStaff(page, "admin@demo.machi.example");
        open("/staff/reservations");
        page.locator("main a[href='/staff/reservations/reductions']").click();
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("main a[href='/staff/reservations/bookings/" + id + "']").click();
        assertThat(page.locator("main").textContent()).contains("減免を承認する");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("main form:has(input[value=approve]) button").click();
        assertThat(page.locator("main").textContent()).contains("減免を承認し").contains("承認済");
        open("/staff/reservations/rules?lang=en");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("main table a").first().click();
        page.locator("#feeResident").fill("-1");
        page.locator("main form.form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent()).contains("Enter a whole number from 0 to 1,000,000");
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }
}
