package jp.machi.search.internal;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * 送り仮名 variants: a word written with kanji and kana (引っ越し, 申し込み, 受け付け, after kana folding 引ッ越シ)
 * also stands as its kanji alone (引越, 申込, 受付) at the same position, so that 引越し, 引っ越し and 引越 meet.
 * Only when at least two kanji remain (出す must not become 出).
 */
final class OkuriganaFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private AttributeSource.State pending;
    private String variant;

    OkuriganaFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (variant != null) {
            restoreState(pending);
            term.setEmpty().append(variant);
            posInc.setPositionIncrement(0);
            variant = null;
            pending = null;
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        String v = variant(term.toString());
        if (v != null) {
            variant = v;
            pending = captureState();
        }
        return true;
    }

    /** The kanji of a word written with kanji and kana, or null when it is not such a word. */
    static String variant(String word) {
        StringBuilder kanji = new StringBuilder();
        boolean kana = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (isKana(c)) {
                kana = true;
            } else if (isKanji(c)) {
                kanji.append(c);
            } else {
                return null;
            }
        }
        return kana && kanji.length() >= 2 ? kanji.toString() : null;
    }

    static boolean isKana(char c) {
        return (c >= '\u3041' && c <= '\u309F') || (c >= '\u30A0' && c <= '\u30FF');
    }

    static boolean isKanji(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || c == '\u3005';
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        variant = null;
        pending = null;
    }
}
