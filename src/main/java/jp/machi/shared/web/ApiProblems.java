package jp.machi.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.machi.shared.text.TextInput;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * One error body for every JSON API under {@code /api/**}: RFC 9457 problem details
 * ({@code application/problem+json}, Spring's {@link ProblemDetail}) with
 * <ul>
 *   <li>{@code type} {@code about:blank} and {@code title} the HTTP status phrase,</li>
 *   <li>{@code detail}: what went wrong, in the request's language ({@link ApiLanguage}),</li>
 *   <li>extension member {@code code}: a short stable code for programs ({@code bad-request}, {@code not-found},
 *       {@code unsupported-media-type} … or a module's own, e.g. {@code taken}),</li>
 *   <li>extension member {@code parameter}: the offending parameter (query or form parameter, JSON field, path
 *       variable, {@code body}, or a header such as {@code Content-Type}); absent when no single one is at fault.</li>
 * </ul>
 * Controllers throw {@link ApiProblem}; whatever Spring MVC refuses before or while binding (missing or unreadable
 * parameters, path ids that are not numbers, unknown content types, unreadable bodies, failed Bean Validation) is
 * answered here too, never as a 500. A value the database cannot hold that slipped past validation (SQLSTATE class
 * 22: too long, out of range, bad character) is a 400 as well. Pages keep Spring's error pages (the exception goes on
 * to the next resolver); Open311 answers in its own format from its own advice. Too large or broken uploads are
 * answered by {@link UploadProblems}, in this format for the APIs.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class ApiProblems {

    private static final Set<HttpMethod> ANY = Set.of();
    private final MessageSource messages;
    private final List<ErrorFormat> formats;

    public ApiProblems(MessageSource messages, List<ErrorFormat> formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /**
     * The answer to a refusal: in the error format of the interface the request belongs to ({@link ErrorFormat}),
     * else problem details for {@code /api/**}; null for pages (the exception goes on to Spring's error pages).
     */
    private ResponseEntity<?> refuse(HttpServletRequest request, HttpStatus status, String code, String parameter,
                                     String key, Object... args) {
        for (ErrorFormat f : formats) {
            if (f.appliesTo(request)) {
                return f.answer(request, status, parameter, key, args);
            }
        }
        return isApi(request) ? answer(request, status, code, parameter, key, args) : null;
    }

    /** Whether a request is one of the JSON APIs (answers problem details). */
    public static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/");
    }

    /** A problem details answer; the {@code detail} is the message of {@code key} in the request's language. */
    public ResponseEntity<ProblemDetail> answer(HttpServletRequest request, HttpStatus status, String code,
                                                String parameter, String key, Object... args) {
        Locale locale = ApiLanguage.of(request);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, messages.getMessage(key, args, key, locale));
        body.setTitle(status.getReasonPhrase());
        body.setProperty("code", code);
        if (parameter != null) {
            body.setProperty("parameter", parameter);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage()).body(body);
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e, HttpServletRequest request) {
        return answer(request, e.status(), e.code(), e.parameter(), e.messageKey(), e.args());
    }

    @ExceptionHandler(InputRejected.class)
    ResponseEntity<?> rejected(InputRejected e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResponseEntity<?> answer = refuse(request, HttpStatus.BAD_REQUEST, "bad-request", e.parameter(), e.messageKey(),
            TextInput.MAX_LENGTH);
        if (answer == null) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
        return answer;
    }

    /** A value PostgreSQL refuses as data (SQLSTATE class 22) is the client's mistake, on every path. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<?> data(DataAccessException e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (!isDataError(e)) {
            throw e;
        }
        ResponseEntity<?> answer = refuse(request, HttpStatus.BAD_REQUEST, "bad-request", null, "problem.value");
        if (answer == null) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
        return answer;
    }

    static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<?> missing(MissingServletRequestParameterException e, HttpServletRequest request) throws Exception {
        return orElseThrow(refuse(request, HttpStatus.BAD_REQUEST, "bad-request", e.getParameterName(), "problem.missing", e.getParameterName()), e);
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<?> missingPart(MissingServletRequestPartException e, HttpServletRequest request) throws Exception {
        return orElseThrow(refuse(request, HttpStatus.BAD_REQUEST, "bad-request", e.getRequestPartName(), "problem.missing", e.getRequestPartName()), e);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<?> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) throws Exception {
        return orElseThrow(refuse(request, HttpStatus.BAD_REQUEST, "bad-request", e.getHeaderName(), "problem.missing", e.getHeaderName()), e);
    }

    /** A parameter or path variable that is not of its type, e.g. {@code /api/v1/bookings/abc}. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<?> type(MethodArgumentTypeMismatchException e, HttpServletRequest request) throws Exception {
        return orElseThrow(refuse(request, HttpStatus.BAD_REQUEST, "bad-request", e.getName(), "problem.type", e.getName()), e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<?> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) throws Exception {
        return orElseThrow(refuse(request, HttpStatus.BAD_REQUEST, "bad-request", "body", "problem.body"), e);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<?> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) throws Exception {
        String supported = e.getSupportedMediaTypes().isEmpty() ? "application/json"
            : StringUtils.collectionToDelimitedString(e.getSupportedMediaTypes(), ", ");
        ResponseEntity<?> answer = orElseThrow(refuse(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
            "Content-Type", "problem.mediaType", supported), e);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
            .header(HttpHeaders.ACCEPT, supported).body(answer.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<?> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) throws Exception {
        return orElseThrow(refuse(request, HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Accept", "problem.notAcceptable"), e);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<?> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) throws Exception {
        ResponseEntity<?> answer = orElseThrow(refuse(request, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", null,
            "problem.method", e.getMethod()), e);
        var allowed = e.getSupportedHttpMethods() == null ? ANY : e.getSupportedHttpMethods();
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
            .allow(allowed.toArray(HttpMethod[]::new)).body(answer.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<?> noResource(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        return orElseThrow(refuse(request, HttpStatus.NOT_FOUND, "not-found", null, "problem.notFound"), e);
    }

    /** A path no controller and no static resource answers (static files are served below their own paths only). */
    @ExceptionHandler(org.springframework.web.servlet.NoHandlerFoundException.class)
    ResponseEntity<?> noHandler(org.springframework.web.servlet.NoHandlerFoundException e, HttpServletRequest request)
        throws Exception {
        return orElseThrow(refuse(request, HttpStatus.NOT_FOUND, "not-found", null, "problem.notFound"), e);
    }

    /** Bean Validation of a {@code @RequestBody} or {@code @ModelAttribute} record: the first field at fault. */
    @ExceptionHandler(BindException.class)
    ResponseEntity<?> invalid(BindException e, HttpServletRequest request) throws Exception {
        FieldError field = e.getFieldError();
        if (field == null || !isApi(request)) {
            return orElseThrow(refuse(request, HttpStatus.BAD_REQUEST, "bad-request", field == null ? "body" : field.getField(),
                field == null ? "problem.body" : "problem.invalid", field == null ? null : field.getField()), e);
        }
        return resolvable(request, field.getField(), field);
    }

    /** Bean Validation of parameters ({@code @RequestParam @Size …}): the first parameter at fault. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<?> invalidParameter(HandlerMethodValidationException e, HttpServletRequest request) throws Exception {
        var result = e.getParameterValidationResults().getFirst();
        String name = result.getMethodParameter().getParameterName();
        var requestParam = result.getMethodParameter().getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            name = requestParam.name();
        }
        if (!isApi(request)) {
            return orElseThrow(refuse(request, HttpStatus.BAD_REQUEST, "bad-request", name, "problem.invalid", name), e);
        }
        return resolvable(request, name, result.getResolvableErrors().getFirst());
    }

    private ResponseEntity<ProblemDetail> resolvable(HttpServletRequest request, String parameter, MessageSourceResolvable error) {
        Locale locale = ApiLanguage.of(request);
        String detail = messages.getMessage(error, locale);
        ResponseEntity<ProblemDetail> answer = answer(request, HttpStatus.BAD_REQUEST, "bad-request", parameter, "problem.invalid", parameter);
        answer.getBody().setDetail(detail);
        return answer;
    }

    /** Lets the exception go on to the next resolver (Spring's error pages) when no format answers it. */
    private static ResponseEntity<?> orElseThrow(ResponseEntity<?> answer, Exception e) throws Exception {
        if (answer == null) {
            throw e;
        }
        return answer;
    }

}
