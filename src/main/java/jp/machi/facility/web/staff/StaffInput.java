package jp.machi.facility.web.staff;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.facility.TimeRange;
import jp.machi.facility.internal.HolidayRule;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.validation.BindingResult;

/**
 * Reads the staff forms' text into values. Every field arrives as text so that any input can be shown again;
 * each bad value becomes a field error, never an exception. Full-width digits and punctuation are accepted
 * (NFKC) because staff often type them.
 */
final class StaffInput {

    private static final Pattern TIME = Pattern.compile("^(\\d{1,2}):(\\d{2})(?::(\\d{2}))?$");
    private static final Pattern MONTH_DAY = Pattern.compile("^(\\d{1,2})[-/](\\d{1,2})$");
    private static final Pattern PHONE = Pattern.compile("^[0-9()\\-]{1,24}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$");

    private StaffInput() {}

    /** NFKC and trimmed; null for blank. */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static String nfkc(String s) {
        String t = text(s);
        return t == null ? null : Normalizer.normalize(t, Normalizer.Form.NFKC).strip();
    }

    /** yes / no / unknown; null for unknown. Anything else is an error. */
    static Boolean triState(String value, String field, BindingResult errors) {
        if (value == null || value.isBlank() || value.equals("unknown")) {
            return null;
        }
        return switch (value) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> {
                errors.rejectValue(field, "facility.error.tristate");
                yield null;
            }
        };
    }

    static String triState(Boolean value) {
        return value == null ? "unknown" : value ? "yes" : "no";
    }

    /** A coordinate inside the given range, or null when blank or bad (bad is reported through {@code ok[0]}). */
    static Double coordinate(String value, double min, double max, boolean[] bad) {
        String v = nfkc(value);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && d >= min && d <= max && v.matches("^-?\\d{1,3}(\\.\\d{1,10})?$")) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        bad[0] = true;
        return null;
    }

    static String phone(String value, String field, BindingResult errors) {
        String v = nfkc(value);
        if (v == null) {
            return null;
        }
        long digits = v.chars().filter(Character::isDigit).count();
        if (!PHONE.matcher(v).matches() || digits < 3 || digits > 15) {
            errors.rejectValue(field, "facility.error.phone");
            return null;
        }
        return v;
    }

    static String url(String value, String field, BindingResult errors) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme();
            if (v.length() <= 500 && scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null && !uri.getHost().isBlank()) {
                return v;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.rejectValue(field, "facility.error.url");
        return null;
    }

    static List<String> languages(String value, String field, BindingResult errors) {
        String v = nfkc(value);
        if (v == null) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (String part : v.split("[,、，\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!LANGUAGE.matcher(part).matches() || result.size() >= 20) {
                errors.rejectValue(field, "facility.error.languages");
                return List.of();
            }
            result.add(part);
        }
        return List.copyOf(result);
    }

    /** hh:mm (9:00, 09:00, ０９：００); null when blank or bad. */
    static LocalTime time(String value, boolean[] bad) {
        String v = nfkc(value);
        if (v == null) {
            return null;
        }
        Matcher m = TIME.matcher(v);
        if (m.matches()) {
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            if (h <= 23 && min <= 59) {
                return LocalTime.of(h, min);
            }
        }
        bad[0] = true;
        return null;
    }

    /** A period from two times: both blank is none; one blank, a bad time or opens not before closes is an error. */
    static TimeRange period(String opens, String closes, boolean[] bad) {
        boolean[] b = new boolean[1];
        LocalTime o = time(opens, b);
        LocalTime c = time(closes, b);
        if (b[0] || (o == null) != (c == null) || (o != null && !o.isBefore(c))) {
            bad[0] = true;
            return null;
        }
        return o == null ? null : new TimeRange(o, c);
    }

    /** MM-DD (also 12/29, １２－２９), as stored: two digits each. */
    static String monthDay(String value, boolean[] bad) {
        String v = nfkc(value);
        if (v == null) {
            return null;
        }
        Matcher m = MONTH_DAY.matcher(v);
        if (m.matches()) {
            try {
                MonthDay md = MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return String.format("%02d-%02d", md.getMonthValue(), md.getDayOfMonth());
            } catch (java.time.DateTimeException e) {
                // reported below
            }
        }
        bad[0] = true;
        return null;
    }

    static LocalDate date(String value, boolean[] bad) {
        String v = nfkc(value);
        if (v == null) {
            bad[0] = true;
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v.replace('/', '-'));
            if (d.getYear() >= 2000 && d.getYear() <= 2100) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        bad[0] = true;
        return null;
    }

    /** A whole number 0 … max, or null when blank; bad is reported through {@code bad}. */
    static Integer count(String value, int max, boolean[] bad) {
        String v = nfkc(value);
        if (v == null) {
            return null;
        }
        if (v.matches("^\\d{1,9}$")) {
            int n = Integer.parseInt(v);
            if (n <= max) {
                return n;
            }
        }
        bad[0] = true;
        return null;
    }

    static Integer integer(String value, boolean[] bad) {
        String v = nfkc(value);
        if (v != null && v.matches("^-?\\d{1,6}$")) {
            return Integer.parseInt(v);
        }
        bad[0] = true;
        return null;
    }

    /** A floor area in m², 0 or more, at most two decimals (numeric(10,2)). */
    static BigDecimal area(String value, boolean[] bad) {
        String v = nfkc(value);
        if (v == null) {
            return null;
        }
        if (v.matches("^\\d{1,8}(\\.\\d{1,2})?$")) {
            return new BigDecimal(v);
        }
        bad[0] = true;
        return null;
    }

    /** The parsed hours rules of a form. */
    record Hours(Map<DayOfWeek, List<TimeRange>> weekly, String yearEndFrom, String yearEndTo, Integer closedDay,
                 HolidayRule holidayRule, boolean closedOnHolidays, Set<Integer> badDays) {}

    /**
     * Reads the weekly pattern (per weekday up to two periods, not overlapping) and the closure rules. A bad
     * weekday is reported once, naming the day; {@code badDays} holds the days (1 = Monday) to mark on the page.
     */
    static Hours hours(HoursFields form, BindingResult errors) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        Set<Integer> badDays = new LinkedHashSet<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            int base = (day.getValue() - 1) * 4;
            boolean[] bad = new boolean[1];
            TimeRange first = period(form.slot(base), form.slot(base + 1), bad);
            TimeRange second = period(form.slot(base + 2), form.slot(base + 3), bad);
            List<TimeRange> periods = new ArrayList<>();
            if (first != null) {
                periods.add(first);
            }
            if (second != null) {
                periods.add(second);
            }
            if (periods.size() == 2) {
                TimeRange a = first.opens().isBefore(second.opens()) ? first : second;
                TimeRange b = a == first ? second : first;
                if (b.opens().isBefore(a.closes())) {
                    bad[0] = true;
                }
            }
            if (bad[0]) {
                badDays.add(day.getValue());
                errors.rejectValue("weekly", "facility.staff.error.day",
                    new Object[] {new DefaultMessageSourceResolvable("facility.staff.day." + day.getValue())}, null);
            } else if (!periods.isEmpty()) {
                weekly.put(day, List.copyOf(periods));
            }
        }
        boolean[] badYearEnd = new boolean[1];
        String from = monthDay(form.yearEndFrom(), badYearEnd);
        String to = monthDay(form.yearEndTo(), badYearEnd);
        if (badYearEnd[0] || (from == null) != (to == null)) {
            errors.rejectValue("yearEndFrom", "facility.error.yearEnd");
        }
        Integer closedDay = null;
        String cd = text(form.closedDay());
        if (cd != null) {
            if (cd.matches("^[1-7]$")) {
                closedDay = Integer.parseInt(cd);
            } else {
                errors.rejectValue("closedDay", "facility.error.closedDay");
            }
        }
        HolidayRule rule = HolidayRule.CLOSE_ANYWAY;
        String hr = text(form.holidayRule());
        if (hr != null) {
            try {
                rule = HolidayRule.valueOf(hr);
            } catch (IllegalArgumentException e) {
                errors.rejectValue("holidayRule", "facility.error.holidayRule");
            }
        }
        boolean closedOnHolidays = "true".equals(form.closedOnHolidays());
        return new Hours(weekly, from, to, closedDay, rule, closedOnHolidays, badDays);
    }

    /** The 28 text values of a weekly pattern (per weekday: opens, closes, opens, closes), for showing a form. */
    static List<String> slots(Map<DayOfWeek, List<TimeRange>> weekly) {
        List<String> slots = new ArrayList<>(28);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> periods = weekly.getOrDefault(day, List.of());
            for (int i = 0; i < 2; i++) {
                TimeRange p = i < periods.size() ? periods.get(i) : null;
                slots.add(p == null ? "" : p.opens().toString());
                slots.add(p == null ? "" : p.closes().toString());
            }
        }
        return slots;
    }
}
