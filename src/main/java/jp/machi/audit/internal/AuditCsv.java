package jp.machi.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import jp.machi.shared.time.MachiClock;

/**
 * The CSV export format (RFC 4180, CRLF line ends). Columns are fixed and named in English so that scripts
 * can rely on them; {@code occurred_at_utc} and the hashes let anyone re-verify the chain from the file.
 *
 * <p>Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula. Such text
 * cells get a leading single quote; so that this stays reversible, a text cell that already starts with a
 * single quote gets one too. To recover the stored value, drop one leading single quote if there is one.
 */
public final class AuditCsv {

    /** Excel in Japan reads a UTF-8 file as Shift_JIS unless it starts with a byte order mark. */
    public static final char BOM = '\uFEFF';

    public static final String HEADER = "number,occurred_at_utc,occurred_at_tokyo,action,actor_account_id,actor_label,"
        + "on_behalf_of_id,subject_account_id,subject,detail,remote_address,prev_hash,hash";

    private static final DateTimeFormatter TOKYO =
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(MachiClock.ZONE);

    private AuditCsv() {}

    static void header(Writer out) {
        write(out, BOM + HEADER + "\r\n");
    }

    static void row(Writer out, AuditEntry e) {
        StringBuilder line = new StringBuilder(256);
        line.append(e.id()).append(',')
            .append(AuditChain.canonicalTime(e.occurredAt())).append(',')
            .append(TOKYO.format(e.occurredAt())).append(',')
            .append(text(e.action())).append(',')
            .append(number(e.actorAccountId())).append(',')
            .append(text(e.actorLabel())).append(',')
            .append(number(e.onBehalfOfId())).append(',')
            .append(number(e.subjectAccountId())).append(',')
            .append(text(e.subject())).append(',')
            .append(text(e.detail())).append(',')
            .append(text(e.remoteAddress())).append(',')
            .append(e.prevHash()).append(',')
            .append(e.hash()).append("\r\n");
        write(out, line.toString());
    }

    /** A text cell: neutralised against formula injection, then quoted when RFC 4180 needs it. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String s = value;
        char first = s.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
            || first == '\'') {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String number(Long value) {
        return value == null ? "" : value.toString();
    }

    private static void write(Writer out, String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
