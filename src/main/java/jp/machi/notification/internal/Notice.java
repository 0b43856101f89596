package jp.machi.notification.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A notice staff write: to a topic (in districts, or ward-wide when {@code areas} is empty) or to a list. */
public record Notice(long id, String topicCode, Long listId, Priority priority, String status, String titleJa,
                     String bodyJa, String titleEn, String bodyEn, Instant expiresAt, Instant scheduledAt,
                     long createdBy, Instant createdAt, Long approvedBy, Instant approvedAt, Instant releasedAt,
                     Long releasedBy, Instant finishedAt, int recipients, int suppressed, boolean demo,
                     List<String> areas) {

    public static final String DRAFT = "DRAFT";
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String CANCELLED = "CANCELLED";

    public boolean wardWide() {
        return listId == null && areas.isEmpty();
    }

    public boolean isList() {
        return listId != null;
    }

    public boolean released() {
        return releasedAt != null;
    }

    /** Shown on the public page, in feeds and the API list: released ward notices (lists' notices are private). */
    public boolean isPublic() {
        return listId == null && releasedAt != null && !demoHidden();
    }

    private boolean demoHidden() {
        return false;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean hasJapanese() {
        return titleJa != null;
    }

    public boolean hasEnglish() {
        return titleEn != null;
    }

    /** The title in a language, falling back to the other one. */
    public String title(String language) {
        return "en".equals(language) ? (titleEn != null ? titleEn : titleJa) : (titleJa != null ? titleJa : titleEn);
    }

    public String body(String language) {
        return "en".equals(language) ? (bodyEn != null ? bodyEn : bodyJa) : (bodyJa != null ? bodyJa : bodyEn);
    }

    public String title(Locale locale) {
        return title(locale == null ? "ja" : locale.getLanguage());
    }

    public String body(Locale locale) {
        return body(locale == null ? "ja" : locale.getLanguage());
    }

    /** The language the text shown for {@code language} is really in. */
    public String textLanguage(String language) {
        return "en".equals(language) ? (titleEn != null ? "en" : "ja") : (titleJa != null ? "ja" : "en");
    }

    /** The status as the API and the pages name it: draft, awaiting_approval, scheduled, sending, sent, cancelled. */
    public String apiStatus() {
        return status.toLowerCase(Locale.ROOT);
    }
}
