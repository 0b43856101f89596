package jp.machi.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes through the machine APIs (/api, /open311) never act with the browser's session: only a Bearer token
 * (or no one) is the caller. That is why those paths need no CSRF token — another site can make a browser send
 * the session cookie, but the cookie grants nothing there.
 */
class StatelessApiFilter extends OncePerRequestFilter {

    static boolean isMachineApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/open311/");
    }

    static boolean isSafe(HttpServletRequest request) {
        String m = request.getMethod();
        return "GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isMachineApi(request) || isSafe(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        var holder = SecurityContextHolder.getContextHolderStrategy();
        var previous = holder.getContext();
        holder.setContext(holder.createEmptyContext());
        try {
            chain.doFilter(request, response);
        } finally {
            // not saved: the session keeps its sign-in for the browser's own pages
            holder.setContext(previous);
        }
    }
}
