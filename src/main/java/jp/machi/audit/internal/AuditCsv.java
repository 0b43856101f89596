package jp.machi.audit.internal;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import jp.machi.shared.time.MachiClock;

/**
 * The columns of the audit log's CSV export (written by {@link jp.machi.shared.csv.CsvWriter}: UTF-8 with BOM, CRLF,
 * RFC 4180, and its formula-injection rule — a text cell starting with = + - @ tab CR or ' gets one leading single
 * quote; drop one to recover the stored value). Columns are fixed and named in English so that scripts can rely on
 * them; {@code occurred_at_utc} and the hashes let anyone re-verify the chain from the file. {@code detail} is the
 * description in English; {@code detail_key} and {@code detail_args} (empty for entries described only in English) are
 * what format version 2 of the chain hashes beside it.
 */
public final class AuditCsv {

    public static final List<String> HEADER = List.of("number", "occurred_at_utc", "occurred_at_tokyo", "action",
        "actor_account_id", "actor_label", "on_behalf_of_id", "subject_account_id", "subject", "detail", "remote_address",
        "prev_hash", "hash", "detail_key", "detail_args");

    private static final DateTimeFormatter TOKYO =
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(MachiClock.ZONE);

    private AuditCsv() {}

    static List<Object> row(AuditEntry e) {
        return Arrays.asList(e.id(), AuditChain.canonicalTime(e.occurredAt()), TOKYO.format(e.occurredAt()), e.action(),
            e.actorAccountId(), e.actorLabel(), e.onBehalfOfId(), e.subjectAccountId(), e.subject(), e.detail(),
            e.remoteAddress(), e.prevHash(), e.hash(), e.detailKey(), e.detailArgs());
    }
}
