package jp.machi.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc requests on pages and forms as a signed-in resident (a browser session with its CSRF token). API tokens
 * open only the machine API (/api/**), so page tests sign in this way rather than with {@code Authorization: Bearer}.
 */
public final class SignedIn {

    private SignedIn() {}

    /** The resident with this account id, signed in, with the form's CSRF token (harmless on a GET). */
    public static RequestPostProcessor resident(long accountId) {
        var principal = new StaffLogin.Principal(accountId, "resident " + accountId, "resident-" + accountId + "@example.com",
            "ja", false);
        RequestPostProcessor signedIn = authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
            List.of(new SimpleGrantedAuthority("ROLE_RESIDENT"))));
        RequestPostProcessor withCsrf = csrf();
        return request -> withCsrf.postProcessRequest(signedIn.postProcessRequest(request));
    }
}
