package jp.machi.reservation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The error bodies of reservation's JSON APIs: RFC 9457 problem details ({@code application/problem+json}) with two
 * extension members, {@code error} (a code for programs: {@code bad-request}, {@code not-found}, {@code taken} …) and
 * {@code parameter} (the offending query parameter, path variable, header or JSON member, when one is to blame); the
 * {@code detail} is in the caller's language (Japanese unless Accept-Language puts English first).
 */
public final class ApiProblems {

    private ApiProblems() {}

    /** The API speaks the language of Accept-Language: Japanese unless English comes first. */
    public static Locale language(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.JAPANESE;
        }
        return "en".equals(request.getLocale().getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
    }

    /** The problem with its detail from message {@code key} (with {@code args}) in {@code locale}. */
    public static ProblemDetail problem(HttpStatus status, String error, String parameter, MessageSource messages, String key,
                                        Locale locale, Object... args) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, messages.getMessage(key, args, locale));
        p.setProperty("error", error);
        if (parameter != null) {
            p.setProperty("parameter", parameter);
        }
        return p;
    }

    /** The problem as a response. */
    public static <T> ResponseEntity<T> response(ProblemDetail problem) {
        @SuppressWarnings("unchecked")
        T body = (T) problem;
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
