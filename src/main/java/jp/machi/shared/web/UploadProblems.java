package jp.machi.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The fallback for uploads anywhere: a body over the size limit is a 413 and a broken multipart body a 400 —
 * an accessible page for people, problem details ({@link ApiProblems}) for /api — never a 500. Modules may answer more precisely with
 * their own advice.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UploadProblems {

    private final ApiProblems problems;
    private final tools.jackson.databind.json.JsonMapper json;

    public UploadProblems(ApiProblems problems, tools.jackson.databind.json.JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    private ModelAndView apiAnswer(org.springframework.http.ResponseEntity<org.springframework.http.ProblemDetail> answer,
                                   HttpServletResponse response) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((k, v) -> v.forEach(x -> response.addHeader(k, x)));
        response.setCharacterEncoding("UTF-8");
        var body = answer.getBody();
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("type", body.getType().toString());
        m.put("title", body.getTitle());
        m.put("status", body.getStatus());
        m.put("detail", body.getDetail());
        if (body.getProperties() != null) {
            m.putAll(body.getProperties());
        }
        response.getOutputStream().write(json.writeValueAsBytes(m));
        return null;
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
        if (ApiProblems.isApi(request)) {
            HttpStatus st = HttpStatus.valueOf(status);
            return apiAnswer(problems.answer(request, st, status == 413 ? "payload-too-large" : "bad-request", "body", key), response);
        }
        // rendered by a normal handler (a forward), so the page gets the site's shell like any other: an
        // exception handler's own view has no @ModelAttribute values and the layout failed with a 500
        request.setAttribute(PAGE_STATUS, status);
        request.setAttribute(PAGE_TEXT, key);
        return new ModelAndView("forward:" + PAGE_PATH);
    }

    static final String PAGE_PATH = "/upload-problem";
    private static final String PAGE_STATUS = UploadProblems.class.getName() + ".status";
    private static final String PAGE_TEXT = UploadProblems.class.getName() + ".text";

    /** The page of {@link UploadProblems}; reached directly it is a plain "too large" page. */
    @org.springframework.stereotype.Controller
    static class Page {
        @org.springframework.web.bind.annotation.RequestMapping(PAGE_PATH)
        String page(HttpServletRequest request, HttpServletResponse response, org.springframework.ui.Model model) {
            int status = request.getAttribute(PAGE_STATUS) instanceof Integer s ? s : 413;
            response.setStatus(status);
            model.addAttribute("titleKey", status == 413 ? "error.413.title" : "error.4xx.title");
            model.addAttribute("textKey", request.getAttribute(PAGE_TEXT) instanceof String t ? t : "error.413.text");
            model.addAttribute("reference", UUID.randomUUID().toString().substring(0, 8).toUpperCase());
            return "error/upload";
        }
    }
}
