package jp.machi.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain's format (version 1). Documented in docs/modules/audit.md so that anyone can re-verify an
 * exported CSV; change it only together with that page and a new version tag.
 *
 * <p>hash = lowercase hex of SHA-256 over the UTF-8 bytes of {@code "machi-audit-v1"} followed by eleven
 * fields in this order: id, occurred_at, action, actor_account_id, actor_label, on_behalf_of_id,
 * subject_account_id, subject, detail, remote_address, prev_hash. Each field is written as its length in
 * UTF-8 bytes (decimal), a colon and the bytes; an absent field (SQL null) is written as a single "-".
 * Numbers are decimal without sign or leading zeros; occurred_at is UTC as {@code 2026-11-23T01:02:03.456789Z}
 * (always six fractional digits).
 *
 * <p>Version 2 (entries whose description has a message key): the same, but the tag is {@code "machi-audit-v2"} and
 * two more fields follow prev_hash: detail_key and detail_args (the arguments as the JSON text stored). Entries
 * without a key keep version 1, so entries written before keys existed verify as they always did.
 */
public final class AuditChain {

    /** The first entry's prev_hash. */
    public static final String GENESIS = "0".repeat(64);

    static final String VERSION = "machi-audit-v1";
    static final String VERSION_KEYED = "machi-audit-v2";

    private static final DateTimeFormatter UTC_MICROS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {}

    /** The instant as the chain writes it: UTC, exactly six fractional digits. */
    public static String canonicalTime(Instant instant) {
        return UTC_MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** The bytes that are hashed. */
    static byte[] canonical(AuditEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        boolean keyed = e.detailKey() != null;
        out.writeBytes((keyed ? VERSION_KEYED : VERSION).getBytes(StandardCharsets.UTF_8));
        field(out, Long.toString(e.id()));
        field(out, canonicalTime(e.occurredAt()));
        field(out, e.action());
        field(out, e.actorAccountId() == null ? null : e.actorAccountId().toString());
        field(out, e.actorLabel());
        field(out, e.onBehalfOfId() == null ? null : e.onBehalfOfId().toString());
        field(out, e.subjectAccountId() == null ? null : e.subjectAccountId().toString());
        field(out, e.subject());
        field(out, e.detail());
        field(out, e.remoteAddress());
        field(out, e.prevHash());
        if (keyed) {
            field(out, e.detailKey());
            field(out, e.detailArgs());
        }
        return out.toByteArray();
    }

    public static String hash(AuditEntry e) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(e)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write('-');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
    }
}
