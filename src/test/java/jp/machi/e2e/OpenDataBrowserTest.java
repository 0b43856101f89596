package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The open data pages in a real browser at 360 px, in Japanese and English: the catalog with a search, a geographic
 * dataset's page with its map drawn, and a staff upload refused with its table of problems — each checked with axe.
 */
class OpenDataBrowserTest extends BrowserTest {

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void catalogDatasetMapAndARefusedUploadAreAccessibleOnAPhone(String language) throws Exception {
        context.close();
        context = newContext(language, 360);
        MapBrowserTest.blockTiles(context);
        page = context.newPage();

        open("/opendata?lang=" + language);
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("#q").fill(language.equals("en") ? "AED" : "避難");
        page.locator("form.opendata-search button[type=submit]").click();
        assertThat(page.locator(".opendata-card").count()).isGreaterThan(0);
        assertAccessible();

        open("/opendata/datasets/evacuation-space");
        page.waitForSelector("#opendata-map.facility-map--ready");
        page.waitForFunction("() => document.querySelectorAll('#opendata-map path.leaflet-interactive').length > 0");
        assertThat(page.locator(".opendata-preview tbody tr").count()).isGreaterThan(0);
        assertAccessible();
        assertNoHorizontalOverflow(page);

        open("/opendata/datasets/population-by-area-and-age");
        assertThat(page.locator(".notice--warning").textContent()).isNotBlank();
        assertAccessible();
        assertNoHorizontalOverflow(page);

        signInStaff(page, "admin@demo.machi.example");
        open("/staff/opendata/datasets/population-by-area-and-age/upload");
        Path bad = Files.createTempFile("population", ".csv");
        Files.writeString(bad, "地域名,総人口\r\n旭丘,abc\r\n", StandardCharsets.UTF_8);
        page.locator("#file").setInputFiles(bad);
        page.locator("main form button[type=submit]").click();
        page.waitForSelector(".error-summary");
        assertThat(page.locator(".error-summary tbody tr").count()).isGreaterThan(1);
        assertAccessible();
        assertNoHorizontalOverflow(page);
        Files.deleteIfExists(bad);

        open("/staff/opendata/datasets/aed");
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }

}
