package jp.machi.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Playwright and one headless Chromium per test JVM: Debian's /usr/bin/chromium (or MACHI_CHROMIUM).
 * Playwright never downloads a browser here. Without Chromium the browser tests are skipped on a developer
 * machine, and fail in CI (CI=true), so a missing install step cannot hide.
 */
final class Browsers {

    private static Playwright playwright;
    private static Browser browser;

    private Browsers() {}

    static Path chromium() {
        String configured = System.getenv("MACHI_CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static synchronized Browser browser() {
        if (browser == null) {
            Path exe = chromium();
            if (exe == null) {
                throw new IllegalStateException("Chromium not found (install Debian's chromium package)");
            }
            playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(exe)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    browser.close();
                    playwright.close();
                } catch (RuntimeException e) {
                    // exiting anyway
                }
            }));
        }
        return browser;
    }
}
