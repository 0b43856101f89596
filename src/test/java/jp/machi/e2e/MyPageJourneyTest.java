package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A resident on a 360-px phone starts at the home page, signs in and reaches every kind of their business with the
 * ward from My Page: bookings, lottery applications, group, notices and their settings, reports and inquiries. Each
 * page opens from a link (no typed address), passes axe, fits the screen and shows words, never keys.
 */
class MyPageJourneyTest extends BrowserTest {

    /** The links My Page must offer a resident, by path, with the words of their link in Japanese and English. */
    static final Map<String, List<String>> BUSINESS = new LinkedHashMap<>();

    static {
        BUSINESS.put("/account/bookings", List.of("自分の予約", "My bookings"));
        BUSINESS.put("/account/lottery", List.of("自分の抽選申込み", "My lottery applications"));
        BUSINESS.put("/account/group", List.of("団体（団体登録）", "My group"));
        BUSINESS.put("/account/notifications", List.of("お知らせの受信箱", "Notice inbox"));
        BUSINESS.put("/account/notifications/settings", List.of("", ""));
        BUSINESS.put("/account/reports", List.of("送ったまちレポ", "Reports you sent"));
        BUSINESS.put("/account/inquiries", List.of("お問い合わせの一覧", "Your inquiries"));
    }

    void phone(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
    }

    void checkPage(String what) {
        String main = page.locator("main").textContent();
        assertThat(page.locator("h1").first().textContent()).as(what).isNotBlank();
        // words, not keys or doubled apostrophes
        assertThat(main).as(what).doesNotContain("''").doesNotContainPattern("\\b(reservation|identity|notification|report|inquiry|shell|facility|account)\\.[a-z]+\\.[a-zA-Z]");
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }

    void walk(String language) {
        boolean en = language.equals("en");
        phone(language);
        open(en ? "/?lang=en" : "/");
        // from the home page: the header's sign-in link
        page.locator("header a[href='/login']").click();
        page.getByLabel(en ? "E-mail address" : "メールアドレス").first().fill("resident@demo.machi.example");
        page.locator("#password").fill(DEMO_PASSWORD);
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.url()).doesNotContain("/login");
        if (en) {
            // signing in takes the account's language (Japanese); the header switches it, as the person would
            page.locator("header a[hreflang=en]").click();
        }
        // the header takes a signed-in resident to My Page, and offers the services too
        assertThat(page.locator("header nav.site-services a").count()).isGreaterThan(2);
        page.locator("header a[href='/account']").click();
        assertThat(page.url()).endsWith("/account");
        assertThat(page.locator("h1").textContent()).isEqualTo(en ? "My page" : "マイページ");
        List<String> sections = page.locator(".account-section h2").allTextContents().stream().map(String::strip).toList();
        assertThat(sections).as("My Page's sections").containsAll(en
            ? List.of("Room bookings", "Notices", "Reports", "Inquiries")
            : List.of("施設予約", "お知らせ", "まちレポ", "お問い合わせ"));
        // a status line says where things stand (the demo resident has bookings)
        assertThat(page.locator(".account-section .link-list__status").count()).isPositive();
        checkPage("My Page");
        JourneyShots.take(page, "mypage-1-the-hub-" + language);
        page.locator(".account-section").nth(1).scrollIntoViewIfNeeded();
        JourneyShots.take(page, "mypage-2-every-kind-of-business-" + language);

        int shot = 3;
        for (var e : BUSINESS.entrySet()) {
            String path = e.getKey();
            String label = e.getValue().get(en ? 1 : 0);
            open("/account");
            var link = page.locator(".account-section a[href='" + path + "']");
            assertThat(link.count()).as("My Page links to " + path).isEqualTo(1);
            if (!label.isEmpty()) {
                assertThat(link.textContent().strip()).isEqualTo(label);
            }
            Response response = page.waitForNavigation(() -> link.click());
            assertThat(response.status()).as(path).isLessThan(400);
            assertThat(page.url()).as(path).endsWith(path);
            checkPage(path);
            if (path.equals("/account/bookings") || path.equals("/account/reports")) {
                JourneyShots.take(page, "mypage-" + shot++ + "-" + path.substring("/account/".length()) + "-" + language);
            }
        }
    }

    @Test
    void aResidentReachesEveryKindOfBusinessFromMyPageOnAPhoneInJapanese() {
        walk("ja");
    }

    @Test
    void aResidentReachesEveryKindOfBusinessFromMyPageOnAPhoneInEnglish() {
        walk("en");
    }

    @Test
    void myPageWithoutSigningInAsksToSignInAndComesBack() {
        phone("ja");
        open("/account/bookings");
        assertThat(page.url()).contains("/login");
        page.getByLabel("メールアドレス").first().fill("resident@demo.machi.example");
        page.locator("#password").fill(DEMO_PASSWORD);
        page.locator("main form button[type=submit]").first().click();
        assertThat(page.url()).contains("/account/bookings");
        assertAccessible();
        // the page's own way back to My Page, not only the browser's back button
        assertThat(page.locator("a[href='/account']").count()).isPositive();
    }
}
