package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Staff at the desk take a call: the facility's week is a grid of rooms and slots × days; a free slot starts a booking
 * for the caller, who is found at the resident desk, and the booking is made acting for them. On a 360-px screen, in
 * English, the grid scrolls inside its box and the same link works.
 */
class StaffCalendarJourneyTest extends BrowserTest {

    static final String ADMIN = "admin@demo.machi.example";

    String weekAhead() {
        // two weeks ahead: bookable online, before the year-end closing and the demo lottery's month
        return LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(14).toString();
    }

    /** The week of the first facility the chooser offers (a demo hall), two weeks ahead. */
    void showWeek(String lang) {
        page.waitForURL(java.util.regex.Pattern.compile("^(?!.*/login).*$"));
        open("/staff/reservations?" + lang.replace("&", ""));
        String facility = page.locator("#facility option").first().getAttribute("value");
        open("/staff/reservations?facility=" + facility + "&date=" + weekAhead() + lang);
        page.locator("table.staff-grid caption").waitFor();
    }

    @Test
    void aFreeSlotInTheWeekGridBooksForACallerAtTheDesk() {
        signInStaff(page, ADMIN);
        showWeek("");
        assertThat(page.locator("table.staff-grid thead th[scope=col]").count()).isEqualTo(8);
        assertThat(page.locator("table.staff-grid caption").textContent()).contains("室場・コマ × 日");
        assertAccessible();
        JourneyShots.take(page, "staff-calendar-1-week-grid-ja");
        String week = page.url();

        // a free slot: the slot page, then the desk to find the caller
        var free = page.locator("td.staff-grid-cell--open a").first();
        String slotHref = free.getAttribute("href");
        free.click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/staff/reservations/book\\?.*"));
        assertThat(page.locator("h1").textContent()).contains("電話・窓口の方の予約");
        assertAccessible();
        JourneyShots.take(page, "staff-calendar-2-slot-for-a-caller-ja");
        page.locator("main a[href^='/staff/residents?next=']").first().click();
        assertThat(page.locator("main").textContent()).contains("施設予約の途中です");
        page.locator("#q").fill("ネリマハナコ");
        page.locator("main form[role=search] button[type=submit]").click();
        page.locator("table a", new Page.LocatorOptions().setHasText("練馬 花子")).first().click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("この区民の代理入力を始める")).click();

        // acting for the caller, straight on the booking form of that slot
        page.waitForURL(java.util.regex.Pattern.compile(".*/account/bookings/new\\?.*"));
        assertThat(page.locator("main").textContent()).contains("練馬 花子");
        assertAccessible();
        JourneyShots.take(page, "staff-calendar-3-booking-for-the-caller-ja");
        page.locator("main form[action='/account/bookings/new'] button[type=submit]").first().click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/account/bookings/\\d+.*"));
        page.locator(".proxy-banner button").first().click();

        // back at the week, the slot is no longer offered as free
        page.navigate(week);
        assertThat(page.locator("a[href='" + slotHref + "']").count()).isZero();
    }

    @Test
    void theWeekGridOnAPhoneInEnglish() {
        context.close();
        context = newContext("en", 360);
        page = context.newPage();
        signInStaff(page, ADMIN);
        showWeek("&lang=en");
        assertThat(page.locator("table.staff-grid caption").textContent()).contains("room and slot × day");
        assertThat(page.locator("main").textContent()).doesNotContain("''");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "staff-calendar-4-week-grid-phone-en");
        page.locator("td.staff-grid-cell--open a").first().click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/staff/reservations/book\\?.*"));
        assertThat(page.locator("h1").textContent()).contains("Booking for a caller");
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }
}
