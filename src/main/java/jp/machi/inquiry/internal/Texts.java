package jp.machi.inquiry.internal;

import java.text.Normalizer;

/** Text as residents and staff typed it, made safe to store: NFC, line breaks as \n, no other control characters. */
public final class Texts {

    private Texts() {}

    public static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = Normalizer.normalize(raw.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (cp == '\n' || cp == '\t') {
                out.appendCodePoint(cp == '\t' ? ' ' : cp);
            } else if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
                || (type == Character.FORMAT && cp != 0x200D)) {
                // dropped: NUL, bell, lone surrogates, bidi overrides (a zero-width joiner stays for emoji)
                continue;
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().strip();
    }

    /** One line: like {@link #clean} with line breaks as spaces. */
    public static String line(String raw) {
        return clean(raw).replace('\n', ' ').strip();
    }
}
