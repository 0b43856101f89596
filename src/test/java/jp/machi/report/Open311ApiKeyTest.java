package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Staff issue an Open311 key (shown once, stored as a hash, audited), partners use it, staff revoke it. */
@MachiTest
class Open311ApiKeyTest {


    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    RequestPostProcessor as(String email, String... roles) {
        return jp.machi.support.StaffLogin.as(jdbc, email, roles);
    }

    @Test
    void anAdminIssuesAKeyThatWorksOnceShownAndThenRevokesIt() throws Exception {
        var admin = as("admin@demo.machi.example", "STAFF", "DEPT_ADMIN", "SYSTEM_ADMIN");
        String page = mvc.perform(post("/staff/reports/api-keys").param("partner", "試験パートナー").with(admin).with(csrf()))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("m311_[A-Za-z0-9_-]{43}").matcher(page);
        assertThat(m.find()).isTrue();
        String key = m.group();
        assertThat(jdbc.sql("select count(*) from open311_api_key where key_hash like ?").param("%" + key + "%")
            .query(Long.class).single()).as("only the hash is stored").isZero();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'open311.apikey.issue'").query(Long.class).single())
            .isPositive();
        String later = mvc.perform(get("/staff/reports/api-keys").with(admin)).andExpect(status().isOk()).andReturn()
            .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(later).contains("試験パートナー").doesNotContain(key);

        mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("api_key", key).param("service_code", "road").param("lat", "35.7356").param("long", "139.6516")
                .param("description", "穴があります"))
            .andExpect(status().isCreated());

        long id = jdbc.sql("select id from open311_api_key where partner = '試験パートナー' order by id desc limit 1")
            .query(Long.class).single();
        mvc.perform(post("/staff/reports/api-keys/" + id + "/revoke").with(admin).with(csrf()))
            .andExpect(status().is3xxRedirection());
        mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("api_key", key).param("service_code", "road").param("lat", "35.7356").param("long", "139.6516")
                .param("description", "穴があります"))
            .andExpect(status().isForbidden());
        // A blank partner name is a form error, not a key.
        String invalid = mvc.perform(post("/staff/reports/api-keys").param("partner", " ").with(admin).with(csrf()))
            .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(invalid).contains("error-summary").doesNotContainPattern("m311_[A-Za-z0-9_-]{43}");
    }

    @Test
    void staffWhoAreNotAdminsCannotManageKeys() throws Exception {
        var staff = as("staff@demo.machi.example", "STAFF");
        mvc.perform(get("/staff/reports/api-keys").with(staff)).andExpect(status().isForbidden());
        mvc.perform(post("/staff/reports/api-keys").param("partner", "x").with(staff).with(csrf()))
            .andExpect(status().isForbidden());
        mvc.perform(get("/staff/reports/api-keys")).andExpect(status().is4xxClientError());
        assertThat(List.of()).isEmpty();
    }
}
