package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lottery pages in a real browser on a 360-px screen (the crawl may stop before reaching them): the public list,
 * round and verification pages, the resident's pages with the apply form, a form sent empty (error summary), and the
 * staff pages. Each: no server error, no axe violation, no sideways scrolling; the apply form is used with the
 * keyboard only.
 */
class LotteryPagesTest extends BrowserTest {

    private void check(String path) {
        Response r = open(path);
        assertThat(r.status()).as(path).isLessThan(400);
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }

    private List<String> links(String contains) {
        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) page.evaluate("() => Array.from(document.querySelectorAll('main a[href]')).map(a => a.getAttribute('href'))");
        Set<String> found = new LinkedHashSet<>();
        for (String h : hrefs) {
            if (h.contains(contains)) {
                found.add(h.replaceAll("\\?.*", ""));
            }
        }
        return new ArrayList<>(found);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ja", "en"})
    void residentAndPublicPages(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
        check("/reservations/lottery?lang=" + language);
        List<String> rounds = links("/reservations/lottery/rounds/");
        assertThat(rounds).isNotEmpty();
        for (String round : rounds.subList(0, Math.min(2, rounds.size()))) {
            check(round);
            for (String verify : links("/verify")) {
                check(verify);
            }
        }
        signIn(page, "resident@demo.machi.example");
        check("/account/lottery");
        List<String> mine = links("/account/lottery/rounds/");
        assertThat(mine).isNotEmpty();
        for (String round : mine) {
            check(round);
        }
        // the open round's form: sent empty with the keyboard, it comes back with an accessible error summary
        String open = mine.get(0); // open rounds are listed first
        check(open);
        if (page.locator("#room1").count() > 0) {
            page.locator("#room1").focus();
            page.keyboard().press("Tab");
            page.locator("form[action*='/applications'] button[type=submit]").focus();
            page.keyboard().press("Enter");
            page.waitForURL("**/applications");
            assertThat(page.locator(".error-summary").count()).isEqualTo(1);
            assertAccessible();
            assertNoHorizontalOverflow(page);
        }
    }

    /** The demo group's representative: the group's own page for each round, reached from their own page. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ja", "en"})
    void groupPages(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
        signIn(page, "club@demo.machi.example");
        check("/account/lottery?lang=" + language);
        @SuppressWarnings("unchecked")
        List<String> forGroup = (List<String>) page.evaluate(
            "() => Array.from(document.querySelectorAll('main a[href*=\"as=group\"]')).map(a => a.getAttribute('href'))");
        assertThat(forGroup).as("the group's rounds").isNotEmpty();
        for (String round : forGroup) {
            check(round + "&lang=" + language);
            assertThat(page.locator("main").innerText()).contains("練馬卓球クラブ")
                .contains(language.equals("ja") ? "くじの順番は団体で一つ" : "The group has one place in the order of the draw");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ja"})
    void staffPages(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
        signInStaff(page, "admin@demo.machi.example");
        check("/staff/reservations");
        check("/staff/reservations/lottery");
        List<String> rounds = links("/staff/reservations/lottery/");
        assertThat(rounds).isNotEmpty();
        for (String round : rounds) {
            check(round);
        }
        check("/staff/reservations/lottery/new");
    }
}
