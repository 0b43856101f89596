package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Staff at the desk take a call: the staff menu's week calendar is a grid of rooms and slots by day (at the desk and
 * on a 360-px screen), a free slot is a link, the slot page leads to the resident desk, a caller not registered yet is
 * registered there without an e-mail address, acting for them goes straight on to their booking, and once booked the
 * grid shows the booking where the free slot was, reached from the confirmation's "back to this week". At a 1024-px
 * desk the week fits the content column and the week links say where they lead. In Japanese and English, with axe.
 */
class StaffWeekGridJourneyTest extends BrowserTest {

    static final int DESK_WIDTH = 1024;
    static final int DESK_HEIGHT = 700;

    @Autowired BookableRooms rooms;

    @Test
    void staffBookAFreeSlotOfTheWeekGridForACallerInJapanese() {
        journey("ja", 14);
    }

    @Test
    void staffBookAFreeSlotOfTheWeekGridForACallerInEnglish() {
        journey("en", 28);
    }

    /** A demo hall's room with a free slot some days ahead: the grid of that week has free slots to click. */
    record Free(BookableRoom room, Availability slot) {}

    Free free(int days) {
        BookableRoom room = rooms.byFacility().values().stream().flatMap(List::stream)
            .filter(r -> r.facility().id().startsWith("nerima-")).findFirst().orElseThrow();
        var today = rooms.today();
        Availability a = rooms.availability(room, today.plusDays(days), today.plusDays(days + 30)).stream()
            .filter(x -> x.status() == Availability.Status.OPEN && x.reason() == null).findFirst().orElseThrow();
        return new Free(room, a);
    }

    void journey(String lang, int daysAhead) {
        boolean ja = lang.equals("ja");
        Free free = free(daysAhead);
        context.close();
        context = newContext(lang, DESK_WIDTH);
        page = context.newPage();
        page.setViewportSize(DESK_WIDTH, DESK_HEIGHT);
        signInStaff(page, "admin@demo.machi.example");

        // the staff menu leads to the week calendar; staff choose the facility and a day of the week
        open("/staff?lang=" + lang);
        page.locator("main a[href='/staff/reservations']").first().click();
        page.locator("#facility").selectOption(free.room().facility().id());
        page.locator("#date").fill(free.slot().date().toString());
        page.locator("main form[action='/staff/reservations'] button[type=submit]").click();

        // a grid: a column for the rooms and slots, one for each day; the free slot is a link
        var grid = page.locator("table.staff-grid");
        assertThat(grid.locator("thead th[scope=col]").count()).isEqualTo(8);
        assertThat(grid.locator("caption").textContent()).contains(ja ? "室場・コマ × 日" : "room and slot × day");
        assertThat(grid.locator("tbody th[scope=row]").count()).isPositive();
        // the first slot of the week that can be booked online (空き as a link)
        String cellLink = page.locator("table.staff-grid td.staff-grid-cell--open a").first().getAttribute("href");
        assertThat(cellLink).startsWith("/staff/reservations/book?room=");
        var cell = page.locator("a[href='" + cellLink + "']");
        assertThat(cell.count()).isEqualTo(1);
        assertThat(cell.textContent()).contains(ja ? "空き" : "Free").contains(ja ? "電話・窓口の方のために予約する" : "for a caller");
        assertThat(page.locator("main").textContent()).doesNotContain("''");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        // at a 1024-px desk the whole week fits the content column: no scrolling box, nothing wider than main
        assertThat(((Number) page.evaluate("() => { const w = document.querySelector('.staff-week');"
            + " return w.scrollWidth - w.clientWidth; }")).intValue()).isLessThanOrEqualTo(0);
        assertThat(((Number) page.evaluate("() => document.querySelector('table.staff-grid').getBoundingClientRect().right"
            + " - document.querySelector('main').getBoundingClientRect().right")).doubleValue()).isLessThanOrEqualTo(0);
        cell.scrollIntoViewIfNeeded();
        JourneyShots.take(page, "staff-week-1-grid-at-the-desk-" + lang);

        // the week navigation: buttons that say which week they lead to, and a way back to this week
        var nav = page.locator("nav.week-nav");
        var nextWeek = nav.locator("a[rel=next]");
        var previousWeek = nav.locator("a[rel=prev]");
        assertThat(nextWeek.textContent()).contains(ja ? "次の週（" : "Next week (");
        assertThat(previousWeek.textContent()).contains(ja ? "前の週（" : "Previous week (");
        assertThat(nextWeek.boundingBox().height).isGreaterThanOrEqualTo(44);
        assertThat(previousWeek.boundingBox().height).isGreaterThanOrEqualTo(44);
        assertThat(nav.locator("a.week-nav__this").textContent()).contains(ja ? "今週" : "this week");
        String caption = grid.locator("caption").textContent();
        nextWeek.click();
        assertThat(page.locator("table.staff-grid caption").textContent()).isNotEqualTo(caption);
        page.locator("nav.week-nav a[rel=prev]").click();
        assertThat(page.locator("table.staff-grid caption").textContent()).isEqualTo(caption);
        assertThat(page.locator("a[href='" + cellLink + "']").count()).isEqualTo(1);

        // on a 360-px screen the grid scrolls in its own region; the page itself does not
        page.setViewportSize(360, 740);
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator(".staff-week").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "staff-week-2-grid-on-a-phone-" + lang);
        page.setViewportSize(DESK_WIDTH, DESK_HEIGHT);

        // the free slot: what it is, and the way on — find the caller
        cell.click();
        assertThat(page.locator("h1").textContent()).contains(ja ? "電話・窓口の方の予約" : "Booking for a caller");
        assertThat(page.locator("main dl").textContent()).contains(free.room().facility().name().in(java.util.Locale.forLanguageTag(lang)));
        assertAccessible();
        JourneyShots.take(page, "staff-week-3-free-slot-" + lang);
        page.locator("main a[href^='/staff/residents?next=']").first().click();

        // the caller is not registered yet: registered at the desk without an e-mail address, the booking kept
        assertThat(page.locator("main").textContent()).contains(ja ? "施設予約の途中です" : "in the middle of a booking");
        page.locator("main a[href^='/staff/residents/new?next=']").click();
        assertThat(page.locator("main").textContent()).contains(ja ? "予約の途中です" : "in the middle of a booking");
        String unique = Long.toString(System.nanoTime() % 100000);
        String name = (ja ? "電話 ヨヤク" : "Denwa Yoyaku ") + unique;
        page.locator("#displayName").fill(name);
        page.locator("#nameKana").fill("デンワ ヨヤク");
        page.locator("#district").selectOption("豊玉北");
        page.locator("#phone").fill("03-3993-" + String.format("%04d", Long.parseLong(unique) % 10000));
        page.locator("#language").selectOption(lang);
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator("main").textContent()).contains(ja ? "登録しました" : "Registered").contains(name);
        assertAccessible();

        // acting for the caller goes on to their booking (first, once, whether they live in the ward)
        page.locator("main form[action$='/proxy'] button[type=submit]").click();
        assertThat(page.url()).contains("/account/bookings/registration");
        page.locator("label[for=residency-RESIDENT]").click();
        page.locator("main form[action='/account/bookings/registration'] button[type=submit]").click();
        assertThat(page.url()).contains("/account/bookings/new");
        assertThat(page.locator(".proxy-banner").textContent()).contains(name);
        page.locator("label[for=commercial-no]").click();
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.url()).endsWith("/checkout");
        page.locator("label[for=reduction-none]").click();
        page.locator("main form.form button[type=submit]").click();
        assertThat(page.locator("h1").textContent()).contains(ja ? "予約が確定しました" : "Your booking is confirmed");
        assertAccessible();
        JourneyShots.take(page, "staff-week-4-booked-for-the-caller-" + lang);
        String booking = page.url().replaceAll("^https?://[^/]+/account/bookings/(\\d+).*$", "$1");
        assertThat(booking).matches("\\d+");
        // the confirmation offers the way back to the same week, ending the acting for the caller
        var back = page.locator("section.booked-for-caller");
        assertThat(back.textContent()).contains(ja ? "この週の予約表に戻る" : "go back to this week");
        back.locator("button[type=submit]").click();

        // back at the week: the booking is where the free slot was
        assertThat(page.url()).contains("/staff/reservations?facility=" + free.room().facility().id())
            .contains("date=" + free.slot().date());
        assertThat(page.locator(".proxy-banner").count()).isZero();
        assertThat(page.locator("a[href='" + cellLink + "']").count()).isZero();
        var booked = page.locator("table.staff-grid a[href='/staff/reservations/bookings/" + booking + "']");
        assertThat(booked.count()).isEqualTo(1);
        assertThat(page.locator("td:has(a[href='/staff/reservations/bookings/" + booking + "'])").textContent())
            .contains(ja ? "予約済" : "Booked");
        assertAccessible();
        booked.scrollIntoViewIfNeeded();
        JourneyShots.take(page, "staff-week-5-booking-in-the-grid-" + lang);
        booked.click();
        assertThat(page.locator("main").textContent()).contains(name);
    }
}
