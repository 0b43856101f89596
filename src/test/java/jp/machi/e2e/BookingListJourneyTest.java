package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
        JourneyShots.take(page, "booking-1-list-ja");

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
        JourneyShots.take(page, "booking-2-search-by-reading-ja");

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
        page.locator("form.room-finder .room-finder__name .room-finder__row button[type=submit]").click();
        assertThat(facilityNames()).isNotEmpty();
        String text = page.locator("main").textContent();
        assertThat(text).contains("Japanese syllabary order").contains("About the facility").doesNotContain("''");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "booking-3-search-by-romaji-en");
        // a room of the first facility: its availability page links to the facility's page too
        page.locator(".facility-row__units a").first().click();
        assertThat(page.url()).contains("/reservations/rooms/");
        assertThat(page.locator("main .facility-about-line a").textContent()).contains("(address, access, hours)");
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }
}
