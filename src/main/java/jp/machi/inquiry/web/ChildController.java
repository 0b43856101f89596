package jp.machi.inquiry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import jp.machi.inquiry.internal.ChildConsultation;
import jp.machi.inquiry.internal.InquiryRateLimits;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.web.SubmissionLimits;
import jp.machi.inquiry.internal.Texts;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 子どもの相談: a child writes without an account or a name, gets a secret link to their thread (shown once), and
 * reads the answers there. Pages are never cached.
 */
@Controller
class ChildController {

    private final ChildConsultation consultation;
    private final MessageSource messages;
    private final InquiryRateLimits limits;

    ChildController(ChildConsultation consultation, MessageSource messages, InquiryRateLimits limits) {
        this.limits = limits;
        this.consultation = consultation;
        this.messages = messages;
    }

    @GetMapping("/children")
    String start(Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("text", "");
        return "inquiry/children";
    }

    @PostMapping("/children")
    String send(@RequestParam(required = false) String text, Model model, Locale locale, HttpServletResponse response,
                RedirectAttributes redirect) {
        noStore(response);
        String error = check(text, locale);
        if (error == null) {
            error = limited(limits.newConsultation(CurrentActor.remoteAddress()), locale, response);
        }
        if (error != null) {
            if (response.getStatus() < 400) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
            model.addAttribute("text", Texts.clean(text));
            model.addAttribute("error", error);
            return "inquiry/children";
        }
        String token = consultation.start(text);
        redirect.addFlashAttribute("token", token);
        return "redirect:/children/started";
    }

    /** The link, shown this once (a reload shows a page without it). */
    @GetMapping("/children/started")
    String started(Model model, HttpServletResponse response) {
        noStore(response);
        if (!model.containsAttribute("token")) {
            return "redirect:/children";
        }
        return "inquiry/children-started";
    }

    @GetMapping("/children/t/{token}")
    String thread(@PathVariable String token, Model model, HttpServletResponse response) {
        noStore(response);
        var t = consultation.byToken(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("thread", t);
        model.addAttribute("token", token);
        model.addAttribute("messages", consultation.messages(t.id()));
        return "inquiry/children-thread";
    }

    @PostMapping("/children/t/{token}")
    String write(@PathVariable String token, @RequestParam(required = false) String text, Model model, Locale locale,
                 HttpServletResponse response, RedirectAttributes redirect) {
        noStore(response);
        var t = consultation.byToken(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String error = check(text, locale);
        if (error == null) {
            error = limited(limits.threadMessage(CurrentActor.remoteAddress(), "child:" + t.id()), locale, response);
        }
        if (error != null) {
            if (response.getStatus() < 400) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
            model.addAttribute("thread", t);
            model.addAttribute("token", token);
            model.addAttribute("messages", consultation.messages(t.id()));
            model.addAttribute("text", Texts.clean(text));
            model.addAttribute("error", error);
            return "inquiry/children-thread";
        }
        consultation.childWrites(t.id(), text);
        redirect.addFlashAttribute("written", true);
        return "redirect:/children/t/" + token;
    }

    /** Null when allowed; else 429 with Retry-After, and the message worded for a child. */
    private String limited(SubmissionLimits.Decision limit, Locale locale, HttpServletResponse response) {
        if (limit.allowed()) {
            return null;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
        return messages.getMessage("inquiry.children.rateLimited", limit.messageArgs(), locale);
    }

    private String check(String text, Locale locale) {
        String t = Texts.clean(text);
        if (t.isEmpty()) {
            return messages.getMessage("inquiry.children.error.text", null, locale);
        }
        if (t.length() > ChildConsultation.MAX_TEXT) {
            return messages.getMessage("inquiry.children.error.long", new Object[] {ChildConsultation.MAX_TEXT}, locale);
        }
        return null;
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    }
}
