package jp.machi.reservation.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.machi.shared.time.MachiClock;

/**
 * A minimal RFC 5545 writer: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT values
 * escaped, times in UTC.
 */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One VEVENT. {@code start}/{@code end} are wall-clock times in Tokyo. */
    public record Event(String uid, LocalDateTime start, LocalDateTime end, String summary, String location,
                        String description, String url, boolean tentative) {}

    private final StringBuilder out = new StringBuilder();

    private ICalendar() {}

    public static String write(String name, Instant stamp, List<Event> events) {
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

    /** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
    static String text(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends a content line folded at 75 octets: CRLF and one space start each continuation. */
    private void line(String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + len > limit) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += len;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
