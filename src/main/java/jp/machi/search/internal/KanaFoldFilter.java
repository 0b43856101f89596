package jp.machi.search.internal;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Hiragana to katakana, so that ごみ and ゴミ, こども and コドモ are the same term. */
final class KanaFoldFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    KanaFoldFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] b = term.buffer();
        for (int i = 0; i < term.length(); i++) {
            b[i] = fold(b[i]);
        }
        return true;
    }

    static char fold(char c) {
        if ((c >= '\u3041' && c <= '\u3096') || c == '\u309D' || c == '\u309E') {
            return (char) (c + 0x60);
        }
        return c;
    }

    static String fold(String s) {
        char[] b = s.toCharArray();
        for (int i = 0; i < b.length; i++) {
            b[i] = fold(b[i]);
        }
        return new String(b);
    }
}
