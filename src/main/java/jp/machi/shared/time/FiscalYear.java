package jp.machi.shared.time;

import java.time.LocalDate;
import java.util.Locale;

/** A Japanese fiscal year (年度): April 1 to March 31. FY2026 is 令和8年度. */
public record FiscalYear(int startYear) {

    public static FiscalYear of(LocalDate date) {
        return new FiscalYear(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, 4, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, 3, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    /** 令和8年度 in Japanese, FY2026 in English. */
    public String label(Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage())) {
            return "FY" + startYear;
        }
        return Wareki.year(firstDay()) + "度";
    }
}
