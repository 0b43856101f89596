package jp.machi.reservation.booking.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jp.machi.reservation.booking.internal.CalendarFeed;
import jp.machi.reservation.web.ResidentPages;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The private iCalendar feed of a resident's bookings: its secret address (made or replaced on My bookings) and the feed. */
@Controller
class CalendarFeedController {

    private final CalendarFeed feed;

    CalendarFeedController(CalendarFeed feed) {
        this.feed = feed;
    }

    /** Creates the secret feed address, or replaces it so the old one stops working. */
    @PostMapping("/account/bookings/calendar-feed")
    String reset(RedirectAttributes redirect) {
        feed.reset(ResidentPages.accountId());
        redirect.addFlashAttribute("feedReset", true);
        return "redirect:/account/bookings#calendar-feed";
    }

    /** The private feed: anyone with the address may read it (that is what calendar apps need); a wrong one is 404. */
    @GetMapping("/calendar/{token}.ics")
    @ResponseBody
    ResponseEntity<String> calendar(@PathVariable String token, @RequestParam(required = false) String lang) {
        long owner = feed.owner(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE;
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
            .header("Cache-Control", "private, max-age=300")
            .body(feed.calendar(owner, locale));
    }
}
