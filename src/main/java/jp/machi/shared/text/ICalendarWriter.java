package jp.machi.shared.text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one iCalendar (RFC 5545) writer of Machi, used by every feed (public holidays, a resident's bookings):
 * a VCALENDAR of VEVENTs, TEXT values escaped (§3.3.11), content lines folded so that no physical line exceeds 75
 * octets (§3.1) and never inside a UTF-8 character, each ended by CRLF. Dates are {@code VALUE=DATE}, times UTC.
 * <pre>
 * String ics = ICalendarWriter.calendar("-//Machi//Public holidays of Japan//JA", "国民の祝日 2026")
 *     .event("holiday-20260101@example.org", now).date("DTSTART", day).text("SUMMARY", "元日").endEvent()
 *     .end();
 * </pre>
 */
public final class ICalendarWriter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(4096);

    private ICalendarWriter() {}

    /** BEGIN:VCALENDAR with VERSION, PRODID, CALSCALE, METHOD:PUBLISH and the calendar's name (X-WR-CALNAME). */
    public static ICalendarWriter calendar(String productId, String name) {
        ICalendarWriter w = new ICalendarWriter();
        w.property("BEGIN", "VCALENDAR").property("VERSION", "2.0").property("PRODID", productId)
            .property("CALSCALE", "GREGORIAN").property("METHOD", "PUBLISH").text("X-WR-CALNAME", name);
        return w;
    }

    /** BEGIN:VEVENT with its UID and DTSTAMP. */
    public ICalendarWriter event(String uid, Instant stamp) {
        return property("BEGIN", "VEVENT").property("UID", uid).utc("DTSTAMP", stamp);
    }

    public ICalendarWriter endEvent() {
        return property("END", "VEVENT");
    }

    /** END:VCALENDAR; the whole text. */
    public String end() {
        property("END", "VCALENDAR");
        return out.toString();
    }

    /** A property whose value is written as it is (a name may carry parameters, e.g. {@code DTSTART;VALUE=DATE}). */
    public ICalendarWriter property(String name, String value) {
        line(name + ":" + value);
        return this;
    }

    /** A TEXT property, escaped; nothing is written for a null or blank value. */
    public ICalendarWriter text(String name, String value) {
        return value == null || value.isBlank() ? this : property(name, escape(value));
    }

    /** An all-day date: {@code NAME;VALUE=DATE:20261123}. */
    public ICalendarWriter date(String name, LocalDate date) {
        return property(name + ";VALUE=DATE", DATE.format(date));
    }

    /** A time in UTC: {@code NAME:20261123T011500Z}. */
    public ICalendarWriter utc(String name, Instant time) {
        return property(name, UTC.format(time));
    }

    /** Escapes a TEXT value: backslash, semicolon, comma and line breaks; null becomes empty. */
    public static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends one content line, folded at 75 octets (CRLF and one space start each continuation), and CRLF. */
    private void line(String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = cp < 0x80 ? 1 : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
