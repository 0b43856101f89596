package jp.machi.e2e;

import jp.machi.identity.TestAccounts;
import jp.machi.facility.TestFacilities;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The group, block, import and utilisation pages the crawler cannot reach by links alone (they need a group, a chosen
 * facility or an upload), on a 360-px screen in Japanese and English: accessible, no sideways scrolling, errors shown.
 */
class ReservationGroupPagesTest extends BrowserTest {

    @Autowired JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void staffPagesWithDataAreAccessibleOnAPhone(String language) {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String facility = "b-" + u;
        TestFacilities.facility(facility, "ブラウザ会館" + u, "Browser hall " + u).openDays(1, 7, "08:00", "22:00").create(jdbc);
        long room = TestFacilities.room(jdbc, facility, "集会室", "Hall", null, 0);
        long rep = TestAccounts.resident(jdbc, "rep-" + u + "@example.com", "代表 太郎");
        long group = jdbc.sql("""
                insert into reservation_group (name, name_kana, activity, representative_account_id, status, submitted_at)
                values (?, 'ブラウザノカイ', '合唱', ?, 'PENDING', now()) returning id""").params("ブラウザの会" + u, rep)
            .query(Long.class).single();
        jdbc.sql("insert into reservation_group_member (group_id, account_id, email, name, in_ward, representative) values (?, ?, ?, '代表 太郎', true, true)")
            .params(group, rep, "rep-" + u + "@example.com").update();
        jdbc.sql("insert into reservation_group_member (group_id, name, in_ward) values (?, '構成員 一', false)").param(group).update();
        jdbc.sql("""
                insert into reservation_block (facility_id, room_id, kind, from_date, to_date, slot_codes, reason, created_by, created_at)
                values (?, ?, 'MAINTENANCE', current_date + 40, current_date + 41, '{am}', '空調の点検', 1, now())""")
            .params(facility, room).update();

        context.close();
        context = newContext(language, 360);
        page = context.newPage();
        signInStaff(page, "admin@demo.machi.example");

        for (String path : new String[] {"/staff/reservations/groups/" + group, "/staff/reservations/blocks?facility=" + facility,
            "/staff/reservations/utilisation", "/staff/reservations/import", "/staff/reservations/groups"}) {
            assertThat(open(path + (path.contains("?") ? "&" : "?") + "lang=" + language).status()).as(path).isEqualTo(200);
            assertAccessible();
            assertNoHorizontalOverflow(page);
        }
        // a block form with errors: the summary and the marked fields
        open("/staff/reservations/blocks?facility=" + facility + "&lang=" + language);
        page.locator("#reason").fill("");
        page.locator("#to").fill("2020-01-01");
        page.locator("form[method=post][action$='/staff/reservations/blocks'] button[type=submit]").click();
        assertThat(page.locator(".error-summary").count()).isEqualTo(1);
        assertThat(page.locator("#reason").getAttribute("aria-invalid")).isEqualTo("true");
        assertAccessible();
        assertNoHorizontalOverflow(page);

        // an import preview with a bad row, then the refusal
        open("/staff/reservations/import?lang=" + language);
        String csv = "legacy_booker_id,name,email,residency,legacy_booking_id,room_id,date,slot\r\n"
            + "X1,名前,not-an-address,在住,Y1," + room + ",2020-01-01,am\r\n";
        page.locator("#file").setInputFiles(new FilePayload("legacy.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        page.locator("main form button[type=submit]").click();
        assertThat(page.url()).contains("/staff/reservations/import/");
        assertThat(page.locator(".error-summary li").count()).isGreaterThanOrEqualTo(2);
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void residentGroupPagesAreAccessibleOnAPhone(String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
        signIn(page, "resident@demo.machi.example");
        for (String path : new String[] {"/account/group", "/account/group/new", "/account/bookings/imported"}) {
            assertThat(open(path + "?lang=" + language).status()).as(path).isEqualTo(200);
            assertAccessible();
            assertNoHorizontalOverflow(page);
        }
        // an empty registration: 422, every problem listed, nothing written
        open("/account/group/new?lang=" + language);
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary li").count()).isGreaterThanOrEqualTo(3);
        assertThat(page.locator("#name").getAttribute("aria-invalid")).isEqualTo("true");
        assertAccessible();
        assertNoHorizontalOverflow(page);
    }
}
