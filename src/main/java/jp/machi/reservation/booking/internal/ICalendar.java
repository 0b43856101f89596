package jp.machi.reservation.booking.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.machi.shared.text.ContentLines;
import jp.machi.shared.time.MachiClock;

/** The bookings feed in RFC 5545 (line rules from {@link ContentLines}), times in UTC. */
final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One VEVENT. {@code start}/{@code end} are wall-clock times in Tokyo. */
    record Event(String uid, LocalDateTime start, LocalDateTime end, String summary, String location,
                        String description, String url, boolean tentative) {}

    private final StringBuilder out = new StringBuilder();

    private ICalendar() {}

    static String write(String name, Instant stamp, List<Event> events) {
        ICalendar c = new ICalendar();
        c.line("BEGIN:VCALENDAR");
        c.line("VERSION:2.0");
        c.line("PRODID:-//Machi//Reservations//JA");
        c.line("CALSCALE:GREGORIAN");
        c.line("METHOD:PUBLISH");
        c.line("X-WR-CALNAME:" + text(name));
        for (Event e : events) {
            c.line("BEGIN:VEVENT");
            c.line("UID:" + e.uid());
            c.line("DTSTAMP:" + UTC.format(stamp));
            c.line("DTSTART:" + UTC.format(e.start().atZone(MachiClock.ZONE)));
            c.line("DTEND:" + UTC.format(e.end().atZone(MachiClock.ZONE)));
            c.line("SUMMARY:" + text(e.summary()));
            if (e.location() != null && !e.location().isBlank()) {
                c.line("LOCATION:" + text(e.location()));
            }
            c.line("DESCRIPTION:" + text(e.description()));
            if (e.url() != null) {
                c.line("URL:" + e.url());
            }
            c.line("STATUS:" + (e.tentative() ? "TENTATIVE" : "CONFIRMED"));
            c.line("END:VEVENT");
        }
        c.line("END:VCALENDAR");
        return c.out.toString();
    }

    static String text(String s) {
        return ContentLines.text(s);
    }

    private void line(String content) {
        ContentLines.line(out, content);
    }
}
