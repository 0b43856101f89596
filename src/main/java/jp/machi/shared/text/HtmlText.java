package jp.machi.shared.text;

/**
 * Text escaped for HTML (and XML such as inline SVG), for the few places that write markup over a StringBuilder
 * instead of through a template: exactly as Thymeleaf's {@code th:text} escapes in HTML mode, so a fragment written
 * by hand reads byte for byte like the template it replaces. Only the markup-significant characters are replaced
 * ({@code & < > " '}); everything else, Japanese included, is written as it is.
 */
public final class HtmlText {

    private HtmlText() {}

    /** Appends {@code s} escaped (nothing for null) and returns {@code out}, for chaining. */
    public static StringBuilder appendEscaped(StringBuilder out, String s) {
        if (s == null) {
            return out;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out;
    }

    /** {@code s} escaped; the empty string for null. */
    public static String escape(String s) {
        return s == null ? "" : appendEscaped(new StringBuilder(s.length() + 16), s).toString();
    }
}
