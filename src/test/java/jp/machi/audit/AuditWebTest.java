package jp.machi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import jp.machi.audit.internal.AuditChainCheck;
import jp.machi.shared.time.MachiClock;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@MachiTest
class AuditWebTest {

    static final String AUDITOR = "auditor@demo.machi.example";

    @Autowired WebApplicationContext context;
    @Autowired AuditLog auditLog;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    static RequestPostProcessor auditor() {
        return user(AUDITOR).roles("AUDITOR", "STAFF");
    }

    String record(String detail) {
        String m = "web-" + UUID.randomUUID();
        auditLog.record(new AuditEvent("resident.read", 7L, "staff@demo.machi.example", 43L, 42L, "account:42",
            detail + " " + m, "192.0.2.9", null));
        return m;
    }

    @Test
    void anAuditorFindsEntriesAndTheSearchIsItselfRecorded() throws Exception {
        String m = record("read the address");

        MvcResult res = mvc.perform(get("/audit").param("text", m).with(auditor()))
            .andExpect(status().isOk()).andReturn();

        String html = res.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("監査ログ").contains("read the address " + m).contains("staff@demo.machi.example")
            .contains("<caption").contains("scope=\"col\"").contains("1件見つかりました");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'audit.search' and actor_label = ? "
                + "and detail like ? and detail_key = 'audit.audit.search'").params(AUDITOR, "%words \"" + m + "\"%").query(Long.class).single())
            .isEqualTo(1L);
    }

    @Test
    void thePageIsInEnglishOnRequest() throws Exception {
        String m = record("english");
        String html = mvc.perform(get("/audit").param("text", m).param("lang", "en").with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("lang=\"en\"").contains("Audit log").contains("1 entries found")
            .contains("Resident account number");
    }

    @Test
    void aJapaneseAuditorReadsActionsAndDescriptionsInJapaneseAndAnEnglishOneAsRecorded() throws Exception {
        String m = "words-" + UUID.randomUUID();
        auditLog.record(new AuditEvent("identity.login.success", 43L, "staff@demo.machi.example", null, 43L, "account:43",
            "signed in with password and authenticator code " + m, "192.0.2.9", null));
        auditLog.record(new AuditEvent("reservation.booking.paid", 43L, "staff@demo.machi.example", null, 42L, "booking:9",
            "fee 3000 " + m, "192.0.2.9", null));
        String ja = mvc.perform(get("/audit").param("text", m).with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(ja).contains("パスワードと認証アプリの確認コードでログイン").contains("使用料の収納").contains("使用料（円）：3000 " + m)
            .contains("記録された説明<").doesNotContain("signed in").doesNotContain("identity.login.success")
            .doesNotContain("reservation.booking.paid").doesNotContain("その他の操作");
        String en = mvc.perform(get("/audit").param("text", m).param("lang", "en").with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("signed in with password and authenticator code " + m).contains("Fee received")
            .doesNotContain("identity.login.success");
        // a description no translation knows is shown as recorded, marked as English for screen readers
        String other = record("something nobody translated");
        assertThat(mvc.perform(get("/audit").param("text", other).with(auditor())).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8)).contains("lang=\"en\">something nobody translated " + other);
    }

    @Test
    void descriptionsRecordedWithAKeyAreSaidInTheLanguageOfTheAuditorAndTheCsvKeepsKeyArgumentsAndEnglish() throws Exception {
        String m = "keyed-" + UUID.randomUUID();
        auditLog.record(AuditEvent.system("report.status.change", null, "report:1",
            AuditDetail.of("report.audit.status", AuditDetail.word("report.status.received"), AuditDetail.word("report.status.in-progress"))));
        auditLog.record(AuditEvent.system("identity.resident.search", null, "residents",
            AuditDetail.of("identity.audit.resident.search", m, 3)));
        long status = jdbc.sql("select max(id) from audit_entry where action = 'report.status.change'").query(Long.class).single();
        // the English text is written from the English bundle when the entry is recorded
        assertThat(jdbc.sql("select detail from audit_entry where id = ?").param(status).query(String.class).single())
            .isEqualTo("Received → In progress");
        String ja = mvc.perform(get("/audit").param("text", m).with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(ja).contains("「" + m + "」で検索、3件").doesNotContain("Searched for");
        String jaStatus = mvc.perform(get("/audit").param("action", "report.status.change").with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(jaStatus).contains("受付 → 対応中").doesNotContain("in_progress").doesNotContain("IN_PROGRESS")
            .doesNotContain("Received → In progress");
        String en = mvc.perform(get("/audit").param("text", m).param("lang", "en").with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Searched for &quot;" + m + "&quot;, 3 found");

        byte[] bytes = mvc.perform(get("/audit/export.csv").param("text", m).with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = parseCsv(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        List<String> row = rows.get(1);
        assertThat(row.get(9)).isEqualTo("Searched for \"" + m + "\", 3 found");
        assertThat(row.get(13)).isEqualTo("identity.audit.resident.search");
        assertThat(row.get(14)).isEqualTo("[\"" + m + "\",3]");
        for (List<String> r : rows.subList(1, rows.size())) {
            assertThat(documentedHash(r)).isEqualTo(r.get(12));
        }
    }

    @Test
    void aBadDateIsA400WithAnErrorSummaryLinkingToTheField() throws Exception {
        String html = mvc.perform(get("/audit").param("from", "2026-02-30").with(auditor()))
            .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("class=\"error-summary\"").contains("入力内容を確認してください")
            .contains("href=\"#from\"").contains("開始日は、2026-11-23 のように、実在する日付を入力してください")
            .contains("value=\"2026-02-30\"");
    }

    @Test
    void otherBadFiltersAre400sToo() throws Exception {
        String html = mvc.perform(get("/audit").param("from", "2026-11-30").param("to", "2026-11-01")
                .param("subject", "abc").param("actor", "99999999999999999999").param("lang", "en").with(auditor()))
            .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("The to date must be the same as or after the from date")
            .contains("Enter the resident account number in digits").contains("href=\"#subject\"")
            .contains("href=\"#actor\"");
        mvc.perform(get("/audit/export.csv").param("to", "yesterday").with(auditor()))
            .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/audit?to=yesterday"));
    }

    @Test
    void theCsvExportHasABomAHeaderTheEntriesAndNoLiveFormulas() throws Exception {
        String m = record("=HYPERLINK(\"http://example.invalid\",\"click\")");
        auditLog.record(new AuditEvent("resident.read", null, "@evil", null, null, "-2+3", "plain " + m, null, null));

        MvcResult res = mvc.perform(get("/audit/export.csv").param("text", m).with(auditor()))
            .andExpect(status().isOk()).andReturn();

        assertThat(res.getResponse().getContentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        String today = LocalDate.now(MachiClock.ZONE).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(res.getResponse().getHeader("Content-Disposition")).contains("audit-log-" + today + ".csv");
        byte[] bytes = res.getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);

        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = parseCsv(csv);
        assertThat(rows.getFirst()).containsExactly("number", "occurred_at_utc", "occurred_at_tokyo", "action",
            "actor_account_id", "actor_label", "on_behalf_of_id", "subject_account_id", "subject", "detail",
            "remote_address", "prev_hash", "hash", "detail_key", "detail_args");
        // the two entries, and the export itself (recorded before the file is written, its filters match)
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).get(3)).isEqualTo("audit.export");
        List<String> formula = rows.get(1);
        assertThat(formula.get(9)).startsWith("'=HYPERLINK(\"http://example.invalid\"");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\") " + m + "\"");
        List<String> other = rows.get(2);
        assertThat(other.get(5)).isEqualTo("'@evil");
        assertThat(other.get(8)).isEqualTo("'-2+3");

        // the documented procedure re-computes every exported hash
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(documentedHash(row)).isEqualTo(row.get(12));
        }
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'audit.export' and detail like ?")
            .param("%words \"" + m + "\"%").query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void anAuditorCanRunTheCheckWithoutJavaScript() throws Exception {
        MvcResult posted = mvc.perform(post("/audit/verify").with(auditor()).with(csrf()))
            .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/audit/verify"))
            .andExpect(flash().attributeExists("verification")).andReturn();
        AuditChainCheck check = (AuditChainCheck) posted.getFlashMap().get("verification");
        assertThat(check.ok()).isTrue();

        String html = mvc.perform(get("/audit/verify").flashAttr("verification", check).with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("notice--success").contains("検査の結果：改ざんは見つかりませんでした");

        AuditChainCheck broken = new AuditChainCheck(false, 9, List.of(
            new AuditChainCheck.Fault(10, 10, AuditChainCheck.MISSING),
            new AuditChainCheck.Fault(12, 15, AuditChainCheck.REHASHED)), 0, 9, java.time.Instant.now());
        html = mvc.perform(get("/audit/verify").param("lang", "en").flashAttr("verification", broken).with(auditor()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("notice--error").contains("Entry number 10 is missing")
            .contains("Entries number 12 to 15 were changed and their hashes computed again");
    }

    @Test
    void anAnchorTypedInByTheAuditorIsCheckedAndAWrongOneIsExplained() throws Exception {
        String html = mvc.perform(post("/audit/verify").with(auditor()).with(csrf()).param("lang", "en")
                .param("anchorNumber", "1").param("anchorHash", "xyz"))
            .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Enter the hash as 64 characters").contains("href=\"#anchorHash\"");

        String first = jdbc.sql("select hash from audit_entry where id = 1").query(String.class).single();
        MvcResult posted = mvc.perform(post("/audit/verify").with(auditor()).with(csrf())
                .param("anchorNumber", "1").param("anchorHash", first.toUpperCase()))
            .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(((AuditChainCheck) posted.getFlashMap().get("verification")).ok()).isTrue();

        posted = mvc.perform(post("/audit/verify").with(auditor()).with(csrf())
                .param("anchorNumber", "1").param("anchorHash", "b".repeat(64)))
            .andExpect(status().is3xxRedirection()).andReturn();
        AuditChainCheck check = (AuditChainCheck) posted.getFlashMap().get("verification");
        assertThat(check.ok()).isFalse();
        assertThat(check.has(AuditChainCheck.MAILED, 1)).isTrue();
    }

    @Test
    void thePublicAnchorPageListsTheAnchorsOfPassedChecksForAnyone() throws Exception {
        MvcResult posted = mvc.perform(post("/audit/verify").with(auditor()).with(csrf()))
            .andExpect(status().is3xxRedirection()).andReturn();
        AuditChainCheck check = (AuditChainCheck) posted.getFlashMap().get("verification");
        String hash = jdbc.sql("select hash from audit_entry where id = ?").param(check.lastId()).query(String.class)
            .single();

        String html = mvc.perform(get("/audit-anchors").param("lang", "en")).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Public anchors of the audit log").contains(hash);
        String text = mvc.perform(get("/audit-anchors.txt")).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).contains(check.lastId() + " " + check.entriesChecked() + " " + hash + " ");
    }

    @Test
    void aResidentIsRefused() throws Exception {
        RequestPostProcessor resident = user("resident@demo.machi.example").roles("RESIDENT");
        mvc.perform(get("/audit").with(resident)).andExpect(status().isForbidden());
        mvc.perform(get("/audit/export.csv").with(resident)).andExpect(status().isForbidden());
        mvc.perform(post("/audit/verify").with(resident).with(csrf())).andExpect(status().isForbidden());
        RequestPostProcessor staff = user("staff@demo.machi.example").roles("STAFF");
        mvc.perform(get("/audit").with(staff)).andExpect(status().isForbidden());
    }

    /** The hash as docs/modules/audit.md tells an outsider to compute it from one CSV row. */
    static String documentedHash(List<String> row) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean keyed = !row.get(13).isEmpty();
        out.writeBytes((keyed ? "machi-audit-v2" : "machi-audit-v1").getBytes(StandardCharsets.UTF_8));
        int[] columns = keyed ? new int[] {0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14} : new int[] {0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        for (int c : columns) {
            String v = row.get(c);
            if (v.startsWith("'")) {
                v = v.substring(1);
            }
            if (v.isEmpty()) {
                out.write('-');
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b);
            }
        }
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    }

    /** A small RFC 4180 reader, independent of the code under test. */
    static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
