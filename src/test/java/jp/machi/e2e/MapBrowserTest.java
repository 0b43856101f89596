package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The map scripts in a real browser: the facility and report maps draw their markers, a resident sets the place of
 * a report by clicking the map (and with the keyboard) and sends it, and the offline draft is restored and
 * discarded. Map tiles are answered locally with "not found" (no request leaves the machine; the maps work
 * without tiles).
 */
class MapBrowserTest extends BrowserTest {

    @Autowired JdbcClient jdbc;

    @BeforeEach
    void noTiles() {
        blockTiles(context);
    }

    static void blockTiles(BrowserContext c) {
        c.route("https://cyberjapandata.gsi.go.jp/**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
            .setStatus(404).setBody("")));
    }

    @Test
    void facilityAndReportMapsDrawMarkers() {
        open("/facilities");
        page.waitForSelector("#facility-map.facility-map--ready");
        page.waitForFunction("() => document.querySelectorAll('#facility-map .leaflet-marker-icon').length > 0");
        int facilities = page.locator("#facility-map .leaflet-marker-icon").count();
        assertThat(facilities).isGreaterThan(0);
        // each marker opens a popup with a link to the facility's page; with the whole ward's facilities some markers
        // overlap at this zoom, so the marker is opened the keyboard's way (focus, Enter), which reaches every marker
        page.locator("#facility-map .leaflet-marker-icon").first().focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#facility-map .leaflet-popup a").first().getAttribute("href")).startsWith("/facilities/");

        open("/reports");
        page.waitForSelector("#report-map.facility-map--ready");
        page.waitForFunction("() => document.querySelectorAll('#report-map path.leaflet-interactive').length > 0");
        assertThat(page.locator("#report-map path.leaflet-interactive").count()).isGreaterThan(0);
        assertThat(page.locator(".report-map-legend").isVisible()).isTrue();
    }

    @Test
    void aResidentSetsThePlaceByClickingTheMapAndSendsTheReport() {
        String email = "map." + System.nanoTime() + "@example.jp";
        String description = "地図で場所を選んだ報告 " + System.nanoTime();
        open("/reports/new/other");
        Locator map = page.locator("#report-place-map");
        page.waitForSelector("#report-place-map.facility-map--ready");
        assertThat(page.locator("#lat-input").inputValue()).isEmpty();
        assertAccessible();

        // a click a little right of and below the centre (the ward's map centre is inside the ward)
        map.scrollIntoViewIfNeeded();
        BoundingBox box = map.boundingBox();
        page.mouse().click(box.x + box.width / 2 + 30, box.y + box.height / 2 + 20);
        String lat = page.locator("#lat-input").inputValue();
        String lon = page.locator("#lon").inputValue();
        assertThat(Double.parseDouble(lat)).isBetween(35.70, 35.7356);
        assertThat(Double.parseDouble(lon)).isBetween(139.6516, 139.70);
        assertThat(page.locator("#report-place-status").textContent()).contains("場所を設定しました").contains(lat);
        assertThat(page.locator("#report-place-map .leaflet-marker-icon").count()).isEqualTo(1);

        page.locator("#description").fill(description);
        page.locator("#email").fill(email);
        page.locator("main form.form button[type=submit]").click();
        assertThat(page.url()).endsWith("/reports/new/check");
        page.locator("form[data-report-send] button[type=submit]").last().click();
        assertThat(page.url()).matches(".*/reports/\\d+$");
        assertThat(page.locator("main").textContent()).contains(description);

        Map<String, Object> stored = jdbc.sql("select lat, lon from report where description = ?").param(description)
            .query().singleRow();
        assertThat((Double) stored.get("lat")).isCloseTo(Double.parseDouble(lat), org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) stored.get("lon")).isCloseTo(Double.parseDouble(lon), org.assertj.core.data.Offset.offset(1e-6));
        // sending dropped the offline draft
        open("/reports/new/other");
        assertThat(page.locator("#report-draft-notice").isVisible()).isFalse();
        assertThat(page.locator("#description").inputValue()).isEmpty();
    }

    @Test
    void keyboardOnlyPlaceAndAnOutsidePointIsRefusedByTheServer() {
        BrowserContext en = newContext("en", 360);
        blockTiles(en);
        Page p = en.newPage();
        try {
            p.navigate("http://localhost:" + port + "/reports/new/other?lang=en");
            p.waitForSelector("#report-place-map.facility-map--ready");
            assertNoHorizontalOverflow(p);
            assertAccessible(p);
            // Tab to the map, move it with the arrow keys, then use its centre
            p.locator("#report-place-map").focus();
            p.keyboard().press("ArrowRight");
            p.keyboard().press("ArrowRight");
            p.locator("#report-place-centre").focus();
            p.keyboard().press("Enter");
            double lon = Double.parseDouble(p.locator("#lon").inputValue());
            assertThat(lon).isGreaterThan(139.6516);
            assertThat(p.locator("#report-place-status").textContent()).contains("Place set");

            // a point far outside the ward (typed): the script warns, the server refuses with a clear message
            p.locator(".report-coordinates summary").click(); // the coordinates are folded away for those who know them
            p.locator("#lat-input").fill("35.6812");
            p.locator("#lon").fill("139.7671");
            p.locator("#lon").dispatchEvent("change");
            assertThat(p.locator("#report-place-status").textContent()).contains("outside the ward");
            p.locator("#description").fill("Outside the ward");
            p.locator("#email").fill("outside." + System.nanoTime() + "@example.jp");
            p.locator("main form.form button[type=submit]").click();
            assertThat(p.locator(".error-summary").textContent()).containsIgnoringCase("ward");
            assertThat(jdbc.sql("select count(*) from report where description = 'Outside the ward'").query(Long.class).single())
                .isZero();
        } finally {
            en.close();
        }
    }

    @Test
    void theDraftIsKeptOnTheDeviceRestoredWithANoticeAndCanBeDiscarded() {
        String text = "下書きのテスト " + System.nanoTime();
        open("/reports/new/graffiti");
        page.waitForSelector("#report-place-map.facility-map--ready");
        page.locator("#description").fill(text);
        page.locator("#address").fill("豊玉北6丁目の歩道橋");
        page.waitForTimeout(600); // saved 300 ms after the last keystroke
        page.reload();
        assertThat(page.locator("#report-draft-notice").isVisible()).isTrue();
        assertThat(page.locator("#report-draft-notice").textContent()).contains("下書きを復元しました");
        assertThat(page.locator("#description").inputValue()).isEqualTo(text);
        assertThat(page.locator("#address").inputValue()).isEqualTo("豊玉北6丁目の歩道橋");
        assertAccessible();

        page.locator("#report-draft-discard").click();
        assertThat(page.locator("#description").inputValue()).isEmpty();
        assertThat(page.locator("#report-draft-notice").textContent()).contains("下書きを消しました");
        page.reload();
        assertThat(page.locator("#report-draft-notice").isVisible()).isFalse();
        assertThat(page.locator("#description").inputValue()).isEmpty();
    }
}
