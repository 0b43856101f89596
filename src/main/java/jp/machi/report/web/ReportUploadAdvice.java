package jp.machi.report.web;

import jakarta.servlet.http.HttpServletRequest;
import jp.machi.report.internal.ReportRejected;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A too-large upload (or a broken multipart body) on the report pages is a clear 413/400 page, not a 500.
 * Multipart requests are resolved lazily (application.yml) and the shared {@code UploadLimitGuard} keeps Tomcat from failing
 * earlier, so the error reaches this advice, which forwards to a normal handler to render the page.
 */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(assignableTypes = {ReportFormController.class, jp.machi.report.web.staff.StaffReportController.class})
class ReportUploadAdvice {

    /** Where the upload errors are rendered: a normal handler, so the page gets the site's shell like any other. */
    static final String PROBLEM_PATH = "/reports/upload-problem";
    static final String PROBLEM_KEY = ReportUploadAdvice.class.getName() + ".key";
    static final String PROBLEM_ARGS = ReportUploadAdvice.class.getName() + ".args";
    static final String PROBLEM_STATUS = ReportUploadAdvice.class.getName() + ".status";

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request) {
        request.setAttribute(PROBLEM_KEY, "report.photo.requestTooLarge");
        request.setAttribute(PROBLEM_STATUS, HttpStatus.CONTENT_TOO_LARGE.value());
        return "forward:" + PROBLEM_PATH;
    }

    @ExceptionHandler(MultipartException.class)
    String broken(HttpServletRequest request) {
        request.setAttribute(PROBLEM_KEY, "report.upload.broken");
        request.setAttribute(PROBLEM_STATUS, HttpStatus.BAD_REQUEST.value());
        return "forward:" + PROBLEM_PATH;
    }

    @ExceptionHandler(ReportRejected.class)
    String rejected(ReportRejected e, HttpServletRequest request) {
        request.setAttribute(PROBLEM_KEY, e.problems().getFirst().key());
        request.setAttribute(PROBLEM_ARGS, e.problems().getFirst().argArray());
        request.setAttribute(PROBLEM_STATUS, HttpStatus.BAD_REQUEST.value());
        return "forward:" + PROBLEM_PATH;
    }
}
