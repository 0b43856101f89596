package jp.machi.inquiry;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.util.List;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** MockMvc requests as the demo resident (a real account, signed in, not staff). */
final class Residents {

    record Principal(long accountId, String displayName, String email, String preferredLanguage, boolean isStaff)
        implements MachiPrincipal {}

    private Residents() {}

    static long demoResidentId(JdbcClient jdbc) {
        return jdbc.sql("select id from account where lower(email) = 'resident@demo.machi.example'").query(Long.class).single();
    }

    static RequestPostProcessor demoResident(JdbcClient jdbc) {
        long id = demoResidentId(jdbc);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
            new Principal(id, "練馬 花子", "resident@demo.machi.example", "ja", false), null,
            List.of(new SimpleGrantedAuthority("ROLE_RESIDENT"))));
    }
}
