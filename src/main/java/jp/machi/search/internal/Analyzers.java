package jp.machi.search.internal;

import java.io.Reader;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseIterationMarkCharFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The analyzers of the index's fields. The same chains would be configured in OpenSearch (docs/modules/search.md):
 *
 * <ul>
 *   <li>{@code ja}: iteration marks and width folded (ｶﾞ→ガ, Ａ→A), Kuromoji in search mode (compounds split),
 *       base forms (出した→出す), particles and auxiliaries dropped, lower case, hiragana→katakana, katakana long
 *       vowel stemmed, and a 送り仮名 variant (引っ越し → also 引越). At query time the staff's synonyms come before
 *       the variant.</li>
 *   <li>{@code reading}: the katakana readings of the words as overlapping bigrams (a kana query finds kanji).</li>
 *   <li>{@code en}: Lucene's English analyzer (stop words, possessives, Porter stemming).</li>
 *   <li>{@code spell}: the words as written, lower case: the "did you mean" dictionary.</li>
 * </ul>
 */
final class Analyzers {

    static final String TITLE_JA = "title_ja";
    static final String BODY_JA = "body_ja";
    static final String TITLE_EN = "title_en";
    static final String BODY_EN = "body_en";
    static final String TITLE_READING = "title_reading";
    static final String BODY_READING = "body_reading";
    static final String SPELL = "spell";

    private static final CharArraySet STOP = JapaneseAnalyzer.getDefaultStopSet();

    private Analyzers() {}

    private static Reader charFilters(Reader reader) {
        return new CJKWidthCharFilter(new JapaneseIterationMarkCharFilter(reader));
    }

    /** Japanese text without synonyms or 送り仮名 variants: the form in which synonym rules are written. */
    static Analyzer japaneseBase() {
        return new JapaneseChain(null, false);
    }

    /** Japanese text for the index. */
    static Analyzer japanese() {
        return new JapaneseChain(null, true);
    }

    /** Japanese text for queries, with the staff's synonyms (null for none). */
    static Analyzer japaneseQuery(SynonymMap synonyms) {
        return new JapaneseChain(synonyms, true);
    }

    /** Readings of Japanese text (hiragana, folded), as bigrams: a query in kana finds kanji text by its reading. */
    static Analyzer reading() {
        return kuromoji(ts -> new ReadingBigramFilter(new KanaFoldFilter(new LowerCaseFilter(
            new JapaneseReadingFormFilter(ts, false)))));
    }

    static Analyzer english() {
        return new EnglishAnalyzer();
    }

    static Analyzer spell() {
        return kuromoji(ts -> new LowerCaseFilter(new JapanesePartOfSpeechStopFilter(ts, JapaneseAnalyzer.getDefaultStopTags())));
    }

    /** Folded text ({@link #charFilters}) cut into words by Kuromoji (normal mode), then through {@code filters}. */
    private static Analyzer kuromoji(java.util.function.UnaryOperator<TokenStream> filters) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return charFilters(reader);
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.NORMAL);
                return new TokenStreamComponents(source, filters.apply(source));
            }
        };
    }

    /** Every field's analyzer for indexing. */
    static Analyzer index() {
        Analyzer ja = japanese();
        Analyzer en = english();
        Analyzer reading = reading();
        return new PerFieldAnalyzerWrapper(ja, Map.of(TITLE_EN, en, BODY_EN, en, TITLE_READING, reading,
            BODY_READING, reading, SPELL, spell()));
    }

    private static final class JapaneseChain extends Analyzer {
        private final SynonymMap synonyms;
        private final boolean variants;

        JapaneseChain(SynonymMap synonyms, boolean variants) {
            this.synonyms = synonyms;
            this.variants = variants;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return charFilters(reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.SEARCH);
            TokenStream ts = new JapaneseBaseFormFilter(source);
            ts = new JapanesePartOfSpeechStopFilter(ts, JapaneseAnalyzer.getDefaultStopTags());
            ts = new LowerCaseFilter(ts);
            ts = new StopFilter(ts, STOP);
            ts = new KanaFoldFilter(ts);
            ts = new JapaneseKatakanaStemFilter(ts);
            if (synonyms != null && synonyms.fst != null) {
                ts = new SynonymGraphFilter(ts, synonyms, true);
            }
            if (variants) {
                ts = new OkuriganaFilter(ts);
            }
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new KanaFoldFilter(new LowerCaseFilter(in));
        }
    }
}
