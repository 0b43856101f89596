package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.Geolocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resident on a 360-px phone opens the booking list from the home page: facilities in 50音順, one compact row each,
 * a name search that takes the reading in kana or romaji, and from a facility its rooms and its own page (address,
 * access, hours).
 */
class BookingListJourneyTest extends BrowserTest {

    void phone(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
    }

    List<String> facilityNames() {
        return page.locator(".facility-row__name").allTextContents().stream().map(String::strip).toList();
    }

    int pageHeight() {
        return ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
    }

    @Test
    void findingAHallByItsReadingOnAPhoneInJapanese() {
        phone("ja");
        open("/");
        page.locator("main a[href='/reservations']").first().click();
        assertThat(page.url()).endsWith("/reservations");
        List<String> all = facilityNames();
        assertThat(all).hasSizeGreaterThan(10);
        // compact: one row per facility, no room expanded into slots and fees (it was about 19,500 px)
        int height = pageHeight();
        System.out.println("Booking list at 360 px, ja: " + all.size() + " facilities, " + height + " px tall");
        assertThat(height).isLessThan(all.size() * 150 + 1500);
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "booking-list-1-list-ja");

        // the detailed filters are folded; opened with the keyboard they pass axe too
        page.locator(".room-finder__more > summary").focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#date").isVisible()).isTrue();
        assertAccessible();

        page.getByLabel("施設の名前で探す").fill("くみんかん");
        page.getByLabel("施設の名前で探す").press("Enter");
        List<String> halls = facilityNames();
        assertThat(halls).isNotEmpty().hasSizeLessThan(all.size()).allMatch(n -> n.contains("区民館") || n.contains("区民センター"));
        // the same order as the whole list (50音順)
        assertThat(halls).isEqualTo(all.stream().filter(halls::contains).toList());
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "booking-list-2-search-by-reading-ja");

        // a facility's rooms, and from there the facility's own page
        String first = halls.get(0);
        page.locator(".facility-row__name a").first().click();
        assertThat(page.url()).contains("/reservations/facilities/");
        assertThat(page.locator("h1").textContent()).contains(first);
        page.locator("main a.facility-about-line, main .facility-about-line a").first().click();
        assertThat(page.url()).matches(".*/facilities/[^/?]+$");
        assertThat(page.locator("h1").textContent()).contains(first);
    }

    @Test
    void findingAHallByRomajiOnAPhoneInEnglish() {
        phone("en");
        open("/reservations?lang=en");
        assertThat(page.locator("#q-hint").textContent()).contains("romaji");
        page.getByLabel("Search by facility name").fill("kuminkan");
        page.locator("form.room-finder .room-finder__name button[type=submit]").click();
        assertThat(facilityNames()).isNotEmpty();
        String text = page.locator("main").textContent();
        assertThat(text).contains("Japanese syllabary order").contains("About the facility").doesNotContain("''");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "booking-list-3-search-by-romaji-en");
        // a room of the first facility: its availability page links to the facility's page too
        page.locator(".facility-row__units a").first().click();
        assertThat(page.url()).contains("/reservations/rooms/");
        assertThat(page.locator("main .facility-about-line a").textContent()).contains("(address, access, hours)");
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }

    List<Double> distances() {
        return page.locator(".facility-row__distance").allTextContents().stream()
            .map(t -> Double.parseDouble(t.replaceAll("[^0-9.]", ""))).toList();
    }

    @Test
    void nearMeByTownWithoutJavaScriptOnAPhone() {
        context.close();
        context = Browsers.browser().newContext(new Browser.NewContextOptions().setLocale("ja").setViewportSize(360, 800)
            .setJavaScriptEnabled(false).setBaseURL("http://localhost:" + port));
        page = context.newPage();
        open("/reservations");
        // without JavaScript the position button stays hidden; the town list does the job
        assertThat(page.locator(".room-finder__locate").isVisible()).isFalse();
        page.locator("#near").selectOption("豊玉北");
        page.locator(".room-finder__near button[type=submit]").click();
        assertThat(page.url()).contains("near=");
        assertThat(page.locator("#results-title + p").textContent()).contains("豊玉北から近い順");
        List<Double> km = distances();
        assertThat(km).hasSizeGreaterThan(2).isSorted();
        assertThat(page.locator(".facility-row__distance").first().textContent()).startsWith("約").endsWith("km");
        String sorted = page.url();
        // back to 50音順
        page.getByText("50音順に戻す").click();
        assertThat(page.locator(".facility-row__distance").count()).isZero();
        // axe and the width need the page's JavaScript (axe runs in the page): the same page in a normal phone browser
        context.close();
        context = newContext("ja", 360);
        page = context.newPage();
        page.navigate(sorted);
        assertThat(distances()).hasSizeGreaterThan(2).isSorted();
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("#near").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "booking-list-4-near-a-town-ja");
    }

    @Test
    void nearMeByThePhonesPositionInEnglish() {
        context.close();
        // a phone standing near the ward office (豊玉北), which lets the page read its position
        context = Browsers.browser().newContext(new Browser.NewContextOptions().setLocale("en").setViewportSize(360, 800)
            .setGeolocation(new Geolocation(35.7356, 139.6516)).setPermissions(List.of("geolocation"))
            .setBaseURL("http://localhost:" + port));
        page = context.newPage();
        open("/reservations?lang=en");
        var locate = page.locator(".room-finder__locate");
        assertThat(locate.isVisible()).isTrue();
        assertThat(locate.textContent()).isEqualTo("Sort by distance from where I am");
        page.waitForNavigation(locate::click);
        assertThat(page.url()).contains("lat=35.7356").contains("lon=139.6516");
        assertThat(page.locator("#results-title + p").textContent()).contains("nearest to where you are first");
        assertThat(page.locator("#near option:checked").textContent()).isEqualTo("Nearest to where you are");
        List<Double> km = distances();
        assertThat(km).hasSizeGreaterThan(2).isSorted();
        assertThat(km.get(0)).isLessThan(3.0);
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "booking-list-5-near-me-en");
        // choosing a town instead replaces the position
        page.locator("#near").selectOption("大泉学園町");
        page.locator(".room-finder__near button[type=submit]").click();
        assertThat(page.url()).doesNotContain("lat=");
        assertThat(page.locator("#results-title + p").textContent()).contains("nearest to 大泉学園町 first");
    }
}
