package jp.machi.holiday.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.machi.holiday.Holiday;
import jp.machi.shared.text.ICalendarWriter;

/** The holidays of a year as RFC 5545: one all-day VEVENT per holiday (written by {@link ICalendarWriter}). */
final class ICalendar {

    private ICalendar() {}

    static String of(int year, List<Holiday> holidays, Instant now, String host) {
        ICalendarWriter c = ICalendarWriter.calendar("-//Machi//Public holidays of Japan//JA", "国民の祝日・休日 " + year)
            .text("X-WR-CALDESC", "国民の祝日に関する法律による祝日と休日（振替休日・国民の休日）。内閣府の表がある年はその表、ない年は計算による。")
            .property("X-WR-TIMEZONE", "Asia/Tokyo");
        for (Holiday h : holidays) {
            c.event("holiday-" + DateTimeFormatter.BASIC_ISO_DATE.format(h.date()) + "@" + host, now)
                .date("DTSTART", h.date())
                .date("DTEND", h.date().plusDays(1))
                .text("SUMMARY;LANGUAGE=ja", h.name())
                .text("DESCRIPTION;LANGUAGE=en", h.nameEn())
                .property("TRANSP", "TRANSPARENT")
                .endEvent();
        }
        return c.end();
    }
}
