package jp.machi.shared.text;

import java.util.Locale;

/** A text in Japanese and English; English falls back to Japanese when missing. */
public record LocalizedText(String ja, String en) {

    public String in(Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage()) && en != null && !en.isBlank()) {
            return en;
        }
        return ja;
    }
}
