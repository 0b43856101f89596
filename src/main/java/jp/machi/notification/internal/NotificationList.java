package jp.machi.notification.internal;

import java.util.Locale;

/** A list run by a school or nursery: parents join with its code, its staff send to it. */
public record NotificationList(long id, String nameJa, String nameEn, String kind, String joinCode, boolean active,
                               int members) {

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && !nameEn.isBlank() ? nameEn : nameJa;
    }
}
