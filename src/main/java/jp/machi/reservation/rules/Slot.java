package jp.machi.reservation.rules;

import java.time.LocalTime;
import java.util.Locale;

/** One slot (コマ) of a room's day, e.g. 午前 09:00–12:00. */
public record Slot(String code, String labelJa, String labelEn, LocalTime start, LocalTime end) {

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? labelEn : labelJa;
    }
}
