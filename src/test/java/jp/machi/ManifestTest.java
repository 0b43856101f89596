package jp.machi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.Locale;
import jp.machi.shared.manifest.AccountLink;
import jp.machi.shared.manifest.AccountSection;
import jp.machi.shared.manifest.Audience;
import jp.machi.shared.manifest.CspSource;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.Role;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * A module becomes reachable by declaring contribution beans, without editing identity or portal: a module that
 * exists only in this test adds a home-page service, a header link, a staff-menu entry for system admins, a My Page
 * section with a status line and an image source for the CSP, and each appears where people look for it.
 */
@MachiTest
@Import(ManifestTest.ImaginaryModule.class)
class ManifestTest {

    /** The manifest of a module that does not exist (its pages point to an existing page). */
    @TestConfiguration(proxyBeanMethods = false)
    static class ImaginaryModule {
        @Bean
        ServiceLink imaginaryService() {
            return new ServiceLink(5, "holiday.service.title", "holiday.service.description", "/holidays?from=manifest");
        }

        @Bean
        NavLink imaginaryNav() {
            return new NavLink(99, "holiday.menu", "/holidays?from=nav", Audience.EVERYONE);
        }

        @Bean
        StaffMenuEntry imaginaryStaffEntry() {
            return new StaffMenuEntry(1, "holiday.menu", "holiday.menu.text", "/holidays?from=staff", Role.SYSTEM_ADMIN);
        }

        @Bean
        AccountSection imaginarySection() {
            return new AccountSection() {
                @Override
                public int order() {
                    return 1;
                }

                @Override
                public String titleKey() {
                    return "holiday.menu";
                }

                @Override
                public List<AccountLink> links(long accountId, boolean staff, Locale locale) {
                    return List.of(new AccountLink("holiday.service.title", "/holidays?from=account",
                        "status for account " + accountId));
                }
            };
        }

        @Bean
        CspSource imaginaryTiles() {
            return new CspSource("img-src", "https://tiles.example.org");
        }
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    @Test
    void theHomePageAndTheHeaderShowTheContributions() throws Exception {
        var home = mvc.perform(get("/").header("Accept-Language", "ja")).andReturn().getResponse();
        String body = home.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("href=\"/holidays?from=manifest\"", "href=\"/holidays?from=nav\"");
        // the service with order 5 comes before the facility finder (order 10)
        assertThat(body.indexOf("/holidays?from=manifest")).isLessThan(body.indexOf("href=\"/facilities\"", body.indexOf("<main")));
        assertThat(home.getHeader("Content-Security-Policy")).contains("img-src 'self' data:", "https://tiles.example.org");
        assertThat(home.getHeader("Content-Security-Policy")).doesNotContain("script-src 'self' https");
    }

    @Test
    void theStaffHomeShowsAnEntryOnlyToTheRoleItNames() throws Exception {
        String admin = StaffLogin.body(mvc.perform(get("/staff").with(StaffLogin.admin(jdbc))));
        assertThat(admin).contains("/holidays?from=staff", "/staff/reports");
        String staff = StaffLogin.body(mvc.perform(get("/staff").with(StaffLogin.staff(jdbc))));
        assertThat(staff).doesNotContain("/holidays?from=staff").contains("/staff/reports", "/staff/residents");
    }

    @Test
    void myPageShowsTheSectionWithItsStatusLine() throws Exception {
        long id = jdbc.sql("select id from account where email = 'resident@demo.machi.example'").query(Long.class).single();
        String page = StaffLogin.body(mvc.perform(get("/account")
            .with(StaffLogin.as(jdbc, "resident@demo.machi.example", "RESIDENT"))));
        assertThat(page).contains("/holidays?from=account", "status for account " + id, "/account/bookings");
    }
}
