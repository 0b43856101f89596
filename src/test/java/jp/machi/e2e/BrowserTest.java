package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jp.machi.identity.internal.Totp;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real browser against the whole application: Chromium through Playwright, axe-core for WCAG 2.1 AA
 * (tags wcag2a, wcag2aa, wcag21a, wcag21aa) on the pages a test visits.
 */
@MachiTest
abstract class BrowserTest {

    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final String DEMO_PASSWORD = "machi-demo-2026";
    static final String DEMO_TOTP = "MACHIDEMOSTAFFTOTPSECRETKEY234AB";

    /** The last TOTP step used per account in this JVM: a code is accepted once, so the next sign-in takes the next step. */
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openBrowser() {
        if (Browsers.chromium() == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI must run the browser tests: install Debian's chromium");
            }
            Assumptions.abort("Chromium is not installed; browser tests skipped");
        }
        context = newContext("ja", 1280);
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
    }

    BrowserContext newContext(String language, int width) {
        Browser browser = Browsers.browser();
        return browser.newContext(new Browser.NewContextOptions()
            .setLocale(language)
            .setViewportSize(width, 800)
            .setBaseURL("http://localhost:" + port));
    }

    Response open(String path) {
        return page.navigate("http://localhost:" + port + path);
    }

    /** Asserts zero axe violations for the WCAG 2.1 A and AA tags on the current page. */
    void assertAccessible() {
        assertAccessible(page);
    }

    static void assertAccessible(Page page) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_TAGS).analyze();
        List<Rule> violations = results.getViolations();
        assertThat(violations)
            .as(() -> "axe violations on " + page.url() + ":\n" + violations.stream()
                .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
                    + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n")))
            .isEmpty();
    }

    /** No horizontal scrolling at the current viewport width (360 px on phones). */
    static void assertNoHorizontalOverflow(Page page) {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow on " + page.url()).isLessThanOrEqualTo(0);
    }

    void signIn(Page p, String email) {
        p.navigate("http://localhost:" + port + "/login");
        p.getByLabel(p.locator("html").getAttribute("lang").equals("en") ? "E-mail address" : "メールアドレス").first()
            .fill(email);
        p.locator("#password").fill(DEMO_PASSWORD);
        p.locator("main form button[type=submit]").first().click();
    }

    /** Signs a demo staff member in with password and a TOTP code computed from the documented demo secret. */
    void signInStaff(Page p, String email) {
        signIn(p, email);
        assertThat(p.url()).contains("/login/2fa");
        p.locator("#code").fill(nextCode(email));
        p.locator("main form button[type=submit]").first().click();
    }

    static synchronized String nextCode(String email) {
        long now = Totp.step(Instant.now());
        long step = Math.max(now, LAST_STEP.getOrDefault(email, Long.MIN_VALUE) + 1);
        if (step > now + 1) {
            // both the current and the next step were used: wait for the clock
            try {
                Thread.sleep(Math.max(0, (step - 1) * Totp.STEP_SECONDS * 1000L - System.currentTimeMillis() + 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LAST_STEP.put(email, step);
        return Totp.code(DEMO_TOTP, step);
    }
}
