package jp.machi.facility.web.staff;

import java.util.List;

/**
 * The hours-rule fields that the create form and the hours form share. {@code weekly} holds 28 values in page
 * order: for each weekday Monday … Sunday, the opening and closing time of the first period, then of the second.
 */
interface HoursFields {

    List<String> weekly();

    String yearEndFrom();

    String yearEndTo();

    String closedDay();

    String holidayRule();

    String closedOnHolidays();

    /** One value of {@link #weekly()}, empty when missing (a crafted request may send fewer). */
    default String slot(int index) {
        List<String> w = weekly();
        if (w == null || index < 0 || index >= w.size() || w.get(index) == null) {
            return "";
        }
        return w.get(index);
    }
}
