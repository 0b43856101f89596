package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An auditor runs the chain check from their page; a tampered entry is found and named. */
class AuditTamperTest extends BrowserTest {

    @Autowired
    DataSource dataSource;

    @Test
    void auditorDetectsATamperedEntry() {
        signInStaff(page, "auditor@demo.machi.example");
        open("/audit");
        assertAccessible();
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
