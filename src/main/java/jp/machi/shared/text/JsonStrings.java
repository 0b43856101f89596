package jp.machi.shared.text;

/**
 * A string as a JSON string literal, for writers that build JSON (or Turtle, whose string escapes are the same) over
 * a StringBuilder without object mapping. {@code <} is written as {@code \u003c}, so the text can never close a
 * script element when the JSON is embedded in a page.
 */
public final class JsonStrings {

    private JsonStrings() {}

    /** Appends {@code s} quoted and escaped; {@code null} as the JSON literal null. */
    public static void append(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        appendEscaped(sb, s);
        sb.append('"');
    }

    /** Appends the escaped characters of {@code s} without quotes. */
    public static void appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003C");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
