package jp.machi.facility.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * Normalises text for word search: full-width and half-width forms fold together (NFKC), katakana becomes
 * hiragana, letters become lower case and spaces go away, so 「ｼｮｳｶﾞｯｺｳ」, 「ショウガッコウ」 and 「しょうがっこう」 match.
 */
public final class SearchText {

    private SearchText() {}

    public static String normalize(String text) {
        return jp.machi.shared.text.NameFolding.fold(text);
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

    /** Raise when what {@link #forFacility} stores changes: rows with an older version are indexed again at start. */
    public static final int VERSION = 2;

    /** What is stored with a facility for search: the text, and its reading in hiragana (for 50音順). */
    public record Indexed(String text, String reading) {}

    /**
     * A facility's search text: its names and address folded as {@link #normalize} does, its reading (the ward's
     * 名称_カナ, else the dictionary's guess) in hiragana and as a romaji key ({@link Romaji}), so that
     * 「しょうがっこう」, 「ショウガッコウ」, "shogakko" and the English name all find it.
     */
    public static Indexed forFacility(String nameJa, String nameKana, String nameEn, String address) {
        String reading = nameKana != null && !nameKana.isBlank() ? normalize(nameKana) : Readings.of(nameJa);
        String key = reading == null ? null : romajiOf(reading);
        return new Indexed(of(nameJa, nameKana, reading, key, nameEn, address), reading);
    }

    /** The romaji key of a reading that may hold letters or digits between its kana (kept as they are). */
    static String romajiOf(String reading) {
        StringBuilder out = new StringBuilder();
        StringBuilder kana = new StringBuilder();
        for (int i = 0; i <= reading.length(); i++) {
            char c = i < reading.length() ? reading.charAt(i) : 0;
            boolean isKana = (c >= '\u3041' && c <= '\u3096') || c == '\u30FC';
            if (isKana) {
                kana.append(c);
                continue;
            }
            if (!kana.isEmpty()) {
                String k = Romaji.keyOfKana(kana.toString());
                if (k != null) {
                    out.append(k);
                }
                kana.setLength(0);
            }
            if (c != 0 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                out.append(c);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * The forms one search word may take in the stored text: itself folded, and its romaji key when it is a
     * reading (kana, or Latin letters that read as romaji).
     */
    public static List<String> alternatives(String term) {
        String n = normalize(term);
        if (n.isEmpty()) {
            return List.of();
        }
        boolean kana = n.chars().anyMatch(c -> (c >= 0x3041 && c <= 0x3096) || c == 0x30FC);
        String key = kana ? Romaji.keyOfKana(n) : Romaji.keyOfLatin(n);
        return key == null || key.isEmpty() || key.equals(n) ? List.of(n) : List.of(n, key);
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
