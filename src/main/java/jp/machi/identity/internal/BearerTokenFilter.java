package jp.machi.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jp.machi.shared.security.Role;
import jp.machi.shared.security.TokenScope;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the machine API. A token authenticates one request (no session) and only
 * where it belongs:
 * <ul>
 *   <li>only under {@code /api/} and {@code /actuator/} — on a page or form it is refused (401), never a sign-in;</li>
 *   <li>only for the requests its scopes open ({@link TokenScope#requests()}) — anything else is 403
 *       {@code insufficient_scope};</li>
 *   <li>with the authorities {@code SCOPE_<name>} of its scopes, and the resident role for a resident's own scope;
 *       never staff roles, so a staff token never counts as a signed-in staff member.</li>
 * </ul>
 * An unknown, revoked or expired token is a 401 with a JSON error, never a fallback to anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;
    private final TokenScopes scopes;
    private final Clock clock;

    BearerTokenFilter(ApiTokenService tokens, TokenScopes scopes, Clock clock) {
        this.tokens = tokens;
        this.scopes = scopes;
        this.clock = clock;
    }

    /** The paths where a token can be used at all: the JSON API and the monitoring endpoints. */
    static boolean tokenPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        if (!jp.machi.shared.security.BearerHeader.present(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean english = request.getHeader("Accept-Language") != null
            && request.getHeader("Accept-Language").toLowerCase().startsWith("en");
        if (!tokenPath(request)) {
            refuse(response, 401, "invalid_request", "Bearer error=\"invalid_request\"", english
                ? "Access tokens work only for the machine API (/api/...). Pages and forms need a signed-in session."
                : "アクセストークンで使えるのはAPI（/api/…）だけです。画面やフォームはログインして使ってください。");
            return;
        }
        var grant = tokens.authenticate(request.getHeader("Authorization").substring(7).trim());
        if (grant.isEmpty()) {
            refuse(response, 401, "invalid_token", "Bearer error=\"invalid_token\"", english
                ? "The access token is unknown, revoked, expired or belongs to an unusable account."
                : "アクセストークンが無効です（存在しない、取り消された、期限切れ、または利用できないアカウントのものです）。");
            return;
        }
        List<TokenScope> granted = grant.get().scopes();
        if (!scopes.opens(granted, request)) {
            String held = granted.stream().map(TokenScope::name).collect(Collectors.joining(" "));
            refuse(response, 403, "insufficient_scope", "Bearer error=\"insufficient_scope\"", english
                ? "This access token's scopes (" + held + ") do not allow this request."
                : "このアクセストークンのスコープ（" + held + "）では、このリクエストはできません。");
            return;
        }
        AccountUser user = new AccountUser(grant.get().account(), clock.instant());
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (TokenScope s : granted) {
            authorities.add(new SimpleGrantedAuthority(s.authority()));
            if (TokenScope.RESIDENT.equals(s.name())) {
                authorities.add(new SimpleGrantedAuthority(Role.RESIDENT.authority()));
            }
        }
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.getContextHolderStrategy().clearContext();
        }
    }

    private static void refuse(HttpServletResponse response, int status, String error, String challenge, String message)
        throws IOException {
        response.setStatus(status);
        response.setHeader("WWW-Authenticate", challenge);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
            + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
