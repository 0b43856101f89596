package jp.machi.shared.text;

import java.text.Normalizer;

/**
 * The one rule for text that people and machines send to Machi, applied to every request parameter (query string,
 * form, multipart fields) and every JSON string before any controller sees it ({@code shared.web.InputGuard} and the
 * JSON mapper): line breaks become {@code \n}; NUL and every other control character except tab and line feed are
 * removed (C0, DEL, C1), as are unpaired surrogates and the non-characters U+FFFE/U+FFFF; the result is in Unicode
 * NFC (composed kana such as が stay as typed; NFKC is not used because it would rewrite full-width digits and
 * circled numbers people write on purpose). A value longer than {@link #MAX_LENGTH} characters is refused: no field
 * of Machi is that long (each form's own limit is smaller and checked by its validation).
 */
public final class TextInput {

    /** The longest single value any parameter may carry (characters, after normalisation). */
    public static final int MAX_LENGTH = 10_000;

    private TextInput() {}

    /** The normalised value; null stays null. */
    public static String clean(String s) {
        if (s == null || isClean(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                b.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t') {
                b.append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\uFFFE' || c == '\uFFFF') {
                // dropped
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    b.append(c).append(s.charAt(++i));
                }
            } else if (!Character.isLowSurrogate(c)) {
                b.append(c);
            }
        }
        String out = b.toString();
        return Normalizer.isNormalized(out, Normalizer.Form.NFC) ? out : Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Whether {@link #clean} would leave the value as it is (checked without copying: most input is clean). */
    public static boolean isClean(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\n' && c != '\t') {
                    return false;
                }
            } else if (c >= 0x7f) {
                ascii = false;
                if (c <= 0x9f || c == '\uFFFE' || c == '\uFFFF') {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
        }
        return ascii || Normalizer.isNormalized(s, Normalizer.Form.NFC);
    }

    /** Whether a value is too long to be any field of Machi. */
    public static boolean tooLong(String s) {
        return s != null && s.length() > MAX_LENGTH;
    }

    /** A single-line value: line breaks and tabs become spaces (after {@link #clean}). */
    public static String singleLine(String s) {
        String c = clean(s);
        return c == null ? null : c.replace('\n', ' ').replace('\t', ' ');
    }
}
