package jp.machi.reservation.booking.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import jp.machi.shared.text.ICalendarWriter;
import jp.machi.shared.time.MachiClock;

/** The bookings feed in RFC 5545 (written by {@link ICalendarWriter}), times in UTC. */
final class ICalendar {

    /** One VEVENT. {@code start}/{@code end} are wall-clock times in Tokyo. */
    record Event(String uid, LocalDateTime start, LocalDateTime end, String summary, String location,
                        String description, String url, boolean tentative) {}

    private ICalendar() {}

    static String write(String name, Instant stamp, List<Event> events) {
        ICalendarWriter c = ICalendarWriter.calendar("-//Machi//Reservations//JA", name);
        for (Event e : events) {
            c.event(e.uid(), stamp)
                .utc("DTSTART", e.start().atZone(MachiClock.ZONE).toInstant())
                .utc("DTEND", e.end().atZone(MachiClock.ZONE).toInstant())
                .property("SUMMARY", ICalendarWriter.escape(e.summary()))
                .text("LOCATION", e.location())
                .property("DESCRIPTION", ICalendarWriter.escape(e.description()));
            if (e.url() != null) {
                c.property("URL", e.url());
            }
            c.property("STATUS", e.tentative() ? "TENTATIVE" : "CONFIRMED").endEvent();
        }
        return c.end();
    }
}
