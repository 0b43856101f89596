package jp.machi.mail.web.staff;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text cut into pieces, each either text or an http(s) link, for a template to print with
 * {@code th:text} and {@code th:href} (so everything is escaped and nothing is trusted as HTML).
 */
record LinkedText(List<Piece> pieces) {

    /** Only ASCII URL characters: a link ends where Japanese text or a space begins. */
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+",
        Pattern.CASE_INSENSITIVE);
    /** Punctuation that ends a sentence rather than the link. */
    private static final String TRAILING = ".,;:!?'\")]";

    /** A piece of text; {@code href} is set when it is a link. */
    record Piece(String text, String href) {
        public boolean link() {
            return href != null;
        }
    }

    static LinkedText of(String text) {
        List<Piece> pieces = new ArrayList<>();
        if (text == null) {
            return new LinkedText(pieces);
        }
        Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            String url = trim(m.group());
            int end = m.start() + url.length();
            if (!isWebLink(url)) {
                continue;
            }
            if (m.start() > at) {
                pieces.add(new Piece(text.substring(at, m.start()), null));
            }
            pieces.add(new Piece(url, url));
            at = end;
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), null));
        }
        return new LinkedText(List.copyOf(pieces));
    }

    private static String trim(String url) {
        int end = url.length();
        while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
            char c = url.charAt(end - 1);
            // keep a closing bracket that closes one opened inside the link, as in Wikipedia addresses
            if (c == ')' && url.substring(0, end).chars().filter(ch -> ch == '(').count()
                >= url.substring(0, end).chars().filter(ch -> ch == ')').count()) {
                break;
            }
            end--;
        }
        return url.substring(0, end);
    }

    private static boolean isWebLink(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
