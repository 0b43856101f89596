package jp.machi.shared.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds a name for matching the way people type it: full-width and half-width forms are one (NFKC), katakana
 * becomes hiragana, letters become lower case, and spaces, middle dots and hyphens go away — so 「田中一郎」,
 * 「田中 一郎」, 「ﾀﾅｶ」 and 「たなか」 meet 「田中 一郎（タナカ イチロウ）」. The SQL side of the counter desk's
 * search folds the stored names the same way (see the identity migration that adds {@code account.search_name}).
 */
public final class NameFolding {

    private NameFolding() {}

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= '\u30A1' && c <= '\u30F6') {
                sb.append((char) (c - 0x60));
            } else if (!Character.isWhitespace(c) && c != '\u30FB' && c != '-' && c != '\u2010' && c != '\u2212') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
