package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.ReportService;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The staff CSV: readable by Excel (BOM, CRLF), safe to open (no formulas), scoped to the staff's departments, audited. */
@MachiTest
class ReportExportTest {


    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired ReportService service;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    RequestPostProcessor staff(String email, String... roles) {
        return jp.machi.support.StaffLogin.as(jdbc, email, roles);
    }

    long submitRoad(String description) {
        return service.submit(new NewReport("road", Map.of(), description, 35.7356, 139.6516, "旭丘1丁目, \"角\"",
            List.of(), "export-" + UUID.randomUUID() + "@example.com", "ja", false, null, null, null), true);
    }

    byte[] export(RequestPostProcessor who) throws Exception {
        return mvc.perform(get("/staff/reports/export.csv").with(who)).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsByteArray();
    }

    @Test
    void csvHasBomHeaderCrlfQuotingAndTheFormulaGuard() throws Exception {
        String marker = UUID.randomUUID().toString();
        long id = submitRoad("=HYPERLINK(\"http://evil.example\") " + marker);
        long auditBefore = jdbc.sql("select count(*) from audit_entry where action = 'report.export'").query(Long.class).single();

        byte[] body = export(staff("admin@demo.machi.example", "STAFF", "DEPT_ADMIN", "SYSTEM_ADMIN"));
        assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String csv = new String(body, StandardCharsets.UTF_8).substring(1);
        assertThat(csv).startsWith("number,received,category,status,department,due date,overdue,address,lat,lon,published,description\r\n");
        String row = csv.lines().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        assertThat(row).contains(",\"旭丘1丁目, \"\"角\"\"\",")
            .contains(",受付,")
            .endsWith(",\"'=HYPERLINK(\"\"http://evil.example\"\") " + marker + "\"");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n");

        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'report.export'").query(Long.class).single())
            .isEqualTo(auditBefore + 1);
        assertThat(jdbc.sql("select subject from audit_entry where action = 'report.export' order by id desc limit 1")
            .query(String.class).single()).isEqualTo("reports");
    }

    @Test
    void staffOfAnotherDepartmentDoNotGetTheReport() throws Exception {
        long id = submitRoad("scope " + UUID.randomUUID());
        String csv = new String(export(staff("staff@demo.machi.example", "STAFF")), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFnumber,");
        assertThat(csv.lines().noneMatch(l -> l.startsWith(id + ","))).isTrue();
    }

    @Test
    void residentsCannotExport() throws Exception {
        mvc.perform(get("/staff/reports/export.csv"))
            .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(302, 401, 403));
    }
}
