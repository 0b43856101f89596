package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An auditor reads the log in Japanese words (the demo's entries and those this run recorded, page after page: no
 * description left in English, no code word); runs the chain check from their page; a tampered entry is found and named.
 */
class AuditTamperTest extends BrowserTest {

    @Autowired
    DataSource dataSource;

    /** What a code word looks like: snake_case, SCREAMING_CASE, a dotted message key, a placeholder. */
    private static final java.util.regex.Pattern CODE_WORD = java.util.regex.Pattern.compile(
        "\\b[a-z]+_[a-z_]+\\b|\\b[A-Z]{2,}_[A-Z_]+\\b|\\b[a-z]+\\.[a-z-]+\\.[a-z.-]+\\b|\\{\\d+}");

    private void readsEveryEntryInJapanese() {
        // entries written in English only on purpose by the audit module's own tests (old-style entries), when they
        // share this JVM, are not the application's: every entry the application records has a key
        java.util.Set<String> englishOnlyFixtures = new java.util.HashSet<>(new JdbcTemplate(dataSource).queryForList(
            "select cast(id as text) from audit_entry where detail_key is null and detail is not null", String.class));
        int rows = 0;
        for (int pageNumber = 1; pageNumber <= 10; pageNumber++) {
            var table = page.locator("main table tbody");
            for (var row : table.locator("tr").all()) {
                if (englishOnlyFixtures.contains(row.locator("td").first().textContent().strip())) {
                    continue;
                }
                rows++;
                var description = row.locator("td:nth-child(7)");
                String cell = description.textContent();
                // a description no translation knows would be shown as recorded, marked as English
                assertThat(description.locator("[lang=en]").count()).as("left in English: %s", cell).isZero();
                String text = cell.replaceAll("\\S+@\\S+|\\S+\\.(csv|CSV|txt|json)\\b", "");
                assertThat(CODE_WORD.matcher(text).find()).as("a code word in 「%s」", cell).isFalse();
                assertThat(cell).doesNotContain("Searched for", "Signed in", "Received", "Password");
                assertThat(row.textContent()).doesNotContain("その他の操作");
            }
            if (page.locator("a[rel=next]").count() == 0) {
                break;
            }
            page.locator("a[rel=next]").first().click();
        }
        assertThat(rows).isPositive();
        open("/audit");
    }

    @Test
    void auditorDetectsATamperedEntry() {
        signInStaff(page, "auditor@demo.machi.example");
        open("/audit");
        assertAccessible();
        readsEveryEntryInJapanese();
        open("/audit/verify");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator("main").textContent()).contains("改ざんは見つかりませんでした");
        assertAccessible();

        // the anchor of that check is on the public page
        open("/audit-anchors");
        assertThat(page.locator("main table tbody tr").count()).isGreaterThan(0);
        assertAccessible();
        assertNoHorizontalOverflow(page);

        // an anchor typed in wrongly is explained next to the field
        open("/audit/verify");
        page.locator("#anchorNumber").fill("1");
        page.locator("#anchorHash").fill("not a hash");
        page.locator("main form button[type=submit]").click();
        assertThat(page.locator(".error-summary").textContent()).contains("64文字");
        assertAccessible();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long victim = jdbc.queryForObject("select min(id) from audit_entry where action like 'identity.login%'", Long.class);
        String original = jdbc.queryForObject("select detail from audit_entry where id = ?", String.class, victim);
        tamper(jdbc, victim, "nothing happened here");
        try {
            open("/audit/verify");
            page.locator("main form button[type=submit]").click();
            String text = page.locator("main").textContent();
            assertThat(text).contains("異常があります").contains(String.valueOf(victim));
            assertAccessible();
        } finally {
            tamper(jdbc, victim, original);
        }
    }

    private static void tamper(JdbcTemplate jdbc, long id, String detail) {
        jdbc.execute((java.sql.Connection c) -> {
            try (var s = c.createStatement()) {
                s.execute("set session_replication_role = replica");
            }
            try (var p = c.prepareStatement("update audit_entry set detail = ? where id = ?")) {
                p.setString(1, detail);
                p.setLong(2, id);
                p.executeUpdate();
            }
            try (var s = c.createStatement()) {
                s.execute("set session_replication_role = origin");
            }
            return null;
        });
    }
}
