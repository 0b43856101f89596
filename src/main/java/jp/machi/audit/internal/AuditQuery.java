package jp.machi.audit.internal;

import java.time.Instant;

/**
 * Valid search filters; every one may be null (no filter).
 *
 * @param actionPrefix     entries whose action starts with this, e.g. {@code auth.} or {@code resident.read}
 * @param actorAccountId   entries by this account
 * @param actorLabel       entries whose actor label (e-mail at the time) equals this, ignoring case
 * @param subjectAccountId entries about this resident: as the subject or as the one a staff member acted for
 * @param from             entries at or after this instant
 * @param until            entries before this instant
 * @param text             entries whose detail contains this, ignoring case
 */
public record AuditQuery(String actionPrefix, Long actorAccountId, String actorLabel, Long subjectAccountId,
                         Instant from, Instant until, String text) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null);
}
