package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.ReportRepository;
import jp.machi.report.internal.ReportService;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The staff report page as staff use it: a way back to the queue, the place on a map (and a link to GSI Maps without
 * script), a colleague chosen from a list rather than a typed account number, and a refused change shown on the
 * form it came from (with what was typed), never on an error page of its own.
 */
@MachiTest
class StaffReportPageTest {

    record Staff(long accountId, String displayName, String email, String preferredLanguage, boolean isStaff)
        implements MachiPrincipal {}

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired ReportService service;
    @Autowired ReportRepository reports;
    MockMvc mvc;
    RequestPostProcessor admin;
    long adminId;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
            .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
        adminId = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        admin = authentication(UsernamePasswordAuthenticationToken.authenticated(
            new Staff(adminId, "admin", "admin@demo.machi.example", "ja", true), null,
            List.of(new SimpleGrantedAuthority("ROLE_STAFF"), new SimpleGrantedAuthority("ROLE_DEPT_ADMIN"),
                new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"))));
    }

    long submit() {
        return service.submit(new NewReport("road", Map.of(), "段差 " + UUID.randomUUID(), 35.7356, 139.6516,
            "豊玉北6丁目", List.of(), "page-" + UUID.randomUUID() + "@example.com", "ja", false, null, null, null), true);
    }

    String page(long id) throws Exception {
        return mvc.perform(get("/staff/reports/" + id).with(admin)).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void thePageLeadsBackToTheQueueShowsThePlaceAndOffersColleaguesByName() throws Exception {
        long id = submit();
        String page = page(id);
        assertThat(page).contains("href=\"/staff/reports\"").contains("まちレポの受付一覧に戻る");
        assertThat(page).contains("id=\"report-point-map\"").contains("data-lat=\"35.7356\"")
            .contains("https://maps.gsi.go.jp/#17/35.7356/139.6516/");
        // a list of people, not a box for an account number
        assertThat(page).contains("<select id=\"assignee\" name=\"assignee\">").doesNotContain("職員番号")
            .contains("value=\"" + adminId + "\"").contains("（自分）");

        mvc.perform(post("/staff/reports/" + id + "/assign").param("assignee", Long.toString(adminId)).with(admin).with(csrf()))
            .andExpect(status().is3xxRedirection());
        assertThat(reports.find(id).orElseThrow().assigneeAccountId()).isEqualTo(adminId);
        assertThat(page(id)).containsPattern("<option value=\"" + adminId + "\" selected=\"selected\">");
        mvc.perform(post("/staff/reports/" + id + "/assign").param("assignee", "").with(admin).with(csrf()))
            .andExpect(status().is3xxRedirection());
        assertThat(reports.find(id).orElseThrow().assigneeAccountId()).isNull();
    }

    @Test
    void rejectingWithoutAReasonIsShownOnTheFormWithWhatWasTyped() throws Exception {
        long id = submit();
        String page = mvc.perform(post("/staff/reports/" + id + "/status").param("status", "NOT_ACTIONABLE").param("reason", " ")
                .param("text", "お知らせの下書き").with(admin).with(csrf()))
            .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("class=\"error-summary\"").contains("href=\"#reason\"")
            .contains("公開する理由を入力してください").contains("aria-invalid=\"true\"")
            .contains("お知らせの下書き").containsPattern("<option value=\"NOT_ACTIONABLE\" selected=\"selected\">");
        assertThat(reports.find(id).orElseThrow().status()).isEqualTo(ReportStatus.RECEIVED);
    }

    @Test
    void aRedactionOrAPhotoWithoutContentIsShownOnTheForm() throws Exception {
        long id = submit();
        String redact = mvc.perform(post("/staff/reports/" + id + "/photos/1/redact").param("x", "a").param("y", "1")
                .param("w", "1").param("h", "1").with(admin).with(csrf()))
            .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(redact).contains("class=\"error-summary\"").contains("塗る範囲は0以上の整数で入力してください")
            .contains("href=\"#x-1\"");
        String photo = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/staff/reports/" + id + "/photos").with(admin).with(csrf()))
            .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(photo).contains("class=\"error-summary\"").contains("href=\"#after-photo\"");
    }
}
