package jp.machi.holiday.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.machi.holiday.Holiday;
import jp.machi.holiday.PublicHolidays;

/**
 * Our own calculation of the Act on National Holidays (国民の祝日に関する法律) for 1955–2099: the Article 2
 * holidays with the years each rule applies, the one-off days of special laws, the Olympic moves of 2020 and
 * 2021, 振替休日 (Article 3.2) and 国民の休日 (Article 3.3). Names are written as in the Cabinet Office table,
 * where substitute and sandwiched days are both 「休日」. Pure and thread-safe.
 *
 * <p>Equinoxes: the 新こよみ便利帳 approximation (1900–1979 and 1980–2099 constants), overridden by the dates
 * the National Astronomical Observatory has published in its 暦要項 for years past the Cabinet Office table we
 * test against ({@link #PUBLISHED_EQUINOXES}). Later years are the formula's prediction and become official
 * only with the 官報 publication in February of the year before.
 */
public final class HolidayCalculator {

    static final String SUBSTITUTE = "休日";
    static final String SUBSTITUTE_EN = "Substitute holiday";
    static final String CITIZENS_EN = "Citizens' holiday";

    private static final LocalDate SUBSTITUTE_FROM = LocalDate.of(1973, 4, 12);
    private static final int CITIZENS_FROM = 1986;
    private static final int CURRENT_WORDING_FROM = 2007;

    /** 暦要項 (国立天文台): {year, March day, September day}; they agree with the formula and pin it. */
    static final int[][] PUBLISHED_EQUINOXES = {
        {2025, 20, 23},
        {2026, 20, 23},
        {2027, 21, 23},
    };

    /** One-off holidays of special laws, as the Cabinet Office table names them. */
    private static final Map<LocalDate, Holiday> ONE_OFF = Map.of(
        LocalDate.of(1959, 4, 10), new Holiday(LocalDate.of(1959, 4, 10), "結婚の儀",
            "Wedding ceremony of Crown Prince Akihito"),
        LocalDate.of(1989, 2, 24), new Holiday(LocalDate.of(1989, 2, 24), "大喪の礼",
            "Funeral ceremony of Emperor Showa"),
        LocalDate.of(1990, 11, 12), new Holiday(LocalDate.of(1990, 11, 12), "即位礼正殿の儀",
            "Enthronement ceremony"),
        LocalDate.of(1993, 6, 9), new Holiday(LocalDate.of(1993, 6, 9), "結婚の儀",
            "Wedding ceremony of Crown Prince Naruhito"),
        LocalDate.of(2019, 5, 1), new Holiday(LocalDate.of(2019, 5, 1), "休日（祝日扱い）",
            "Enthronement day of the Emperor"),
        LocalDate.of(2019, 10, 22), new Holiday(LocalDate.of(2019, 10, 22), "休日（祝日扱い）",
            "Enthronement ceremony"));

    /** The holidays of the year in date order; IllegalArgumentException outside 1955–2099. */
    public List<Holiday> holidays(int year) {
        if (year < PublicHolidays.FIRST_YEAR || year > PublicHolidays.LAST_YEAR) {
            throw new IllegalArgumentException("Supported years are " + PublicHolidays.FIRST_YEAR + " to "
                + PublicHolidays.LAST_YEAR + ": " + year);
        }
        TreeMap<LocalDate, Holiday> national = nationalHolidays(year);
        TreeMap<LocalDate, Holiday> all = new TreeMap<>(national);
        addSubstitutes(year, national, all);
        addCitizensHolidays(year, national, all);
        return List.copyOf(all.values());
    }

    /** Article 2 holidays and the one-offs (the days that count as 国民の祝日 for Article 3). */
    private TreeMap<LocalDate, Holiday> nationalHolidays(int y) {
        TreeMap<LocalDate, Holiday> h = new TreeMap<>();
        put(h, y, 1, 1, "元日", "New Year's Day");
        if (y <= 1999) {
            put(h, y, 1, 15, "成人の日", "Coming of Age Day");
        } else {
            put(h, monday(y, Month.JANUARY, 2), "成人の日", "Coming of Age Day");
        }
        if (y >= 1967) {
            put(h, y, 2, 11, "建国記念の日", "National Foundation Day");
        }
        if (y >= 2020) {
            put(h, y, 2, 23, "天皇誕生日", "The Emperor's Birthday");
        }
        put(h, LocalDate.of(y, 3, vernalEquinoxDay(y)), "春分の日", "Vernal Equinox Day");
        if (y <= 1988) {
            put(h, y, 4, 29, "天皇誕生日", "The Emperor's Birthday");
        } else if (y <= 2006) {
            put(h, y, 4, 29, "みどりの日", "Greenery Day");
        } else {
            put(h, y, 4, 29, "昭和の日", "Showa Day");
        }
        put(h, y, 5, 3, "憲法記念日", "Constitution Memorial Day");
        if (y >= 2007) {
            put(h, y, 5, 4, "みどりの日", "Greenery Day");
        }
        put(h, y, 5, 5, "こどもの日", "Children's Day");
        if (y == 2020) {
            put(h, y, 7, 23, "海の日", "Marine Day");
        } else if (y == 2021) {
            put(h, y, 7, 22, "海の日", "Marine Day");
        } else if (y >= 2003) {
            put(h, monday(y, Month.JULY, 3), "海の日", "Marine Day");
        } else if (y >= 1996) {
            put(h, y, 7, 20, "海の日", "Marine Day");
        }
        if (y == 2020) {
            put(h, y, 8, 10, "山の日", "Mountain Day");
        } else if (y == 2021) {
            put(h, y, 8, 8, "山の日", "Mountain Day");
        } else if (y >= 2016) {
            put(h, y, 8, 11, "山の日", "Mountain Day");
        }
        if (y >= 2003) {
            put(h, monday(y, Month.SEPTEMBER, 3), "敬老の日", "Respect for the Aged Day");
        } else if (y >= 1966) {
            put(h, y, 9, 15, "敬老の日", "Respect for the Aged Day");
        }
        put(h, LocalDate.of(y, 9, autumnalEquinoxDay(y)), "秋分の日", "Autumnal Equinox Day");
        if (y == 2020) {
            put(h, y, 7, 24, "スポーツの日", "Sports Day");
        } else if (y == 2021) {
            put(h, y, 7, 23, "スポーツの日", "Sports Day");
        } else if (y >= 2022) {
            put(h, monday(y, Month.OCTOBER, 2), "スポーツの日", "Sports Day");
        } else if (y == 2019) {
            // the 2018 amendment renamed the day from 2020; the Cabinet Office table writes 2019's like this
            put(h, monday(y, Month.OCTOBER, 2), "体育の日（スポーツの日）", "Health and Sports Day");
        } else if (y >= 2000) {
            put(h, monday(y, Month.OCTOBER, 2), "体育の日", "Health and Sports Day");
        } else if (y >= 1966) {
            put(h, y, 10, 10, "体育の日", "Health and Sports Day");
        }
        put(h, y, 11, 3, "文化の日", "Culture Day");
        put(h, y, 11, 23, "勤労感謝の日", "Labour Thanksgiving Day");
        if (y >= 1989 && y <= 2018) {
            put(h, y, 12, 23, "天皇誕生日", "The Emperor's Birthday");
        }
        ONE_OFF.forEach((date, holiday) -> {
            if (date.getYear() == y) {
                h.put(date, holiday);
            }
        });
        return h;
    }

    /** Article 3.2: a 国民の祝日 on a Sunday gives the next day (from 2007: the next day that is not one). */
    private static void addSubstitutes(int y, Map<LocalDate, Holiday> national, Map<LocalDate, Holiday> all) {
        for (LocalDate d : national.keySet()) {
            if (d.getDayOfWeek() != DayOfWeek.SUNDAY || d.isBefore(SUBSTITUTE_FROM)) {
                continue;
            }
            LocalDate next = d.plusDays(1);
            if (y >= CURRENT_WORDING_FROM) {
                while (national.containsKey(next)) {
                    next = next.plusDays(1);
                }
            }
            // before 2007 a next day that was itself a holiday simply gave nothing more
            if (!all.containsKey(next) && next.getYear() == y) {
                all.put(next, new Holiday(next, SUBSTITUTE, SUBSTITUTE_EN));
            }
        }
    }

    /** Article 3.3 (from 1986): a day between two 国民の祝日; before 2007 not on a Sunday or a 振替休日. */
    private static void addCitizensHolidays(int y, Map<LocalDate, Holiday> national, Map<LocalDate, Holiday> all) {
        if (y < CITIZENS_FROM) {
            return;
        }
        for (LocalDate d : List.copyOf(national.keySet())) {
            LocalDate between = d.plusDays(1);
            if (national.containsKey(between) || !national.containsKey(between.plusDays(1))) {
                continue;
            }
            if (y < CURRENT_WORDING_FROM && (between.getDayOfWeek() == DayOfWeek.SUNDAY || all.containsKey(between))) {
                continue;
            }
            all.putIfAbsent(between, new Holiday(between, SUBSTITUTE, CITIZENS_EN));
        }
    }

    /** The day of March of 春分日. */
    static int vernalEquinoxDay(int y) {
        for (int[] p : PUBLISHED_EQUINOXES) {
            if (p[0] == y) {
                return p[1];
            }
        }
        return equinox(y, 20.8357, 20.8431);
    }

    /** The day of September of 秋分日. */
    static int autumnalEquinoxDay(int y) {
        for (int[] p : PUBLISHED_EQUINOXES) {
            if (p[0] == y) {
                return p[2];
            }
        }
        return equinox(y, 23.2588, 23.2488);
    }

    /**
     * 新こよみ便利帳: floor(c + 0.242194 (Y − 1980) − floor((Y − b) / 4)), with b = 1983 and Java's truncating
     * division for 1900–1979, and b = 1980 for 1980–2099.
     */
    private static int equinox(int y, double before1980, double from1980) {
        if (y < 1980) {
            return (int) Math.floor(before1980 + 0.242194 * (y - 1980) - ((y - 1983) / 4));
        }
        return (int) Math.floor(from1980 + 0.242194 * (y - 1980) - Math.floorDiv(y - 1980, 4));
    }

    private static LocalDate monday(int y, Month month, int nth) {
        return LocalDate.of(y, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, DayOfWeek.MONDAY));
    }

    private static void put(Map<LocalDate, Holiday> h, int y, int m, int d, String name, String en) {
        put(h, LocalDate.of(y, m, d), name, en);
    }

    private static void put(Map<LocalDate, Holiday> h, LocalDate date, String name, String en) {
        h.put(date, new Holiday(date, name, en));
    }

    /** Every Japanese name the calculation uses, with its English name (for names read from the table). */
    static Map<String, String> englishNames() {
        Map<String, String> names = new TreeMap<>();
        for (int y : new int[] {1959, 1985, 1989, 1990, 1993, 2000, 2019, 2024}) {
            for (Holiday h : new HolidayCalculator().holidays(y)) {
                if (!SUBSTITUTE.equals(h.name())) {
                    names.putIfAbsent(h.name(), h.nameEn());
                }
            }
        }
        names.put("結婚の儀", "Imperial wedding ceremony");
        names.put("休日（祝日扱い）", "Holiday (treated as a national holiday)");
        names.put("即位礼正殿の儀", "Enthronement ceremony");
        names.put(SUBSTITUTE, "Holiday");
        return Map.copyOf(names);
    }
}
