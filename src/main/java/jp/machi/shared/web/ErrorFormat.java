package jp.machi.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A machine interface with an error format of its own (Open311, CKAN …), contributed by the module that owns it:
 * {@link ApiProblems} answers every refusal Spring MVC or {@link InputGuard} makes on such a request (unknown path or
 * method, unknown content type, missing or unreadable parameter, over-long value) in this format instead of RFC 9457
 * problem details — also when no handler was found, where a module's own advice cannot act.
 */
public interface ErrorFormat {

    /** Whether requests like this one are answered in this format (usually by path). */
    boolean appliesTo(HttpServletRequest request);

    /** The error answer; {@code messageKey} with {@code args} is the explanation, {@code parameter} may be null. */
    ResponseEntity<?> answer(HttpServletRequest request, HttpStatus status, String parameter, String messageKey, Object... args);
}
