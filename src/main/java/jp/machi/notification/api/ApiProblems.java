package jp.machi.notification.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.notification.internal.Problem;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details for this module's JSON API, in the shape of the house's error body
 * ({@link jp.machi.shared.web.ApiProblems}: title the status phrase, {@code code}, {@code parameter}, the detail in the
 * caller's language) plus every problem in {@code errors} ({@code [{parameter, message}]}).
 */
final class ApiProblems {

    private ApiProblems() {}

    static ResponseEntity<Object> of(HttpStatus status, List<Problem> problems, MessageSource messages, Locale locale) {
        Problem first = problems.getFirst();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, message(first, messages, locale));
        p.setTitle(status.getReasonPhrase());
        p.setProperty("code", switch (status) {
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            default -> "bad-request";
        });
        p.setProperty("parameter", first.field());
        p.setProperty("errors", problems.stream()
            .map(x -> Map.of("parameter", x.field(), "message", message(x, messages, locale))).toList());
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
            .header(org.springframework.http.HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage()).body(p);
    }

    static ResponseEntity<Object> of(HttpStatus status, String field, String key, MessageSource messages, Locale locale,
                                     Object... args) {
        return of(status, List.of(Problem.of(field, key, args)), messages, locale);
    }

    static String message(Problem p, MessageSource messages, Locale locale) {
        return messages.getMessage(p.key(), p.args().toArray(), p.key(), locale);
    }
}
