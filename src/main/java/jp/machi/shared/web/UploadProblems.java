package jp.machi.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The fallback for uploads anywhere: a body over the size limit is a 413 and a broken multipart body a 400 —
 * an accessible page for people, a JSON error for /api — never a 500. Modules may answer more precisely with
 * their own advice.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UploadProblems {

    private final MessageSource messages;

    public UploadProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        return answer(request, response, locale, 413, "upload_too_large", "error.413.text");
    }

    @ExceptionHandler(MultipartException.class)
    ModelAndView broken(HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        return answer(request, response, locale, 400, "bad_request", "error.upload.broken");
    }

    private ModelAndView answer(HttpServletRequest request, HttpServletResponse response, Locale locale, int status,
                                String error, String key) throws IOException {
        response.setStatus(status);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            Locale lang = request.getHeader("Accept-Language") != null
                && request.getHeader("Accept-Language").toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.JAPANESE;
            String message = messages.getMessage(key, null, lang).replace("\\", "\\\\").replace("\"", "\\\"");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
                + message + "\"}").getBytes(StandardCharsets.UTF_8));
            return null;
        }
        String titleKey = status == 413 ? "error.413.title" : "error.4xx.title";
        return new ModelAndView("error/upload", Map.of("titleKey", titleKey, "textKey", key,
            "reference", UUID.randomUUID().toString().substring(0, 8).toUpperCase()));
    }
}
