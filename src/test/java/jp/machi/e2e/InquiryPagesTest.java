package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Site search, FAQ, the inquiry desk and the children's consultation in a real browser, without JavaScript help, at
 * 360 px and on a desktop, in Japanese and English: each page has no server error, no axe violation (WCAG 2.1 AA)
 * and no sideways scrolling; the desk and the children's form are used as a resident would, with the keyboard.
 */
class InquiryPagesTest extends BrowserTest {

    private void check(String path) {
        Response r = open(path);
        assertThat(r.status()).as(path).isLessThan(400);
        checkHere();
    }

    private void checkHere() {
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"ja,360", "en,360", "ja,1280"})
    void residentPages(String language, int width) {
        context.close();
        context = newContext(language, width);
        page = context.newPage();
        check("/?lang=" + language);
        // the header's search box, used with the keyboard
        page.locator("#site-search-q").focus();
        page.keyboard().type("粗大ゴミの出し方");
        page.keyboard().press("Enter");
        page.waitForURL("**/search?**");
        assertThat(page.locator(".search-result").count()).isPositive();
        assertThat(page.locator(".search-result__title").first().textContent()).isNotBlank();
        checkHere();
        Response tooLong = open("/search?q=" + "あ".repeat(300));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(page.locator(".error-summary").count()).isEqualTo(1);
        checkHere();
        check("/search?q=zzzqqqxxy");
        check("/faq");
        check("/faq?category=garbage");
        page.locator(".faq-list a").first().click();
        page.waitForURL("**/faq/*");
        checkHere();
        page.locator(".faq-feedback__form button[value=no]").click();
        page.waitForURL("**/faq/*");
        assertThat(page.locator(".faq-feedback [role=status]").count()).isEqualTo(1);
        checkHere();

        // the desk: write, see the answers and the proposal, send with a reply address
        check("/inquiries/new");
        page.locator("#text").focus();
        page.keyboard().type("来月から保育園に入りたいのですが、申し込みはいつまでですか");
        page.locator("form[action$='/inquiries/new'] button[type=submit]").click();
        page.waitForURL("**/inquiries/new");
        assertThat(page.locator(".desk-matches .search-result").count()).isPositive();
        assertThat(page.locator("#department").inputValue()).isEqualTo("hoiku");
        checkHere();
        page.locator("#department").focus();
        page.locator("form[enctype] button[type=submit]").click(); // no address: the error summary
        assertThat(page.locator(".error-summary").count()).isEqualTo(1);
        checkHere();
        page.locator("#email").fill("browser-" + System.nanoTime() + "@example.com");
        page.locator("form[enctype] button[type=submit]").click();
        page.waitForURL("**/inquiries/sent");
        checkHere();
        page.locator("main .code-box a").click();
        page.waitForURL("**/inquiries/t/**");
        checkHere();

        // the children's consultation: the link once, then the thread
        check("/children");
        page.locator("#text").fill("ともだちにむしされています");
        page.locator("main form button[type=submit]").click();
        page.waitForURL("**/children/started");
        checkHere();
        page.locator("main .code-box a").click();
        page.waitForURL("**/children/t/**");
        checkHere();

        signIn(page, "resident@demo.machi.example");
        check("/account/inquiries");
        check("/account");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ja", "en"})
    void staffPages(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
        signInStaff(page, "admin@demo.machi.example");
        check("/staff?lang=" + language);
        check("/staff/inquiries");
        page.locator("main table a").first().click();
        page.waitForURL("**/staff/inquiries/*");
        checkHere();
        check("/staff/inquiries/new");
        page.locator("main form button[type=submit]").click(); // empty: error summary
        assertThat(page.locator(".error-summary").count()).isEqualTo(1);
        checkHere();
        check("/staff/inquiries/templates");
        check("/staff/faq");
        check("/staff/faq?review=due");
        page.locator("main table a").first().click();
        page.waitForURL("**/staff/faq/*");
        checkHere();
        check("/staff/faq/new");
        check("/staff/faq/stats");
        check("/staff/children");
        page.locator("main table a").first().click();
        page.waitForURL("**/staff/children/*");
        checkHere();
        check("/staff/search/synonyms");
        page.locator("#terms-new").fill("の");
        page.locator("form[action$='/staff/search/synonyms'] button[type=submit]").click();
        assertThat(page.locator(".error-summary").count()).isEqualTo(1);
        checkHere();
    }
}
