package jp.machi.shared.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.machi.shared.time.FiscalYear;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.time.Wareki;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates for templates ({@code ${@machiDates.date(x)}}): 和暦 in Japanese (令和8年11月23日), day month year in
 * English; times in Asia/Tokyo.
 */
@Component("machiDates")
public class MachiDates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    public String date(LocalDate date) {
        return date == null ? "" : Wareki.format(date, LocaleContextHolder.getLocale());
    }

    /**
     * A date with its weekday in one style per language: 令和8年12月7日（月） in Japanese, "Mon 7 December 2026" in
     * English (the era in brackets and a second bracket for the weekday read badly together).
     */
    public String dateWithDay(LocalDate date) {
        return dateWithDay(date, LocaleContextHolder.getLocale());
    }

    /** {@link #dateWithDay(LocalDate)} in a given language (for mails and texts made outside a request). */
    public static String dateWithDay(LocalDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        if (locale != null && "en".equals(locale.getLanguage())) {
            return date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " "
                + date.getDayOfMonth() + " " + date.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
                + " " + date.getYear();
        }
        return Wareki.format(date) + "（" + date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.JAPANESE)
            + "）";
    }

    public String date(Instant instant) {
        return instant == null ? "" : date(instant.atZone(MachiClock.ZONE).toLocalDate());
    }

    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        return date(instant) + " " + TIME.format(instant.atZone(MachiClock.ZONE));
    }

    public String fiscalYear(LocalDate date) {
        Locale locale = LocaleContextHolder.getLocale();
        return date == null ? "" : FiscalYear.of(date).label(locale);
    }
}
