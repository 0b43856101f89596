package jp.machi.report.web;

import jakarta.servlet.http.HttpServletResponse;
import jp.machi.report.internal.ReportRejected;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A too-large upload (or a broken multipart body) on the report pages is a clear 413/400 page, not a 500.
 * Multipart requests are resolved lazily (application.yml), so the error reaches this advice.
 */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(assignableTypes = {ReportController.class, jp.machi.report.web.admin.StaffReportController.class})
class ReportUploadAdvice {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        model.addAttribute("messageKey", "report.photo.requestTooLarge");
        model.addAttribute("messageArgs", new Object[0]);
        return "report/problem";
    }

    @ExceptionHandler(MultipartException.class)
    String broken(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("messageKey", "report.upload.broken");
        model.addAttribute("messageArgs", new Object[0]);
        return "report/problem";
    }

    @ExceptionHandler(ReportRejected.class)
    String rejected(ReportRejected e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("messageKey", e.problems().getFirst().key());
        model.addAttribute("messageArgs", e.problems().getFirst().argArray());
        return "report/problem";
    }
}
