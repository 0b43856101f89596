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

    /** Roles as names ({@code STAFF}) or authorities ({@code ROLE_STAFF}). */
    public static RequestPostProcessor as(JdbcClient jdbc, String email, String... roles) {
        long id = jdbc.sql("select id from account where lower(email) = lower(?)").param(email).query(Long.class).single();
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
            new Principal(id, email, email, "ja", true), null,
            Arrays.stream(roles).map(r -> new SimpleGrantedAuthority(r.startsWith("ROLE_") ? r : "ROLE_" + r)).toList()));
    }
}
