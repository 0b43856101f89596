package jp.machi.facility.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The reading of a name (練馬区立豊玉小学校 → ねりまくりつとよたましょうがっこう) from Kuromoji's dictionary, for
 * facilities whose data has no 名称_カナ. It is a guess (谷原 is read たにはら, the ward says やはら): it only helps
 * search and 50音順, and is never shown as the facility's official reading; a ward's 名称_カナ always wins.
 */
public final class Readings {

    private Readings() {}

    /** The reading in hiragana; words the dictionary does not know keep their own letters. Null for null or blank. */
    public static String of(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        try (JapaneseTokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL)) {
            tokenizer.setReader(new StringReader(name));
            CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
            ReadingAttribute reading = tokenizer.addAttribute(ReadingAttribute.class);
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                String r = reading.getReading();
                sb.append(r != null ? r : term.toString());
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String result = SearchText.normalize(sb.toString());
        return result.isEmpty() ? null : result;
    }
}
