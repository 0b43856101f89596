package jp.machi.holiday.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.machi.holiday.PublicHolidays;
import jp.machi.holiday.web.HolidayYear;
import jp.machi.shared.web.ApiProblem;
import jp.machi.shared.web.SiteUrl;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/holidays?year=YYYY} (JSON) and {@code GET /api/v1/holidays.ics?year=YYYY} (iCalendar).
 * Public, read-only. A bad year is a 400 problem details answer naming {@code year}.
 */
@RestController
class HolidayApiController {

    record Item(String date, String name) {}

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

    private final PublicHolidays holidays;
    private final Clock clock;
    private final SiteUrl site;

    HolidayApiController(PublicHolidays holidays, Clock clock, SiteUrl site) {
        this.holidays = holidays;
        this.clock = clock;
        this.site = site;
    }

    @GetMapping(value = "/api/v1/holidays", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<Item>> json(@RequestParam(required = false) String year) {
        int y = year(year);
        List<Item> items = holidays.inYear(y).stream().map(h -> new Item(h.date().toString(), h.name())).toList();
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(items);
    }

    @GetMapping("/api/v1/holidays.ics")
    ResponseEntity<byte[]> ics(@RequestParam(required = false) String year) {
        int y = year(year);
        String body = ICalendar.of(y, holidays.inYear(y), clock.instant(), site.host());
        return ResponseEntity.ok().cacheControl(CACHE)
            .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"holidays-" + y + ".ics\"")
            .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
            .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static int year(String year) {
        return HolidayYear.parse(year).orElseThrow(() -> ApiProblem.badRequest("year", HolidayYear.problem(year),
            PublicHolidays.FIRST_YEAR, PublicHolidays.LAST_YEAR));
    }
}
