package jp.machi.shared.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal of a JSON API request, answered by {@link ApiProblems} as RFC 9457 problem details: the status, a short
 * stable {@code code} for programs, the offending {@code parameter} (may be null) and a message key that is rendered in
 * the request's language ({@link ApiLanguage}). Throw it from an {@code api} controller instead of building an error
 * body by hand.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String parameter;
    private final String messageKey;
    private final Object[] args;

    public ApiProblem(HttpStatus status, String code, String parameter, String messageKey, Object... args) {
        super(status.value() + " " + code + (parameter == null ? "" : " (" + parameter + ")"), null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
        this.messageKey = messageKey;
        this.args = args;
    }

    /** 400, code {@code bad-request}. */
    public static ApiProblem badRequest(String parameter, String messageKey, Object... args) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "bad-request", parameter, messageKey, args);
    }

    /** 404, code {@code not-found}. */
    public static ApiProblem notFound(String parameter, String messageKey, Object... args) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", parameter, messageKey, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String parameter() {
        return parameter;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
