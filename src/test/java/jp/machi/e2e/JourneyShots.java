package jp.machi.e2e;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/**
 * Screenshots of the journeys, viewport only (what a person sees on the screen, small files). They go to
 * target/journeys; with {@code -Djourneys.dir=docs/journeys} to the documentation, whose README shows them.
 */
final class JourneyShots {

    private JourneyShots() {}

    static void take(Page page, String name) {
        String dir = System.getProperty("journeys.dir", "target/journeys");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(dir, name + ".png")).setFullPage(false));
    }
}
