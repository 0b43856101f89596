package jp.machi.search.internal;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Turns the readings of a text (ソダイ ゴミ) into overlapping character bigrams of their concatenation (ソダ ダイ イゴ
 * ゴミ), so that a query typed in kana (そだいごみ) meets kanji text however the two were cut into words. A text
 * whose whole reading is one character gives that character.
 */
final class ReadingBigramFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute posLen = addAttribute(PositionLengthAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final StringBuilder reading = new StringBuilder();
    private int[] codePoints = new int[0];
    private int next;
    private boolean read;
    private int endOffset;

    ReadingBigramFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!read) {
            while (input.incrementToken()) {
                reading.append(term);
                endOffset = Math.max(endOffset, offset.endOffset());
            }
            read = true;
            next = 0;
            // by code point: a character outside the BMP (an emoji) is never cut in half
            codePoints = reading.codePoints().toArray();
        }
        int length = codePoints.length;
        if (length == 0 || next >= Math.max(1, length - 1)) {
            return false;
        }
        clearAttributes();
        int end = Math.min(length, next + 2);
        term.setEmpty();
        for (int i = next; i < end; i++) {
            term.append(new String(Character.toChars(codePoints[i])));
        }
        posInc.setPositionIncrement(1);
        posLen.setPositionLength(1);
        // offsets are not meaningful for readings (this field is never highlighted)
        offset.setOffset(0, endOffset);
        type.setType("reading");
        next++;
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        reading.setLength(0);
        codePoints = new int[0];
        read = false;
        next = 0;
        endOffset = 0;
    }
}
