package jp.machi.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <personal access token>}: the request acts with the person's roles, for this
 * request only (no session). An unknown or revoked token is a 401 with a JSON error, never a fallback to
 * anonymous.
 */

class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;
    private final Clock clock;

    BearerTokenFilter(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        var account = tokens.authenticate(header.substring(7).trim());
        if (account.isEmpty()) {
            boolean english = request.getHeader("Accept-Language") != null
                && request.getHeader("Accept-Language").toLowerCase().startsWith("en");
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            String message = english ? "The access token is unknown, revoked or belongs to an unusable account."
                : "アクセストークンが無効です（存在しない、取り消された、または利用できないアカウントのものです）。";
            response.getOutputStream().write(("{\"status\":401,\"error\":\"invalid_token\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8));
            return;
        }
        AccountUser user = new AccountUser(account.get(), clock.instant());
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.roleAuthorities()));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.getContextHolderStrategy().clearContext();
        }
    }
}
