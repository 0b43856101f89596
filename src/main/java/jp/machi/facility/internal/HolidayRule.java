package jp.machi.facility.internal;

/** What happens when the weekly closed day falls on a public holiday. */
public enum HolidayRule {
    /** The facility stays closed on the holiday. */
    CLOSE_ANYWAY,
    /** The facility opens on the holiday and closes on the next weekday that is not a holiday instead. */
    OPEN_CLOSE_NEXT_WEEKDAY
}
