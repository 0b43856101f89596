package jp.machi.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import jp.machi.shared.text.TextInput;

/**
 * A checked search request.
 *
 * @param text      the words, normalised (NFKC, no control characters, spaces collapsed), 1 to {@link #MAX_LENGTH}
 *                  characters
 * @param type      one type, or null for all
 * @param locale    the language of the titles and snippets
 * @param staff     true when the person may find staff-only documents
 * @param offset    the first result (0-based)
 * @param limit     how many results, 1 to {@link #MAX_LIMIT}
 */
public record SearchQuery(String text, String type, Locale locale, boolean staff, int offset, int limit) {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_LIMIT = 50;

    /** Why a request was refused: the parameter and a message key of the search bundle. */
    public record Problem(String parameter, String messageKey, Object... args) {}

    /** A request, or the problem with it. */
    public record Parsed(SearchQuery query, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Checks the raw parameters: {@code q} is required and at most {@value #MAX_LENGTH} characters after
     * normalisation; {@code type} one of {@code types}; {@code limit} 1 to {@value #MAX_LIMIT}.
     */
    public static Parsed parse(String q, String type, String limit, Locale locale, boolean staff, int offset,
                               int defaultLimit, Set<String> types) {
        String text = normalise(q);
        if (text.isEmpty()) {
            return new Parsed(null, new Problem("q", "search.error.q.empty"));
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            return new Parsed(null, new Problem("q", "search.error.q.tooLong", MAX_LENGTH));
        }
        String t = type == null || type.isBlank() || type.strip().equals("all") ? null : type.strip();
        if (t != null && !types.contains(t)) {
            return new Parsed(null, new Problem("type", "search.error.type", String.join(", ", types)));
        }
        int n = defaultLimit;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                return new Parsed(null, new Problem("limit", "search.error.limit", MAX_LIMIT));
            }
        }
        return new Parsed(new SearchQuery(text, t, locale, staff, Math.max(0, offset), n), null);
    }

    /**
     * First the rule every request parameter gets on its way in ({@link TextInput#clean}: control characters other
     * than tab and line feed are removed, not turned into spaces), so a query read here and one that came through
     * the servlet filter give the same words; then NFKC (full-width letters and digits, half-width kana), line breaks,
     * tabs, format and private-use characters to spaces, runs of spaces to one, trimmed. Null becomes empty.
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        // cut absurd input before normalising it (NFKC can grow a string); the length check still sees it is too long
        String s = TextInput.clean(raw.length() > 4 * MAX_LENGTH ? raw.substring(0, 4 * MAX_LENGTH) : raw);
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int t = Character.getType(cp);
            boolean blank = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || t == Character.CONTROL
                || t == Character.FORMAT || t == Character.UNASSIGNED || t == Character.PRIVATE_USE
                || t == Character.SURROGATE;
            if (blank) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
