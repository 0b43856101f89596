package jp.machi.shared.web;

import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error answer carries a short reference number. For a server error the stack trace goes to the log
 * under that number and never to the user, who can quote the number to the help desk.
 */
@Component
public class ErrorPageAttributes extends DefaultErrorAttributes {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageAttributes.class);

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
        String reference = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        attributes.put("reference", reference);
        Object status = attributes.get("status");
        Throwable error = getError(webRequest);
        if (status instanceof Integer s && s >= 500) {
            Object path = webRequest.getAttribute("jakarta.servlet.error.request_uri", RequestAttributes.SCOPE_REQUEST);
            log.error("Server error, reference {} at {}", reference, path, error);
        }
        attributes.remove("trace");
        attributes.remove("exception");
        return attributes;
    }
}
