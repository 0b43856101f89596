package jp.machi.facility.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Normalises text for word search: full-width and half-width forms fold together (NFKC), katakana becomes
 * hiragana, letters become lower case and spaces go away, so 「ｼｮｳｶﾞｯｺｳ」, 「ショウガッコウ」 and 「しょうがっこう」 match.
 */
public final class SearchText {

    private SearchText() {}

    public static String normalize(String text) {
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

    /** The words of a query, each normalised; empty words dropped. */
    public static List<String> terms(String query) {
        if (query == null) {
            return List.of();
        }
        String spaced = Normalizer.normalize(query, Normalizer.Form.NFKC);
        return Arrays.stream(spaced.split("\\s+")).map(SearchText::normalize).filter(s -> !s.isEmpty()).distinct()
            .limit(8).toList();
    }

    /** The text stored with a facility for search. */
    public static String of(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                sb.append(normalize(p)).append(' ');
            }
        }
        return sb.toString().trim();
    }
}
