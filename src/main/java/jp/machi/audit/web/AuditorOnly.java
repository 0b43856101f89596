package jp.machi.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Defence in depth for the audit pages: besides the URL rule of the security configuration and
 * {@code @PreAuthorize} on the controller, refuse anyone without ROLE_AUDITOR before a handler runs. An
 * AccessDeniedException here is turned into 403 (or a sign-in for anonymous users) by Spring Security.
 */
@Configuration(proxyBeanMethods = false)
class AuditorOnly implements WebMvcConfigurer, HandlerInterceptor {

    static final String ROLE = "ROLE_AUDITOR";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/audit", "/audit/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean auditor = auth != null && auth.isAuthenticated()
            && auth.getAuthorities().stream().anyMatch(a -> ROLE.equals(a.getAuthority()));
        if (!auditor) {
            throw new AccessDeniedException("The audit log is for auditors only");
        }
        return true;
    }
}
