package jp.machi.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Makes a too-large upload reach the handling of the module it was sent to (a 413 page in the person's language,
 * an Open311 error, a staff form's message) over real HTTP; it acts on every multipart request of the application. Tomcat 11 throws from {@code getParameter} when a multipart body is over the
 * limits, and filters that run before Spring MVC read parameters (the CSRF filter reads {@code _csrf}, the
 * locale interceptor {@code lang}); the exception then bypassed every handler and the browser got Tomcat's
 * bare English 413 page. Here a multipart request's parameters fall back to the query string when the body is
 * too large, the failure is remembered, and an interceptor raises {@link MaxUploadSizeExceededException} for the
 * handler (once per request, so an advice may forward to a page of its own), where the module's advice (e.g. the
 * report module's) or, for every other handler, {@link UploadProblems} answers it. Nothing is stored.
 * Multipart bodies are parsed here, before the security filters, so forms carry their CSRF token in a hidden field.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class UploadLimitGuard extends OncePerRequestFilter implements WebMvcConfigurer {

    /** Request attribute set when the multipart body was over the limits. */
    public static final String TOO_LARGE = UploadLimitGuard.class.getName() + ".tooLarge";
    private static final String RAISED = UploadLimitGuard.class.getName() + ".raised";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        Guarded guarded = new Guarded(request);
        // parsed here, before the security filters: the CSRF filter then finds the form's hidden _csrf field (no
        // token in the URL, where logs and history would keep it), and a body over the limits is known as such
        guarded.getParameter("_csrf"); // Tomcat reports a body over the limits from getParameter (not getParameterMap)
        chain.doFilter(guarded, response);
    }

    /**
     * Whether this request's multipart body was over the limits. Its form fields (the CSRF token among them) cannot be
     * read, and it is refused before any handler runs ({@link MaxUploadSizeExceededException}), so the security
     * configuration lets it pass the CSRF check to reach the module's 413 answer instead of a bare 403.
     */
    public static boolean refusedUpload(HttpServletRequest request) {
        return request.getAttribute(TOO_LARGE) != null;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getAttribute(TOO_LARGE) != null && request.getAttribute(RAISED) == null) {
                    request.setAttribute(RAISED, Boolean.TRUE); // once: a forward to an error page renders normally
                    throw new MaxUploadSizeExceededException(-1);
                }
                return true;
            }
        }).order(Ordered.LOWEST_PRECEDENCE);
    }

    /** Whether Tomcat refused a parameter read because the multipart body was over the limits. */
    public static boolean tooLarge(RuntimeException e) {
        return e instanceof InvalidParameterException p && p.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
    }

    private static final class Guarded extends HttpServletRequestWrapper {
        private MultiValueMap<String, String> query;

        Guarded(HttpServletRequest request) {
            super(request);
        }

        private MultiValueMap<String, String> query() {
            setAttribute(TOO_LARGE, Boolean.TRUE);
            if (query == null) {
                String q = getQueryString();
                query = UriComponentsBuilder.newInstance().query(q == null ? "" : q).build().getQueryParams();
                // decoded values, as getParameter gives them
                var decoded = new org.springframework.util.LinkedMultiValueMap<String, String>();
                query.forEach((k, vs) -> vs.forEach(v -> decoded.add(decode(k), v == null ? "" : decode(v))));
                query = decoded;
            }
            return query;
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String getParameter(String name) {
            try {
                return super.getParameter(name);
            } catch (RuntimeException e) {
                if (!tooLarge(e)) {
                    throw e;
                }
                return query().getFirst(name);
            }
        }

        @Override
        public String[] getParameterValues(String name) {
            try {
                return super.getParameterValues(name);
            } catch (RuntimeException e) {
                if (!tooLarge(e)) {
                    throw e;
                }
                List<String> v = query().get(name);
                return v == null ? null : v.toArray(String[]::new);
            }
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            try {
                return super.getParameterMap();
            } catch (RuntimeException e) {
                if (!tooLarge(e)) {
                    throw e;
                }
                Map<String, String[]> m = new java.util.LinkedHashMap<>();
                query().forEach((k, v) -> m.put(k, v.toArray(String[]::new)));
                return Collections.unmodifiableMap(m);
            }
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public Collection<Part> getParts() throws IOException, ServletException {
            try {
                return super.getParts();
            } catch (RuntimeException e) {
                if (!tooLarge(e)) {
                    throw e;
                }
                setAttribute(TOO_LARGE, Boolean.TRUE);
                throw new MaxUploadSizeExceededException(-1, e);
            }
        }

        @Override
        public Part getPart(String name) throws IOException, ServletException {
            try {
                return super.getPart(name);
            } catch (RuntimeException e) {
                if (!tooLarge(e)) {
                    throw e;
                }
                setAttribute(TOO_LARGE, Boolean.TRUE);
                throw new MaxUploadSizeExceededException(-1, e);
            }
        }
    }
}
