package jp.machi.facility.internal;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Readings in Latin letters, for people who type a Japanese name in romaji ("shogakko", "shougakkou", "syougakkou",
 * "Ōizumi" all find 小学校 or 大泉). Both sides become one loose key: kana are written in Hepburn, long vowels and
 * doubled consonants fold away ("ou", "oo", "uu" become one vowel; っ and ー vanish), so the different ways people
 * spell a reading meet. A typed word is first read as romaji (Hepburn and the keyboard spellings: si, ti, tu, hu,
 * zi, sya ...); a word that is not romaji ("library") has no key and is matched as it is.
 */
public final class Romaji {

    private Romaji() {}

    private static final Map<Character, String> KANA = new HashMap<>();
    private static final Map<String, String> SMALL = new HashMap<>();
    private static final Map<String, Character> SYLLABLES = new HashMap<>();

    static {
        String[][] table = {
            {"あ", "a"}, {"い", "i"}, {"う", "u"}, {"え", "e"}, {"お", "o"},
            {"か", "ka"}, {"き", "ki"}, {"く", "ku"}, {"け", "ke"}, {"こ", "ko"},
            {"が", "ga"}, {"ぎ", "gi"}, {"ぐ", "gu"}, {"げ", "ge"}, {"ご", "go"},
            {"さ", "sa"}, {"し", "shi"}, {"す", "su"}, {"せ", "se"}, {"そ", "so"},
            {"ざ", "za"}, {"じ", "ji"}, {"ず", "zu"}, {"ぜ", "ze"}, {"ぞ", "zo"},
            {"た", "ta"}, {"ち", "chi"}, {"つ", "tsu"}, {"て", "te"}, {"と", "to"},
            {"だ", "da"}, {"ぢ", "ji"}, {"づ", "zu"}, {"で", "de"}, {"ど", "do"},
            {"な", "na"}, {"に", "ni"}, {"ぬ", "nu"}, {"ね", "ne"}, {"の", "no"},
            {"は", "ha"}, {"ひ", "hi"}, {"ふ", "fu"}, {"へ", "he"}, {"ほ", "ho"},
            {"ば", "ba"}, {"び", "bi"}, {"ぶ", "bu"}, {"べ", "be"}, {"ぼ", "bo"},
            {"ぱ", "pa"}, {"ぴ", "pi"}, {"ぷ", "pu"}, {"ぺ", "pe"}, {"ぽ", "po"},
            {"ま", "ma"}, {"み", "mi"}, {"む", "mu"}, {"め", "me"}, {"も", "mo"},
            {"や", "ya"}, {"ゆ", "yu"}, {"よ", "yo"},
            {"ら", "ra"}, {"り", "ri"}, {"る", "ru"}, {"れ", "re"}, {"ろ", "ro"},
            {"わ", "wa"}, {"ゐ", "i"}, {"ゑ", "e"}, {"を", "o"}, {"ん", "n"}, {"ゔ", "vu"},
            {"ぁ", "a"}, {"ぃ", "i"}, {"ぅ", "u"}, {"ぇ", "e"}, {"ぉ", "o"}, {"ゃ", "ya"}, {"ゅ", "yu"}, {"ょ", "yo"},
            {"ゎ", "wa"},
        };
        for (String[] row : table) {
            KANA.put(row[0].charAt(0), row[1]);
        }
        // consonant + small ya/yu/yo (きゃ kya, しゃ sha, ちゃ cha, じゃ ja)
        for (String c : new String[] {"き", "ぎ", "し", "じ", "ち", "ぢ", "に", "ひ", "び", "ぴ", "み", "り"}) {
            String base = KANA.get(c.charAt(0));
            String stem = base.endsWith("hi") && !base.equals("hi") ? base.substring(0, base.length() - 1)
                : base.equals("ji") ? "j" : base.substring(0, base.length() - 1) + "y";
            SMALL.put(c + "ゃ", stem + "a");
            SMALL.put(c + "ゅ", stem + "u");
            SMALL.put(c + "ょ", stem + "o");
        }
        SMALL.put("ふぁ", "fa");
        SMALL.put("ふぃ", "fi");
        SMALL.put("ふぇ", "fe");
        SMALL.put("ふぉ", "fo");
        SMALL.put("てぃ", "ti");
        SMALL.put("でぃ", "di");
        SMALL.put("うぃ", "wi");
        SMALL.put("うぇ", "we");
        SMALL.put("しぇ", "she");
        SMALL.put("じぇ", "je");
        SMALL.put("ちぇ", "che");
        // romaji syllables a person may type, to kana (Hepburn and the keyboard's Kunrei-like spellings)
        KANA.forEach((k, v) -> {
            if ("ぁぃぅぇぉゃゅょゎゐゑをぢづ".indexOf(k) < 0) {
                SYLLABLES.putIfAbsent(v, k);
            }
        });
        Map<String, Character> extra = Map.ofEntries(Map.entry("si", 'し'), Map.entry("ti", 'ち'), Map.entry("tu", 'つ'),
            Map.entry("hu", 'ふ'), Map.entry("zi", 'じ'), Map.entry("di", 'ぢ'), Map.entry("du", 'づ'), Map.entry("wo", 'を'),
            Map.entry("ca", 'か'), Map.entry("cu", 'く'), Map.entry("co", 'こ'), Map.entry("la", 'ら'), Map.entry("li", 'り'),
            Map.entry("lu", 'る'), Map.entry("le", 'れ'), Map.entry("lo", 'ろ'));
        extra.forEach(SYLLABLES::putIfAbsent);
    }

    /** The loose key of a reading in kana (hiragana or katakana), or null when it holds anything but kana. */
    public static String keyOfKana(String kana) {
        String h = SearchText.normalize(kana);
        if (h.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == 'っ' || c == 'ー' || c == '〜') {
                continue;
            }
            if (i + 1 < h.length()) {
                String two = SMALL.get(h.substring(i, i + 2));
                if (two != null) {
                    sb.append(two);
                    i++;
                    continue;
                }
            }
            String one = KANA.get(c);
            if (one == null) {
                return null;
            }
            sb.append(one);
        }
        return fold(sb.toString());
    }

    /**
     * The loose key of a word typed in Latin letters, or null when it is not romaji. Macrons and circumflexes
     * (ō, ô) count as plain vowels, "oh" before a consonant as a long o (Ohizumi).
     */
    public static String keyOfLatin(String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        String s = Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
            .replaceAll("[\\s'’\\-.]", "");
        if (s.isEmpty() || !s.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
            return null;
        }
        s = s.replaceAll("oh(?=[^aiueoy]|$)", "o");
        StringBuilder kana = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            // a doubled consonant (kk, tch) is っ; n before a consonant or at the end is ん
            if (i + 1 < s.length() && c == s.charAt(i + 1) && "aiueon".indexOf(c) < 0) {
                kana.append('っ');
                i++;
                continue;
            }
            if (c == 't' && s.startsWith("tch", i)) {
                kana.append('っ');
                i++;
                continue;
            }
            if (c == 'n' && (i + 1 == s.length() || "aiueoy".indexOf(s.charAt(i + 1)) < 0)) {
                kana.append('ん');
                boolean doubled = i + 1 < s.length() && s.charAt(i + 1) == 'n'
                    && (i + 2 == s.length() || "aiueoy".indexOf(s.charAt(i + 2)) < 0);
                i += doubled ? 2 : 1;
                continue;
            }
            String found = null;
            for (int len = 3; len >= 1 && found == null; len--) {
                if (i + len <= s.length()) {
                    String piece = s.substring(i, i + len);
                    Character k = SYLLABLES.get(piece);
                    if (k != null) {
                        found = String.valueOf(k);
                    } else if (len >= 2) {
                        found = contracted(piece);
                    }
                    if (found != null) {
                        kana.append(found);
                        i += len;
                    }
                }
            }
            if (found == null) {
                return null;
            }
        }
        return keyOfKana(kana.toString());
    }

    /** kya, sha, cha, ja, sya, tya, zya, jya ... as kana, or null. */
    private static String contracted(String piece) {
        for (Map.Entry<String, String> e : SMALL.entrySet()) {
            if (e.getValue().equals(piece)) {
                return e.getKey();
            }
        }
        String[][] alternatives = {{"sy", "し"}, {"ty", "ち"}, {"cy", "ち"}, {"zy", "じ"}, {"jy", "じ"}, {"dy", "ぢ"}};
        for (String[] a : alternatives) {
            if (piece.length() == 3 && piece.startsWith(a[0])) {
                String small = switch (piece.charAt(2)) {
                    case 'a' -> "ゃ";
                    case 'u' -> "ゅ";
                    case 'o' -> "ょ";
                    default -> null;
                };
                return small == null ? null : a[1] + small;
            }
        }
        return null;
    }

    /** Long vowels as one vowel, so "shougakkou", "shōgakkō" and "shogakko" meet (っ is already gone). */
    private static String fold(String romaji) {
        String s = romaji;
        String before;
        do {
            before = s;
            s = s.replace("ou", "o").replace("oo", "o").replace("uu", "u").replace("aa", "a").replace("ii", "i")
                .replace("ee", "e");
        } while (!s.equals(before));
        return s;
    }

    /** A reading written in Latin letters for people who do not read kana (Hepburn, long vowels folded). */
    public static String display(String kana) {
        String key = keyOfKana(kana);
        if (key == null || key.isEmpty()) {
            return null;
        }
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}
