package jp.machi.audit.web;

import java.time.format.DateTimeFormatter;
import jp.machi.audit.internal.AuditEntry;
import jp.machi.shared.time.MachiClock;

/** One line of the results table, formatted for the page. */
public record AuditRow(long number, String time, String iso, String actorLabel, Long actorAccountId,
                       Long onBehalfOfId, String action, String subject, Long subjectAccountId, String detail,
                       String address, String detailKey, String detailArgs) {

    static final DateTimeFormatter TOKYO = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(MachiClock.ZONE);

    static AuditRow of(AuditEntry e) {
        return new AuditRow(e.id(), TOKYO.format(e.occurredAt()),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.occurredAt().atZone(MachiClock.ZONE)), e.actorLabel(),
            e.actorAccountId(), e.onBehalfOfId(), e.action(), e.subject(), e.subjectAccountId(), e.detail(),
            e.remoteAddress(), e.detailKey(), e.detailArgs());
    }
}
