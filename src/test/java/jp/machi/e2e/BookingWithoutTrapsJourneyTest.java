package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A resident on a 360-px phone books a room and sees, before booking, when and where to pay (a day and time the
 * counter is open) and what cancelling would cost; nothing with money attached is chosen for them (the purpose of use,
 * the reduction — 「申請しない」 is a choice of its own); a missing choice is said on the form. Then they cancel within
 * the free period after booking through a confirmation step that says what it costs, and nothing is charged.
 * In Japanese and English, with axe.
 */
class BookingWithoutTrapsJourneyTest extends BrowserTest {

    void phone(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
    }

    @Test
    void bookingAndCancellingWithinTheFreePeriodInJapanese() {
        journey("ja");
    }

    @Test
    void bookingAndCancellingWithinTheFreePeriodInEnglish() {
        journey("en");
    }

    void journey(String lang) {
        boolean ja = lang.equals("ja");
        phone(lang);
        signIn(page, "resident@demo.machi.example");
        open("/reservations?lang=" + lang);
        page.locator("main a[href*='/reservations/rooms/']").first().click();
        page.locator("main a[href*='start=']").last().click();
        page.locator("main a[href*='/account/bookings/new']").first().click();

        // before booking: the payment deadline at the facility's counter and the cancellation terms, nothing chosen
        String check = page.locator("main").textContent();
        assertThat(check).contains(ja ? "お支払い期限" : "Pay by")
            .contains(ja ? "の窓口が開いている時間です" : "is open then")
            .contains(ja ? "予約を確定してから 30 分以内の取消し: 全額還付、ペナルティなし" : "Cancelling within 30 minutes of confirming: full refund, no penalty")
            .contains(ja ? "上記以外の取消し: 還付なし" : "Any other cancellation: no refund");
        assertThat(page.locator("input[name=commercial]:checked").count()).isZero();
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("dl.summary-list dt").nth(6).scrollIntoViewIfNeeded();
        JourneyShots.take(page, "booking-1-terms-before-booking-" + lang);

        // holding without saying the purpose (it changes the fee): the form says so, nothing is held
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent())
            .contains(ja ? "利用の目的を選んでください" : "Choose the purpose of use");
        assertAccessible();
        page.locator("label[for=commercial-no]").click();
        page.locator("main form button[type=submit]").click();
        assertThat(page.url()).endsWith("/checkout");

        // the checkout: the deadline and terms again; the reduction list starts with 「申請しない」 and nothing chosen
        assertThat(page.locator("input[name=reduction]:checked").count()).isZero();
        assertThat(page.locator("input[name=reduction]").first().getAttribute("id")).isEqualTo("reduction-none");
        assertThat(page.locator("label[for=reduction-none]").textContent())
            .isEqualTo(ja ? "申請しない" : "Do not apply for a reduction");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("main form.form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent())
            .contains(ja ? "減免を申請するかどうかを選んでください" : "Choose whether to ask for a fee reduction");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("fieldset:has(#reduction-none)").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "booking-2-reduction-is-a-choice-" + lang);
        page.locator("label[for=reduction-none]").click();
        page.locator("main form.form button[type=submit]").click();
        assertThat(page.locator("h1").textContent()).contains(ja ? "予約が確定しました" : "Your booking is confirmed");
        String booked = page.locator("main").textContent();
        assertThat(booked).contains(ja ? "お支払い期限" : "Pay by")
            .contains(ja ? "全額還付、ペナルティなし（予約直後の無料の取消し）" : "full refund, no penalty (free cancellation right after booking)");
        assertAccessible();
        assertNoHorizontalOverflow(page);

        // cancelling: a confirmation step that says what it costs — nothing, right after booking
        String bookingPath = page.url().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*", "");
        page.locator("main a[href$='/cancel']").click();
        assertThat(page.locator("h1").textContent()).contains(ja ? "この予約を取り消しますか" : "Cancel this booking?");
        assertThat(page.locator("main").textContent())
            .contains(ja ? "無料で取り消せます" : "so cancelling is free")
            .contains(ja ? "ペナルティはありません" : "No penalty points");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("#cost-title").scrollIntoViewIfNeeded();
        JourneyShots.take(page, "booking-3-cancel-costs-nothing-" + lang);
        page.locator("main form button.button--danger").click();
        assertThat(page.url()).contains(bookingPath).contains("cancelled");
        String after = page.locator("main").textContent();
        assertThat(after).contains(ja ? "予約を取り消しました" : "cancelled")
            .contains(ja ? "不要です（お支払い前に取り消したため）" : "Nothing to pay (cancelled before paying)")
            .contains(ja ? "ペナルティ" : "Penalty").contains(ja ? "なし" : "None")
            .doesNotContain(ja ? "窓口でお支払いください" : "pay at the facility").doesNotContain("''");
        assertAccessible();
        assertNoHorizontalOverflow(page);
        page.locator("dl.summary-list dd").last().scrollIntoViewIfNeeded();
        JourneyShots.take(page, "booking-4-cancelled-nothing-charged-" + lang);
    }
}
