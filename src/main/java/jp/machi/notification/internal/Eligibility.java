package jp.machi.notification.internal;

import java.time.Instant;
import java.util.List;

/** "A service you may be eligible for": whom it is for, and what to tell them. */
public record Eligibility(long id, String titleJa, String bodyJa, String titleEn, String bodyEn, String link,
                          List<String> districts, List<String> ageBands, Integer childMinMonths, Integer childMaxMonths,
                          boolean active, Instant updatedAt) {

    public boolean childCondition() {
        return childMinMonths != null || childMaxMonths != null;
    }

    public String title(String language) {
        return "en".equals(language) && titleEn != null ? titleEn : titleJa;
    }

    public String body(String language) {
        return "en".equals(language) && bodyEn != null ? bodyEn : bodyJa;
    }
}
