package jp.machi.shared.time;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Japanese era (和暦) formatting. Residents read dates such as 令和8年11月23日; the first year of an era
 * is written 元年 (令和元年5月1日).
 */
public final class Wareki {

    private record Era(String name, String latin, LocalDate start) {}

    private static final Era[] ERAS = {
        new Era("令和", "Reiwa", LocalDate.of(2019, 5, 1)),
        new Era("平成", "Heisei", LocalDate.of(1989, 1, 8)),
        new Era("昭和", "Showa", LocalDate.of(1926, 12, 25)),
        new Era("大正", "Taisho", LocalDate.of(1912, 7, 30)),
        new Era("明治", "Meiji", LocalDate.of(1873, 1, 1)),
    };

    private Wareki() {}

    /** The era name and year, for example 令和8年 or 令和元年. */
    public static String year(LocalDate date) {
        Era era = eraOf(date);
        int year = date.getYear() - era.start().getYear() + 1;
        return era.name() + (year == 1 ? "元" : Integer.toString(year)) + "年";
    }

    /** 令和8年11月23日. */
    public static String format(LocalDate date) {
        return year(date) + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** Japanese era date for ja, an ISO-like English date with the era in brackets for en. */
    public static String format(LocalDate date, Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage())) {
            Era era = eraOf(date);
            int year = date.getYear() - era.start().getYear() + 1;
            return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " " + date.getYear()
                + " (" + era.latin() + " " + year + ")";
        }
        return format(date);
    }

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private static Era eraOf(LocalDate date) {
        for (Era era : ERAS) {
            if (!date.isBefore(era.start())) {
                return era;
            }
        }
        throw new IllegalArgumentException("Dates before 1873 have no supported era: " + date);
    }
}
