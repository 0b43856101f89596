package jp.machi.facility.internal.opendata;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.facility.TimeRange;
import jp.machi.shared.image.GeoPoint;

/**
 * Canonical string forms of field values (so a CSV cell and a database value compare equal when they mean the same)
 * and the standard's conventions: 有/無 and 可/不可, hazard flags 1 or empty, times hh:mm, days separated by ";".
 */
final class Values {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::00)?");
    private static final Pattern POSTAL = Pattern.compile("(\\d{3})-?(\\d{4})");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{2,30}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,4}(\\.\\d{1,15})?");
    private static final String[] DAY_JA = {"月", "火", "水", "木", "金", "土", "日"};
    /** A run of day characters without separators, as some publishers write 利用可能曜日 (月火水木金), maybe with 祝. */
    private static final Pattern DAY_RUN = Pattern.compile("([月火水木金土日]{2,})(?:祝|祝日|祝祭日)?");
    /**
     * The words an 有無 or 可否 cell may hold: the standard's 有/無 and 可/不可 (車椅子可 and the other "may I" columns of
     * 公共施設一覧 are written 可 by real publishers, e.g. 市川市), and the marks and digits some files use instead.
     */
    private static final Set<String> YES = Set.of("有", "あり", "可", "○", "◯", "〇", "1");
    private static final Set<String> NO = Set.of("無", "なし", "不可", "×", "✕", "0");

    private Values() {}

    /** A problem with a value: the message key and its arguments. */
    record Problem(String key, Object... args) {}

    /** The canonical value of a cell, or a problem. Blank cells are {@code null}, flags "false". */
    record Result(String value, Problem problem) {}

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static Result parse(Field field, String raw) {
        String v = blankToNull(raw);
        if (field.type == Field.Type.FLAG) {
            if (v == null) {
                return ok("false");
            }
            return v.equals("1") ? ok("true") : bad("facility.data.error.flag");
        }
        if (v == null) {
            return ok(null);
        }
        return switch (field.type) {
            case TEXT -> v.length() > 2000 ? bad("facility.data.error.tooLong", 2000) : ok(v);
            case POSTAL_CODE -> {
                Matcher m = POSTAL.matcher(half(v));
                yield m.matches() ? ok(m.group(1) + "-" + m.group(2)) : bad("facility.data.error.postalCode");
            }
            case LATITUDE, LONGITUDE -> {
                String h = half(v);
                if (!DECIMAL.matcher(h).matches()) {
                    yield bad("facility.data.error.coordinate");
                }
                BigDecimal d = new BigDecimal(h);
                boolean lat = field.type == Field.Type.LATITUDE;
                double x = d.doubleValue();
                if (lat ? !GeoPoint.latitudeInJapan(x) : !GeoPoint.longitudeInJapan(x)) {
                    yield bad(lat ? "facility.data.error.latitude" : "facility.data.error.longitude");
                }
                yield ok(decimal(x));
            }
            case PHONE -> PHONE.matcher(half(v)).matches() ? ok(half(v)) : bad("facility.data.error.phone");
            case EMAIL -> v.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") && v.length() <= 254 ? ok(v) : bad("facility.data.error.email");
            case URL -> isUrl(v) ? ok(v) : bad("facility.data.error.url");
            case CORPORATE_NUMBER -> half(v).matches("\\d{13}") ? ok(half(v)) : bad("facility.data.error.corporateNumber");
            case COUNT -> half(v).matches("\\d{1,9}") ? ok(Integer.toString(Integer.parseInt(half(v))))
                : bad("facility.data.error.count");
            case YES_NO, ALLOWED -> {
                String w = Normalizer.normalize(v, Normalizer.Form.NFKC).strip();
                yield YES.contains(w) ? ok("true") : NO.contains(w) ? ok("false") : bad("facility.data.error.yesNo");
            }
            default -> throw new IllegalStateException(field.name());
        };
    }

    static boolean isUrl(String v) {
        if (!(v.startsWith("http://") || v.startsWith("https://")) || v.length() > 2000 || v.matches(".*\\s.*")) {
            return false;
        }
        try {
            return java.net.URI.create(v).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isNumber(String v) {
        return DECIMAL.matcher(half(v)).matches();
    }

    /** Full-width digits and signs to half-width. */
    static String half(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replace('ー', '-').replace('−', '-').strip();
    }

    /** A coordinate as the shortest plain decimal that reads back as the same double. */
    static String decimal(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static LocalTime time(String raw) {
        String v = blankToNull(raw);
        if (v == null) {
            return null;
        }
        Matcher m = TIME.matcher(half(v));
        if (!m.matches()) {
            throw new IllegalArgumentException();
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h > 23 || min > 59) {
            throw new IllegalArgumentException();
        }
        return LocalTime.of(h, min);
    }

    static String hhmm(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    /**
     * 利用可能曜日: tokens separated by ";", ",", "、", "・" or spaces; 月 / 月曜 / 月曜日 / Mon; ranges 月～金; runs without
     * separators 月火水木金 (as 市川市 writes them); 毎日, 平日, 土日;
     * 祝 / 祝日 are accepted and ignored (holidays follow the facility's holiday rules).
     */
    static Set<DayOfWeek> days(String raw) {
        String v = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String token : v.split("[;,、・/\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String t = token.replace("曜日", "").replace("曜", "");
            Matcher run = DAY_RUN.matcher(t);
            if (run.matches()) {
                run.group(1).codePoints().forEach(c -> days.add(day(Character.toString(c))));
                continue;
            }
            String[] range = t.split("[~〜\\-]");
            if (range.length == 2) {
                DayOfWeek from = day(range[0]);
                DayOfWeek to = day(range[1]);
                for (int d = from.getValue(); ; d = d % 7 + 1) {
                    days.add(DayOfWeek.of(d));
                    if (d == to.getValue()) {
                        break;
                    }
                }
                continue;
            }
            switch (t) {
                case "毎日", "全日", "年中無休" -> days.addAll(EnumSet.allOf(DayOfWeek.class));
                case "平日" -> days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
                case "祝", "祝日", "祝祭日", "休日" -> { }
                default -> days.add(day(t));
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException();
        }
        return days;
    }

    private static DayOfWeek day(String t) {
        for (int i = 0; i < 7; i++) {
            if (DAY_JA[i].equals(t)) {
                return DayOfWeek.of(i + 1);
            }
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            String en = d.name().toLowerCase(Locale.ROOT);
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.length() >= 3 && en.startsWith(lower)) {
                return d;
            }
        }
        throw new IllegalArgumentException();
    }

    static String daysText(Set<DayOfWeek> days) {
        List<String> out = new ArrayList<>();
        for (DayOfWeek d : new TreeSet<>(days)) {
            out.add(DAY_JA[d.getValue() - 1]);
        }
        return String.join(";", out);
    }

    /** The canonical weekly hours: {@code 月;火;水|09:00|17:00}, or null for none. */
    static String weekly(Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {
        if (days == null || days.isEmpty()) {
            return null;
        }
        return daysText(days) + "|" + hhmm(opens) + "|" + hhmm(closes);
    }

    /** The weekly pattern as the standard's three columns can say it: open days, earliest opening, latest closing. */
    static String weekly(java.util.Map<DayOfWeek, List<TimeRange>> pattern) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        LocalTime opens = null;
        LocalTime closes = null;
        for (var e : pattern.entrySet()) {
            for (TimeRange r : e.getValue()) {
                days.add(e.getKey());
                opens = opens == null || r.opens().isBefore(opens) ? r.opens() : opens;
                closes = closes == null || r.closes().isAfter(closes) ? r.closes() : closes;
            }
        }
        return weekly(days, opens, closes);
    }

    /** A canonical value as the CSV writes it (有/無, 1 or empty, hours as "月;火 09:00-17:00"). */
    static String display(Field f, String canonical) {
        if (canonical == null) {
            return "";
        }
        return switch (f.type) {
            case YES_NO -> Boolean.parseBoolean(canonical) ? "有" : "無";
            case ALLOWED -> Boolean.parseBoolean(canonical) ? "可" : "不可";
            case FLAG -> Boolean.parseBoolean(canonical) ? "1" : "";
            case HOURS -> {
                String[] p = canonical.split("\\|");
                yield p[0] + " " + p[1] + "-" + p[2];
            }
            default -> canonical;
        };
    }

    private static Result ok(String v) {
        return new Result(v, null);
    }

    private static Result bad(String key, Object... args) {
        return new Result(null, new Problem(key, args));
    }
}
