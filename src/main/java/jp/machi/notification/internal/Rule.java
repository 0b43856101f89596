package jp.machi.notification.internal;

import java.util.Locale;
import jp.machi.notification.NotificationType;

/** A personal notice type with the staff's decision: on or off, and the wording (the type's default where unset). */
public record Rule(NotificationType type, boolean enabled, String subjectJa, String bodyJa, String subjectEn,
                   String bodyEn, String reasonJa, String reasonEn, boolean customised) {

    public String subject(String language) {
        return "en".equals(language) ? subjectEn : subjectJa;
    }

    public String body(String language) {
        return "en".equals(language) ? bodyEn : bodyJa;
    }

    public String reason(String language) {
        return "en".equals(language) ? reasonEn : reasonJa;
    }

    public String name(Locale locale) {
        return type.name().in(locale);
    }
}
