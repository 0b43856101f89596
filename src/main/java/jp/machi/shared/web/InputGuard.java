package jp.machi.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.machi.shared.text.TextInput;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one place where request parameters are normalised before anything reads them: every value (query string,
 * form, the text fields of a multipart form) and every name passes through {@link TextInput#clean} — no NUL or other
 * control character reaches a query, a template or the database — and a value longer than
 * {@link TextInput#MAX_LENGTH} stops the request before its handler with {@link InputRejected} (a 4xx in the
 * handler's own error format). JSON bodies get the same rule from the JSON mapper ({@link JsonTextInput}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21)
public class InputGuard extends OncePerRequestFilter implements WebMvcConfigurer {

    /** Request attribute: the name of a parameter whose value was too long. */
    static final String TOO_LONG = InputGuard.class.getName() + ".tooLong";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        Cleaned cleaned = new Cleaned(request);
        if (!UploadLimitGuard.refusedUpload(request)) {
            cleaned.getParameterMap(); // every value is looked at, also those the handler will not read
        }
        chain.doFilter(cleaned, response);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getAttribute(TOO_LONG) instanceof String parameter) {
                    request.removeAttribute(TOO_LONG); // once: a forward to an error page renders normally
                    throw new InputRejected(parameter);
                }
                return true;
            }
        }).order(Ordered.HIGHEST_PRECEDENCE);
    }

    private static final class Cleaned extends HttpServletRequestWrapper {
        private Map<String, String[]> cleaned;
        private Map<String, String[]> source;

        Cleaned(HttpServletRequest request) {
            super(request);
        }

        /** The normalised parameters, computed again only when the underlying map changes (a multipart body read later). */
        private Map<String, String[]> parameters() {
            Map<String, String[]> raw = super.getParameterMap();
            if (cleaned == null || raw != source || raw.size() != cleaned.size()) {
                Map<String, String[]> m = new LinkedHashMap<>();
                raw.forEach((name, values) -> {
                    String n = TextInput.clean(name);
                    String[] vs = new String[values.length];
                    for (int i = 0; i < values.length; i++) {
                        vs[i] = TextInput.clean(values[i]);
                        if (TextInput.tooLong(vs[i]) && getAttribute(TOO_LONG) == null) {
                            setAttribute(TOO_LONG, n);
                        }
                    }
                    m.merge(n, vs, (a, b) -> {
                        String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
                        System.arraycopy(b, 0, both, a.length, b.length);
                        return both;
                    });
                });
                cleaned = Collections.unmodifiableMap(m);
                source = raw;
            }
            return cleaned;
        }

        @Override
        public String getParameter(String name) {
            String[] v = parameters().get(name);
            return v == null || v.length == 0 ? null : v[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] v = parameters().get(name);
            return v == null ? null : v.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters().keySet());
        }
    }
}
