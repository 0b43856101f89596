package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notification pages in a real browser at 360 px, in Japanese and English, with axe: the public notices, the
 * subscription form with its errors, the confirmation page behind the mail's link (a button, not the link,
 * confirms), the preference and unsubscribe pages, joining a school's list; My Page's inbox, settings and "about
 * me"; the staff's notice form, preview and dashboard.
 */
class NotificationPagesTest extends BrowserTest {

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    private void phone(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
    }

    private void check() {
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }

    private String local(String link) {
        return link.replaceFirst("http://localhost(:\\d+)?", "http://localhost:" + port);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"ja", "en"})
    void aVisitorSubscribesConfirmsWithTheButtonChangesAndUnsubscribes(String language) throws Exception {
        phone(language);
        boolean en = language.equals("en");
        open("/notices?lang=" + language);
        check();
        page.locator(".notification-list__title a").first().click();
        assertThat(page.locator("h1").textContent()).isNotBlank();
        check();

        open("/notifications/subscribe");
        check();
        // nothing chosen, a bad address: the error summary names both and links to the fields
        page.locator("#email").fill("not-an-address");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent())
            .contains(en ? "Choose at least one topic" : "受け取る分野をひとつ以上選んでください")
            .contains(en ? "e-mail address in the right form" : "メールアドレスの形式が正しくありません");
        assertThat(page.locator(".error-summary a[href='#topics']").count()).isEqualTo(1);
        check();

        String email = "browser." + language + "." + System.nanoTime() + "@example.jp";
        page.locator("#email").fill(email);
        page.locator("#topic-bosai").check();
        page.locator("#topic-gomi").check();
        // town names are romanised on English pages; the form still sends the 町名
        page.locator("label:text-is('" + (en ? "Toyotamakita" : "豊玉北") + "')").click();
        page.locator("main form button[type=submit]").click();
        assertThat(page.url()).endsWith("/notifications/subscribe/sent");
        check();

        MimeMessage mail = TestMailbox.awaitMailTo(email);
        open(local(TestMailbox.firstLink(TestMailbox.text(mail))).replaceFirst("http://localhost:\\d+", ""));
        assertThat(page.locator("main").textContent()).contains(en ? "Toyotamakita" : "豊玉北");
        check();
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator("h1").textContent()).contains(en ? "You are subscribed" : "登録しました");
        check();

        page.locator("main a[href*='/notifications/manage/']").click();
        check();
        page.locator("#topic-kusei").check();
        page.locator("main form.form button[type=submit]").click();
        assertThat(page.locator(".notice--success").textContent()).contains(en ? "Saved" : "保存しました");
        assertThat(page.locator("#topic-kusei").isChecked()).isTrue();
        check();
        String manage = page.url();

        // the unsubscribe page of a topic (the mail's text link): a button
        String token = manage.substring(manage.lastIndexOf('/') + 1);
        String id = token.substring(0, token.indexOf('.'));
        open("/notifications/unsubscribe/" + unsubscribeToken(Long.parseLong(id), "u-gomi"));
        check();
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator("h1").textContent()).contains(en ? "You are unsubscribed" : "配信を止めました");
        check();

        open("/notifications/join");
        check();
        page.locator("#code").fill("nothing");
        page.locator("#email").fill(email);
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent()).contains(en ? "This code cannot be used" : "この登録コードは使えません");
        check();
    }

    @org.springframework.beans.factory.annotation.Autowired
    jp.machi.notification.internal.LinkTokens tokens;

    private String unsubscribeToken(long id, String purpose) {
        return tokens.token(id, purpose);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"ja", "en"})
    void aResidentReadsTheInboxAndSetsHowNoticesReachThem(String language) {
        phone(language);
        boolean en = language.equals("en");
        signIn(page, "resident@demo.machi.example");
        open("/account?lang=" + language);
        page.locator("main a[href='/account/notifications']").first().click();
        check();
        assertThat(page.locator("h1").textContent()).contains(en ? "Notice inbox" : "お知らせの受信箱");
        if (page.locator(".notification-list__title a").count() > 0) {
            page.locator(".notification-list__title a").first().click();
            check();
        }
        open("/account/notifications/settings");
        check();
        assertThat(page.locator("#topic-bosai").isChecked()).isTrue();
        open("/account/notifications/profile");
        check();
        page.locator("#child-0").fill("1990-01");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").count()).isEqualTo(1);
        check();
    }

    @Test
    void staffWriteAndPreviewANoticeAndReadTheDashboard() {
        for (String language : List.of("ja", "en")) {
            phone(language);
            signInStaff(page, "staff@demo.machi.example");
            open("/staff/notifications?lang=" + language);
            check();
            open("/staff/notifications/new");
            check();
            page.locator("main form button[type=submit]").click();
            assertThat(page.locator(".error-summary").count()).isEqualTo(1);
            check();
            page.locator("#topic").selectOption("kusei");
            page.locator("label:text-is('" + (language.equals("en") ? "Nerima" : "練馬") + "')").click();
            page.locator("#priority-normal").check();
            page.locator("#titleJa").fill("ブラウザからの下書き");
            page.locator("#bodyJa").fill("本文です。\n二行目です。");
            page.locator("main form button[type=submit]").click();
            assertThat(page.url()).matches(".*/staff/notifications/\\d+");
            assertThat(page.locator(".notification-body--mail").count()).isEqualTo(2);
            check();
            open("/staff/notifications/dashboard");
            assertThat(page.locator(".notification-chart svg").count()).isEqualTo(2);
            check();
            open("/staff/notifications/lists/" + school());
            check();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long school() {
        return jdbc.sql("select id from notification_list where join_code = 'HANA-7523'").query(Long.class).single();
    }
}
