package jp.machi.holiday.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.machi.holiday.PublicHolidays;
import jp.machi.holiday.web.HolidayYear;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/holidays?year=YYYY} (JSON) and {@code GET /api/v1/holidays.ics?year=YYYY} (iCalendar).
 * Public, read-only. A bad year answers 400 with a JSON body naming the parameter, in ja or en by
 * Accept-Language (Japanese unless English is preferred).
 */
@RestController
class HolidayApiController {

    record Item(String date, String name) {}

    record Problem(int status, String error, String parameter, String message) {}

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

    private final PublicHolidays holidays;
    private final MessageSource messages;
    private final Clock clock;
    private final String baseUrl;

    HolidayApiController(PublicHolidays holidays, MessageSource messages, Clock clock,
                         @Value("${machi.base-url:http://localhost}") String baseUrl) {
        this.holidays = holidays;
        this.messages = messages;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @GetMapping(value = "/api/v1/holidays", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> json(@RequestParam(required = false) String year,
                           @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Optional<Integer> y = HolidayYear.parse(year);
        if (y.isEmpty()) {
            return badYear(year, language);
        }
        List<Item> items = holidays.inYear(y.get()).stream().map(h -> new Item(h.date().toString(), h.name())).toList();
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(items);
    }

    @GetMapping("/api/v1/holidays.ics")
    ResponseEntity<?> ics(@RequestParam(required = false) String year,
                          @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Optional<Integer> y = HolidayYear.parse(year);
        if (y.isEmpty()) {
            return badYear(year, language);
        }
        String body = ICalendar.of(y.get(), holidays.inYear(y.get()), clock.instant(), host());
        return ResponseEntity.ok().cacheControl(CACHE)
            .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"holidays-" + y.get() + ".ics\"")
            .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
            .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<Problem> badYear(String year, String acceptLanguage) {
        Locale locale = language(acceptLanguage);
        String message = messages.getMessage(HolidayYear.problem(year),
            new Object[] {PublicHolidays.FIRST_YEAR, PublicHolidays.LAST_YEAR}, locale);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
            .body(new Problem(400, "bad_request", "year", message));
    }

    /** English only when the client prefers it to Japanese; malformed headers mean Japanese. */
    static Locale language(String header) {
        if (header == null || header.isBlank()) {
            return Locale.JAPANESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (range.getWeight() <= 0) {
                    continue;
                }
                if (tag.equals("ja") || tag.startsWith("ja-")) {
                    return Locale.JAPANESE;
                }
                if (tag.equals("en") || tag.startsWith("en-")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        return Locale.JAPANESE;
    }

    private String host() {
        try {
            String h = java.net.URI.create(baseUrl).getHost();
            return h == null ? "machi.invalid" : h;
        } catch (IllegalArgumentException e) {
            return "machi.invalid";
        }
    }

}
