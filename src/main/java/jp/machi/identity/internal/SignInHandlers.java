package jp.machi.identity.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.web.WebConfiguration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * What happens around the password step. Residents are signed in at once. Staff get only the
 * "second factor pending" authority and are sent to enter (or first enrol) their TOTP code; their roles come
 * with {@link #completeSignIn}.
 */
@Component
public class SignInHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler,
    AccessDeniedHandler, LogoutHandler {

    /** Session attribute: the address typed in a failed sign-in, read once by the sign-in page. */
    public static final String LAST_EMAIL = "machi.login.email";

    private final SecurityContextRepository contexts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    private final AccessDeniedHandler denied = new AccessDeniedHandlerImpl();

    SignInHandlers(SecurityContextRepository contexts, AccountRepository accounts, LoginThrottle throttle,
                   AuditLog audit) {
        this.contexts = contexts;
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
        throws IOException {
        AccountUser user = (AccountUser) auth.getPrincipal();
        if (user.isStaff()) {
            save(request, response, UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority(SecurityConfiguration.PENDING_SECOND_FACTOR))));
            audit.record(new AuditEvent("identity.login.password", user.accountId(), user.email(), null,
                user.accountId(), "account:" + user.accountId(), AuditDetail.of("identity.audit.login.password"),
                request.getRemoteAddr()));
            boolean enrolled = accounts.findById(user.accountId()).map(Account::totpEnrolled).orElse(false);
            response.sendRedirect(request.getContextPath() + (enrolled ? "/login/2fa" : "/login/2fa/setup"));
            return;
        }
        throttle.succeeded(user.accountId(), request.getRemoteAddr());
        audit.record(new AuditEvent("identity.login.success", user.accountId(), user.email(), null, user.accountId(),
            "account:" + user.accountId(), AuditDetail.of("identity.audit.login.success"), request.getRemoteAddr()));
        rememberLanguage(response, user.preferredLanguage());
        SavedRequest saved = requestCache.getRequest(request, response);
        String target = saved != null && saved.getRedirectUrl().contains("/account") ? saved.getRedirectUrl()
            : request.getContextPath() + "/account";
        requestCache.removeRequest(request, response);
        response.sendRedirect(target);
    }

    /** After the second factor: the staff member gets their roles, in a new session id. */
    public void completeSignIn(HttpServletRequest request, HttpServletResponse response, AccountUser user)
        throws IOException {
        upgrade(request, response, user);
        SavedRequest saved = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        String target = saved != null ? saved.getRedirectUrl() : request.getContextPath() + "/staff";
        response.sendRedirect(target);
    }

    /** Gives the staff member their roles (second factor done), in a new session id, without redirecting. */
    public void upgrade(HttpServletRequest request, HttpServletResponse response, AccountUser user) {
        request.changeSessionId();
        save(request, response, UsernamePasswordAuthenticationToken.authenticated(user, null, user.roleAuthorities()));
        rememberLanguage(response, user.preferredLanguage());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String email = request.getParameter("email");
        String address = request.getRemoteAddr();
        AuditDetail reason;
        String query;
        if (exception instanceof LockedException) {
            reason = AuditDetail.of("identity.audit.login.locked");
            query = "locked";
        } else if (exception instanceof DisabledException) {
            reason = AuditDetail.of("identity.audit.login.unverified");
            query = "unverified";
        } else {
            reason = AuditDetail.of("identity.audit.login.wrong");
            query = "error";
            if (email != null && email.length() <= 254) {
                accounts.findActiveByEmail(email).ifPresent(throttle::accountFailed);
            }
            throttle.addressFailed(address);
        }
        Long accountId = email == null || email.length() > 254 ? null
            : accounts.findActiveByEmail(email).map(Account::id).orElse(null);
        audit.record(new AuditEvent("identity.login.failure", null, truncate(email), null, accountId,
            accountId == null ? "login" : "account:" + accountId, reason, address));
        // the sign-in page shows the address again (and offers to send the verification mail again), never the password
        if (email != null && email.length() <= 254) {
            request.getSession().setAttribute(LAST_EMAIL, email.strip());
        }
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
        throws IOException, jakarta.servlet.ServletException {
        Authentication auth = holder.getContext().getAuthentication();
        boolean pending = auth != null && auth.getAuthorities().stream()
            .anyMatch(a -> SecurityConfiguration.PENDING_SECOND_FACTOR.equals(a.getAuthority()));
        if (pending && "GET".equals(request.getMethod())) {
            requestCache.saveRequest(request, response);
            response.sendRedirect(request.getContextPath() + "/login/2fa");
            return;
        }
        if (auth != null && auth.getPrincipal() instanceof AccountUser u) {
            audit.record(new AuditEvent("identity.access.denied", u.accountId(), u.email(), null, null,
                truncate(request.getRequestURI()), AuditDetail.of("identity.audit.access.denied", request.getMethod()), request.getRemoteAddr()));
        }
        denied.handle(request, response, e);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (request.getSession(false) != null) {
            request.getSession(false).removeAttribute(CurrentActor.PROXY_SESSION_KEY);
        }
        if (authentication != null && authentication.getPrincipal() instanceof AccountUser u) {
            audit.record(new AuditEvent("identity.logout", u.accountId(), u.email(), null, u.accountId(),
                "account:" + u.accountId(), AuditDetail.of("identity.audit.logout"), request.getRemoteAddr()));
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response, Authentication auth) {
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(auth);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    static void rememberLanguage(HttpServletResponse response, String language) {
        Cookie cookie = new Cookie(WebConfiguration.LOCALE_COOKIE, "en".equals(language) ? "en" : "ja");
        cookie.setPath("/");
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 200 ? s.substring(0, 200) : s;
    }
}
