package jp.machi.reservation.booking.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jp.machi.reservation.booking.internal.BookingRateLimiter;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.ApiLanguage;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The booking endpoints' rate limits: a POST to {@code /api/v1/bookings}, {@code /account/bookings/new} or
 * {@code /account/group/bookings/new} over the per-account or per-address limit answers 429 with
 * {@code Retry-After} — a problem detail for the API, the application's 429 page for people — before anything is booked.
 */
@Configuration
class BookingRateLimits implements WebMvcConfigurer {

    static final String[] PATHS = {"/api/v1/bookings", "/account/bookings/new", "/account/group/bookings/new"};

    /** The request was over a limit. */
    static class RateLimited extends RuntimeException {
        final long retryAfter;

        RateLimited(long retryAfter) {
            super("rate limited", null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    private final BookingRateLimiter limiter;

    BookingRateLimits(BookingRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (!"POST".equals(request.getMethod())) {
                    return true;
                }
                Long account = CurrentActor.principal().map(MachiPrincipal::accountId).orElse(null);
                var decision = limiter.request(account, request.getRemoteAddr());
                if (!decision.allowed()) {
                    throw new RateLimited(decision.retryAfterSeconds());
                }
                return true;
            }
        }).addPathPatterns(PATHS);
    }

    /** Answers {@link RateLimited}: 429, Retry-After, and a message in the user's language. */
    @ControllerAdvice(basePackages = "jp.machi.reservation")
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {

        private final MessageSource messages;

        Advice(MessageSource messages) {
            this.messages = messages;
        }

        @ExceptionHandler(RateLimited.class)
        ModelAndView limited(RateLimited e, HttpServletRequest request, HttpServletResponse response, Locale locale)
            throws IOException {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(e.retryAfter));
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                Locale lang = ApiLanguage.of(request);
                String message = messages.getMessage("reservation.rateLimited", new Object[] {e.retryAfter}, lang)
                    .replace("\\", "\\\\").replace("\"", "\\\"");
                // a problem detail (RFC 9457), written here because this handler also answers pages
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Content-Language", lang.getLanguage());
                response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                    + "\"detail\":\"" + message + "\",\"code\":\"rate-limited\",\"retryAfter\":" + e.retryAfter + "}")
                    .getBytes(StandardCharsets.UTF_8));
                return null;
            }
            // the application's accessible 429 page (error/429), in the page's language
            response.sendError(429);
            return new ModelAndView();
        }
    }
}
