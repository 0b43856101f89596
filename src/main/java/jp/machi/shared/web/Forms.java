package jp.machi.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.web.server.ResponseStatusException;

/** Helpers for form records. */
public final class Forms {

    private Forms() {}

    /**
     * A form record whose fields could not even be converted (a crafted request, e.g. {@code confirm=abc}) has
     * no target to show again: answer 400 instead of failing while rendering the page.
     */
    public static void requireReadable(BindingResult errors) {
        if (errors.getTarget() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form could not be read");
        }
    }
}
