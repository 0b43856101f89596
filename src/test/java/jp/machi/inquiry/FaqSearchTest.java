package jp.machi.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.search.SearchQuery;
import jp.machi.search.SearchResults;
import jp.machi.search.SiteSearch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo FAQ through the site search, as a resident types: the right answer among the first three, kana for
 * kanji, synonyms and 送り仮名 variants, staff-only entries hidden from residents, and a change made outside this
 * instance found within seconds.
 */
@MachiTest
class FaqSearchTest {

    @Autowired SiteSearch search;
    @Autowired JdbcClient jdbc;
    @Autowired WebApplicationContext context;

    @BeforeEach
    void current() {
        search.refresh();
    }

    List<String> top3(String q) {
        return titles(q, false, Locale.JAPANESE, 3);
    }

    List<String> titles(String q, boolean staff, Locale locale, int n) {
        SearchResults r = search.search(new SearchQuery(SearchQuery.normalise(q), "faq", locale, staff, 0, n));
        return r.hits().stream().map(SearchResults.Hit::title).toList();
    }

    @Test
    void theThreeQuestionsOfTheIssueFindTheRightAnswerAmongTheFirstThree() {
        assertThat(top3("引っ越ししたときの手続き")).contains("引っ越ししたときの手続きを知りたい");
        assertThat(top3("粗大ゴミの出し方")).contains("粗大ごみの出し方");
        assertThat(top3("子どもの予防注射")).contains("子どもの予防接種はいつ、どこで受けられますか");
    }

    @Test
    void theThreeQuestionsTypedIntoTheHeadersBoxOrSentToTheApiFindTheAnswerAmongTheFirstThreeOfAllTypes() throws Exception {
        MockMvc mvc = StaffLogin.mockMvc(context);
        Map<String, String> questions = Map.of("引っ越ししたときの手続き", "引っ越ししたときの手続きを知りたい",
            "粗大ゴミの出し方", "粗大ごみの出し方", "子どもの予防注射", "子どもの予防接種はいつ、どこで受けられますか");
        for (var q : questions.entrySet()) {
            // the header's box: no type filter, the results page as a resident sees it
            String page = StaffLogin.body(mvc.perform(get("/search").param("q", q.getKey())).andExpect(status().isOk()));
            Matcher m = Pattern.compile("class=\"search-result__title\"><a [^>]*>([^<]*)</a>").matcher(page);
            List<String> shown = new java.util.ArrayList<>();
            while (m.find() && shown.size() < 3) {
                shown.add(m.group(1));
            }
            assertThat(shown).as(q.getKey()).contains(q.getValue());
            // the API, all types, limit 3
            var api = new com.fasterxml.jackson.databind.ObjectMapper().readTree(StaffLogin.body(mvc.perform(
                get("/api/v1/search").param("q", q.getKey()).param("limit", "3")).andExpect(status().isOk())));
            assertThat(api.get("results").findValuesAsText("title")).as(q.getKey()).contains(q.getValue());
        }
    }

    @Test
    void kanaFindsKanjiAndSynonymsAndOkuriganaVariantsMeet() {
        assertThat(top3("そだいごみ")).contains("粗大ごみの出し方");
        assertThat(top3("大型ごみ")).anyMatch(t -> t.contains("粗大ごみ") || t.contains("大型ごみ"));
        assertThat(top3("引越しの届出")).anyMatch(t -> t.contains("引っ越し") || t.contains("転入届") || t.contains("転居届"));
        assertThat(top3("個人番号カードを作りたい")).contains("マイナンバーカードを作りたい");
        assertThat(top3("国保に入りたい")).contains("国民健康保険に入るには");
        assertThat(top3("ｺﾝﾋﾞﾆで住民票")).anyMatch(t -> t.contains("コンビニ"));
        assertThat(titles("moving house", false, Locale.ENGLISH, 3)).contains("What do I need to do when I move house?");
    }

    @Test
    void everyTopicTheIssueNamesHasAnAnswer() {
        Map<String, String> topics = Map.ofEntries(
            Map.entry("転入届", "転入"), Map.entry("転出届", "転出"), Map.entry("転居届", "転居"),
            Map.entry("住民票の写し", "住民票"), Map.entry("印鑑登録", "印鑑"), Map.entry("マイナンバーカード", "マイナンバー"),
            Map.entry("戸籍謄本", "戸籍"), Map.entry("出生届", "出生"), Map.entry("婚姻届", "婚姻"),
            Map.entry("死亡後の手続き", "死亡"), Map.entry("粗大ごみ", "粗大ごみ"), Map.entry("ごみと資源の分け方", "分け方"),
            Map.entry("国民健康保険", "国民健康保険"), Map.entry("住民税", "住民税"), Map.entry("児童手当", "児童手当"),
            Map.entry("ひとり親家庭の手当", "ひとり親"), Map.entry("保育園の申し込み", "保育園"), Map.entry("予防接種", "予防接種"),
            Map.entry("乳幼児健診", "健診"), Map.entry("母子健康手帳", "母子健康手帳"), Map.entry("犬の登録", "犬"),
            Map.entry("駐輪場", "駐輪場"), Map.entry("放置自転車", "自転車"), Map.entry("区民館の予約", "区民館"),
            Map.entry("図書館", "図書館"), Map.entry("介護保険", "介護"), Map.entry("後期高齢者医療", "後期高齢者医療"),
            Map.entry("国民年金", "年金"), Map.entry("避難所", "避難所"), Map.entry("ハザードマップ", "ハザードマップ"),
            Map.entry("区営住宅", "区営住宅"), Map.entry("軽自動車税", "軽自動車税"), Map.entry("コンビニ交付", "コンビニ"),
            Map.entry("小学校の入学", "入学"), Map.entry("街路灯が消えている", "街路灯"));
        topics.forEach((q, word) -> assertThat(top3(q)).as(q).anyMatch(t -> t.contains(word)));
        long demo = jdbc.sql("select count(*) from inquiry_faq where demo and status = 'PUBLISHED'").query(Long.class).single();
        assertThat(demo).isGreaterThanOrEqualTo(150);
    }

    @Test
    void staffOnlyEntriesAreFoundOnlyByStaff() {
        assertThat(titles("二要素認証のスマートフォンを替えた", true, Locale.JAPANESE, 3)).anyMatch(t -> t.startsWith("【職員向け】"));
        assertThat(titles("二要素認証のスマートフォンを替えた", false, Locale.JAPANESE, 10)).noneMatch(t -> t.startsWith("【職員向け】"));
    }

    @Test
    void aChangeWrittenOutsideThisInstanceIsFoundWithinSeconds() throws Exception {
        String word = "ぷるぷる" + System.nanoTime() % 100000;
        // as another instance (or SQL by hand) would: straight into the table, no call into this instance's index
        jdbc.sql("""
                insert into inquiry_faq (question_ja, answer_ja, category, department_code, status)
                values (?, '別のインスタンスが書いた答えです。', 'other', 'kocho-koho', 'PUBLISHED')""")
            .param(word + "の質問").update();
        long start = System.nanoTime();
        while (!titles(word, false, Locale.JAPANESE, 3).contains(word + "の質問")) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            Thread.sleep(200);
        }
        assertThat(titles(word, false, Locale.JAPANESE, 3)).contains(word + "の質問");
    }
}
