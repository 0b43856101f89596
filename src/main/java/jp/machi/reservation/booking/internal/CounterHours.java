package jp.machi.reservation.booking.internal;

import java.time.LocalDate;
import java.util.Map;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;

/**
 * A facility's computed hours (closures, holidays, year end included) for every day from {@code from} to {@code to},
 * read once in a booking request and handed down: the slot's day (is the facility open?) and the payment deadline's
 * days both come from it instead of each reading the hours again (issue 15). Only ever kept for one request.
 *
 * @param days by day; a day the facility module does not know is absent
 */
record CounterHours(String facilityId, LocalDate from, LocalDate to, Map<LocalDate, DayHours> days) {

    /** Reads the hours of {@code facilityId} from {@code from} to {@code to} (nothing when {@code from} is after it). */
    static CounterHours read(Facilities facilities, String facilityId, LocalDate from, LocalDate to) {
        return new CounterHours(facilityId, from, to,
            from.isAfter(to) ? Map.of() : facilities.hoursBetween(facilityId, from, to));
    }

    /** Whether {@code day} lies in the range read (its hours are {@link #on}, or the facility has none that day). */
    boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** Whether these are the hours of {@code facility} for every day from {@code first} to {@code last}. */
    boolean covers(String facility, LocalDate first, LocalDate last) {
        return facilityId.equals(facility) && covers(first) && covers(last);
    }

    /** The hours of a day {@link #covers covered}; null when the facility module has none for it. */
    DayHours on(LocalDate day) {
        return days.get(day);
    }
}
