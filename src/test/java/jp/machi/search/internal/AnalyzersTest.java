package jp.machi.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/**
 * The analysis chains of the index (no Spring, no database): what a resident's words turn into decides whether the
 * search finds the answer, so each folding the issue asks for is pinned here.
 */
class AnalyzersTest {

    private static final SynonymMap SYNONYMS = SynonymStore.map(List.of(
        new SynonymStore.Synonym(1, List.of("予防注射", "予防接種")),
        new SynonymStore.Synonym(2, List.of("粗大ごみ", "粗大ゴミ", "大型ごみ"))));

    private static List<String> terms(Analyzer analyzer, String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void okuriganaVariantsMeetOnOneForm() throws Exception {
        assertThat(terms(Analyzers.japanese(), "引っ越ししたときの手続き")).contains("引越", "手続");
        assertThat(terms(Analyzers.japanese(), "引越しの手続き")).contains("引越", "手続");
        assertThat(terms(Analyzers.japanese(), "申し込み")).contains("申込");
        assertThat(terms(Analyzers.japanese(), "受け付け")).contains("受付");
    }

    @Test
    void halfWidthKatakanaIsFoldedAndParticlesAreDropped() throws Exception {
        assertThat(terms(Analyzers.japanese(), "ｺﾝﾋﾞﾆ交付")).containsExactly("コンビニ", "交付");
        assertThat(terms(Analyzers.japanese(), "住民票の写し")).doesNotContain("ノ", "の");
    }

    @Test
    void hiraganaAndKanjiShareTheirReadings() throws Exception {
        assertThat(terms(Analyzers.reading(), "そだいごみ")).isEqualTo(terms(Analyzers.reading(), "粗大ごみ"));
        assertThat(terms(Analyzers.reading(), "ひっこし")).isEqualTo(terms(Analyzers.reading(), "引っ越し"));
        assertThat(terms(Analyzers.reading(), "よぼうせっしゅ")).isEqualTo(terms(Analyzers.reading(), "予防接種"));
    }

    @Test
    void theStaffsSynonymsWidenTheQueryOnly() throws Exception {
        assertThat(terms(Analyzers.japaneseQuery(SYNONYMS), "子どもの予防注射")).contains("注射", "接種");
        assertThat(terms(Analyzers.japaneseQuery(SYNONYMS), "粗大ごみを出したい")).contains("大型");
        assertThat(terms(Analyzers.japanese(), "子どもの予防注射")).doesNotContain("接種");
    }

    @Test
    void aSynonymWithAParticleIsKeptAndWidensTheQuery() throws Exception {
        SynonymMap withParticles = SynonymStore.map(List.of(
            new SynonymStore.Synonym(1, List.of("住民票", "住民票の写し")),
            new SynonymStore.Synonym(2, List.of("就学", "小学校の入学"))));
        assertThat(withParticles.fst).isNotNull();
        // the query for one side holds the index terms of the other (as the analyzer writes them: 住民, 票, 写シ)
        assertThat(terms(Analyzers.japaneseQuery(withParticles), "住民票がほしい"))
            .containsAll(terms(Analyzers.japanese(), "住民票の写し"));
        assertThat(terms(Analyzers.japaneseQuery(withParticles), "就学の手続き"))
            .containsAll(terms(Analyzers.japanese(), "小学校の入学"));
        assertThat(terms(Analyzers.japaneseQuery(withParticles), "小学校の入学")).containsAll(terms(Analyzers.japanese(), "就学"));
    }

    @Test
    void querySyntaxEmojiAndControlCharactersAreJustText() throws Exception {
        for (Analyzer analyzer : List.of(Analyzers.japaneseQuery(SYNONYMS), Analyzers.reading(), Analyzers.spell())) {
            assertThat(terms(analyzer, "* ? \" AND \\ ~ (")).allSatisfy(t -> assertThat(t).doesNotContainAnyWhitespaces()
                .doesNotContain("*", "?", "\"", "\\", "~", "("));
            terms(analyzer, "😀 こんにちは\u0000\u0007 abc");
        }
        assertThat(terms(Analyzers.japanese(), "😀 こんにちは")).contains("コンニチハ");
    }
}
