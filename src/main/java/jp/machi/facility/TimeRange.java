package jp.machi.facility;

import java.time.LocalTime;

/** One opening period of a day, opens before closes (closing at 00:00 is not supported: use 23:59). */
public record TimeRange(LocalTime opens, LocalTime closes) {

    public TimeRange {
        if (opens == null || closes == null || !opens.isBefore(closes)) {
            throw new IllegalArgumentException("opens must be before closes: " + opens + "-" + closes);
        }
    }

    public boolean contains(LocalTime t) {
        return !t.isBefore(opens) && t.isBefore(closes);
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
