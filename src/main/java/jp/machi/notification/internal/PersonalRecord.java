package jp.machi.notification.internal;

import java.time.Instant;

/** A personal notice as stored: already worded in the person's language. */
public record PersonalRecord(long id, String typeCode, String key, Long accountId, String email, String language,
                             String title, String body, String reason, String link, Instant createdAt, Instant readAt) {}
