package jp.machi.shared.security;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting now, and for whom. A staff member acting for a resident (代理入力) keeps their own identity;
 * the resident they act for is kept in the session under {@link #PROXY_SESSION_KEY}.
 */
public final class CurrentActor {

    /** Session attribute holding the {@link ProxySubject} a staff member acts for. */
    public static final String PROXY_SESSION_KEY = "machi.proxy";

    private CurrentActor() {}

    public static Optional<MachiPrincipal> principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof MachiPrincipal p) {
            return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The authority of a staff member who gave the password but not yet the second factor. */
    public static final String PENDING_SECOND_FACTOR = "MFA_PENDING";

    /** True while a staff member has given the password but not yet the second factor (they hold no roles yet). */
    public static boolean secondFactorPending() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> PENDING_SECOND_FACTOR.equals(a.getAuthority()));
    }

    /** The resident a staff member is acting for in this session, if any. */
    public static Optional<ProxySubject> actingFor() {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs instanceof ServletRequestAttributes sra) {
            HttpSession session = sra.getRequest().getSession(false);
            if (session != null && session.getAttribute(PROXY_SESSION_KEY) instanceof ProxySubject s
                && principal().map(MachiPrincipal::isStaff).orElse(false)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The client address of the current request, or null outside a request. */
    public static String remoteAddress() {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs instanceof ServletRequestAttributes sra) {
            return sra.getRequest().getRemoteAddr();
        }
        return null;
    }

    /** The resident a staff member acts for (代理入力). */
    public record ProxySubject(long accountId, String displayName) implements java.io.Serializable {}
}
