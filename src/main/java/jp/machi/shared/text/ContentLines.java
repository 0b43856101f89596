package jp.machi.shared.text;

import java.nio.charset.StandardCharsets;

/**
 * The two rules of RFC 5545 text every iCalendar feed of Machi follows: TEXT values escaped (§3.3.11) and content
 * lines folded so that no physical line exceeds 75 octets (§3.1), never inside a UTF-8 character, each ended by
 * CRLF.
 */
public final class ContentLines {

    private ContentLines() {}

    /** Escapes a TEXT value: backslash, semicolon, comma and line breaks; null becomes empty. */
    public static String text(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends one content line, folded at 75 octets (CRLF and one space start each continuation), and CRLF. */
    public static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
