package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resident on a 360-px phone finds a facility by what they know of its name: its reading in hiragana, romaji,
 * or its English name; the result names kinds in words and says "unknown" where no hours are registered.
 */
class FacilityFindingJourneyTest extends BrowserTest {

    void phone(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
    }

    List<String> resultNames() {
        return page.locator(".facility-card h3").allTextContents();
    }

    @Test
    void searchingByReadingOnAPhoneInJapanese() {
        phone("ja");
        open("/facilities");
        page.getByLabel("名前・住所").fill("しょうがっこう");
        page.locator("form.facility-search button[type=submit]").first().click();
        assertThat(resultNames()).isNotEmpty().allMatch(n -> n.contains("小学校"));
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("#results-title").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "facility-1-search-by-reading-ja");

        // romaji finds the same places
        open("/facilities");
        page.getByLabel("名前・住所").fill("toyotama shogakko");
        page.locator("form.facility-search button[type=submit]").first().click();
        assertThat(resultNames()).isNotEmpty().allMatch(n -> n.contains("豊玉") && n.contains("小学校"));

        // a shelter without registered hours: "unknown", never "closed"; kinds in words; the data's source, not a repository
        open("/facilities");
        page.getByLabel("名前・住所").fill("あすはすてーしょん");
        page.locator("form.facility-search button[type=submit]").first().click();
        page.locator(".facility-card h3 a").first().click();
        Locator main = page.locator("main");
        assertThat(main.textContent()).contains("開いている時間はわかりません").doesNotContain("いまは開いていません")
            .contains("指定避難所").doesNotContain("emergency-site").contains("国土地理院").doesNotContain("commit");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "facility-2-unknown-hours-ja");
    }

    @Test
    void searchingByEnglishNameOnAPhoneInEnglish() {
        phone("en");
        open("/facilities?lang=en");
        assertThat(page.locator("#q-hint").textContent()).contains("library");
        page.getByLabel("Name or address").fill("library");
        page.locator("form.facility-search button[type=submit]").first().click();
        assertThat(resultNames()).isNotEmpty().allMatch(n -> n.contains("Library"));
        assertThat(page.locator(".facility-card .tag").allTextContents()).contains("Library")
            .doesNotContain("toshokan", "other", "shelter");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("#results-title").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "facility-3-search-by-english-name-en");

        page.locator(".facility-card h3 a").first().click();
        String text = page.locator("main").textContent();
        assertThat(text).contains("Library").doesNotContain("''").doesNotContain("(Reiwa")
            .doesNotContainPattern("[（(](Mon|Tue|Wed|Thu|Fri|Sat|Sun)");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        JourneyShots.take(page, "facility-4-english-page-en");
    }
}
