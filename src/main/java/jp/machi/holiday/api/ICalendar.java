package jp.machi.holiday.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.machi.holiday.Holiday;
import jp.machi.shared.text.ContentLines;

/** RFC 5545 text: one all-day VEVENT per holiday, CRLF line ends, lines folded at 75 octets. */
final class ICalendar {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    private ICalendar() {}

    static String of(int year, List<Holiday> holidays, Instant now, String host) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Machi//Public holidays of Japan//JA");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text("国民の祝日・休日 " + year));
        line(out, "X-WR-CALDESC:" + text("国民の祝日に関する法律による祝日と休日（振替休日・国民の休日）。内閣府の表がある年はその表、ない年は計算による。"));
        line(out, "X-WR-TIMEZONE:Asia/Tokyo");
        String stamp = STAMP.format(now);
        for (Holiday h : holidays) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:holiday-" + DATE.format(h.date()) + "@" + host);
            line(out, "DTSTAMP:" + stamp);
            line(out, "DTSTART;VALUE=DATE:" + DATE.format(h.date()));
            line(out, "DTEND;VALUE=DATE:" + DATE.format(h.date().plusDays(1)));
            line(out, "SUMMARY;LANGUAGE=ja:" + text(h.name()));
            if (h.nameEn() != null) {
                line(out, "DESCRIPTION;LANGUAGE=en:" + text(h.nameEn()));
            }
            line(out, "TRANSP:TRANSPARENT");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String text(String s) {
        return ContentLines.text(s);
    }

    static void line(StringBuilder out, String content) {
        ContentLines.line(out, content);
    }
}
