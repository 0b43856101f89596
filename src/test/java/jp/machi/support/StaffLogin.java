package jp.machi.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.util.Arrays;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc requests as a real (demo) staff account, already past the second factor: the principal carries the
 * account's real id, so the application's own checks (department scope, audit) see the right person.
 */
public final class StaffLogin {

    record Principal(long accountId, String displayName, String email, String preferredLanguage, boolean isStaff)
        implements MachiPrincipal {}

    private StaffLogin() {}

    /** MockMvc over the whole application with Spring Security's filters. */
    public static org.springframework.test.web.servlet.MockMvc mockMvc(
        org.springframework.web.context.WebApplicationContext context) {
        return org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context)
            .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
            .build();
    }

    /** The demo system admin (all departments). */
    public static RequestPostProcessor admin(JdbcClient jdbc) {
        return as(jdbc, "admin@demo.machi.example", "SYSTEM_ADMIN", "DEPT_ADMIN", "STAFF");
    }

    /** The demo staff member of 広聴広報課 (a department that owns no facilities). */
    public static RequestPostProcessor staff(JdbcClient jdbc) {
        return as(jdbc, "staff@demo.machi.example", "STAFF");
    }

    /** Roles as names ({@code STAFF}) or authorities ({@code ROLE_STAFF}). */
    public static RequestPostProcessor as(JdbcClient jdbc, String email, String... roles) {
        long id = jdbc.sql("select id from account where lower(email) = lower(?)").param(email).query(Long.class).single();
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
            new Principal(id, email, email, "ja", true), null,
            Arrays.stream(roles).map(r -> new SimpleGrantedAuthority(r.startsWith("ROLE_") ? r : "ROLE_" + r)).toList()));
    }

    /** The body of a MockMvc answer as UTF-8 text. */
    public static String body(org.springframework.test.web.servlet.ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
