package jp.machi.notification.internal;

import java.time.Instant;
import java.util.List;

/** What staff (or the API) wrote for a notice, not yet checked. Empty texts are null. */
public record NoticeDraft(String topic, Long listId, List<String> areas, Priority priority, String titleJa, String bodyJa,
                          String titleEn, String bodyEn, Instant expiresAt, Instant scheduledAt) {

    public NoticeDraft {
        areas = areas == null ? List.of() : List.copyOf(areas);
    }
}
