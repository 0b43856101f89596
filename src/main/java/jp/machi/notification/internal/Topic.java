package jp.machi.notification.internal;

import java.util.Locale;

/** A topic residents subscribe to (防災気象, 子育て ...). */
public record Topic(String code, String nameJa, String nameEn, String descriptionJa, String descriptionEn, int position,
                    boolean active) {

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && !nameEn.isBlank() ? nameEn : nameJa;
    }

    public String description(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && !descriptionEn.isBlank() ? descriptionEn : descriptionJa;
    }
}
