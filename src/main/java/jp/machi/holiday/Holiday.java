package jp.machi.holiday;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One public holiday.
 *
 * @param date   the day
 * @param name   the Japanese name as the Cabinet Office writes it (e.g. 元日, 休日 for substitute and
 *               citizens' holidays)
 * @param nameEn an English name (e.g. New Year's Day, Substitute holiday)
 */
public record Holiday(LocalDate date, String name, String nameEn) {

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : name;
    }
}
