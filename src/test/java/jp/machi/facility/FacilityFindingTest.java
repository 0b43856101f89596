package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityRepository;
import jp.machi.facility.internal.HolidayRule;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Finding a facility as residents type its name: by reading (hiragana, katakana, romaji), by English name, in
 * 50音順; the demo's kinds of facility; filters that can find something; words instead of codes; unknown hours.
 */
@MachiTest
class FacilityFindingTest {

    @Autowired WebApplicationContext context;
    @Autowired FacilityRepository repository;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    String page(String path, String... params) throws Exception {
        var request = get(path);
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> names(String html) {
        Matcher m = Pattern.compile("<h3><a href=\"[^\"]+\">([^<]+)</a>").matcher(html);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void theSearchHintsOwnExamplesFindPlacesByReadingInEveryScript() throws Exception {
        for (String q : new String[] {"しょうがっこう", "ショウガッコウ", "ｼｮｳｶﾞｯｺｳ", "shogakko", "shougakkou", "Shōgakkō"}) {
            List<String> found = names(page("/facilities", "q", q));
            assertThat(found).as(q).isNotEmpty().allMatch(n -> n.contains("小学校"));
        }
        assertThat(names(page("/facilities", "q", "ひかりがおか"))).isNotEmpty().allMatch(n -> n.contains("光が丘"));
        assertThat(names(page("/facilities", "q", "hikarigaoka kuminsenta"))).contains("光が丘区民センター");
        // 「library」: the demo's (labelled) libraries, by their English names and by the category's
        assertThat(names(page("/facilities", "q", "library"))).isNotEmpty().allMatch(n -> n.contains("図書館"));
        assertThat(names(page("/facilities", "q", "library", "lang", "en"))).isNotEmpty().allMatch(n -> n.contains("Library"));
        assertThat(names(page("/facilities", "q", "としょかん"))).isNotEmpty();
    }

    @Test
    void aNameTheWardGivesInEnglishIsFoundAndShownInEnglish() throws Exception {
        String id = "test-english-" + System.nanoTime();
        repository.insert(new Facility(id, "試験運動場" + id.substring(id.length() - 5), "シケンウンドウジョウ", "Shiken Sports Ground " + id,
            "東京都練馬区豊玉北6-12-1", 35.7356, 139.6516, null, null, "shogai-gakushu", null, null, null, null, null, null,
            null, null, null, null, null, null, List.of(), null, java.util.Set.of(), null, false, "test", null, null, null,
            null, HolidayRule.CLOSE_ANYWAY, false, List.of("taiikukan")));
        assertThat(names(page("/facilities", "q", "sports ground " + id, "lang", "en"))).containsExactly("Shiken Sports Ground " + id);
        assertThat(names(page("/facilities", "q", "しけんうんどうじょう"))).anyMatch(n -> n.startsWith("試験運動場"));
        assertThat(names(page("/facilities", "q", "shiken undojo"))).anyMatch(n -> n.startsWith("試験運動場"));
        String detail = page("/facilities/" + id, "lang", "en");
        assertThat(detail).contains("<h1>Shiken Sports Ground " + id + "</h1>").contains("Gymnasium")
            .contains("Opening hours not known").doesNotContain("Closed now");
        repository.delete(id);
    }

    @Test
    void theListIsIn50OnOrderByReading() throws Exception {
        List<String> nurseries = names(page("/facilities", "category", "hoikuen"));
        assertThat(nurseries).hasSize(20);
        assertThat(nurseries.getFirst()).startsWith("旭町");
        java.util.Map<String, String> byName = new java.util.HashMap<>();
        jdbc.sql("select name_ja, name_reading from facility where name_ja = any(?)").param(nurseries.toArray(String[]::new))
            .query(rs -> {
                byName.put(rs.getString(1), rs.getString(2));
            });
        assertThat(nurseries.stream().map(byName::get).toList()).doesNotContainNull().isSorted();
    }

    @Test
    void theDemoHoldsTheKindsOfFacilityAWardHasWithTheirSources() {
        long halls = jdbc.sql("select count(*) from facility where id like 'nerima-koumin-%'").query(Long.class).single();
        long sameNameInGsi = jdbc.sql("select count(*) from facility where id like 'nerima-E%' and (name_ja like '%区民館' "
            + "or name_ja like '%地域集会所' or name_ja like '%区民センター')").query(Long.class).single();
        assertThat(halls + sameNameInGsi).isGreaterThanOrEqualTo(65);
        assertThat(jdbc.sql("select count(*) from facility where id like 'nerima-hoikuen-%'").query(Long.class).single()).isEqualTo(60L);
        assertThat(jdbc.sql("select attribution from facility where id = 'nerima-hoikuen-01'").query(String.class).single())
            .contains("練馬区").contains("CC BY 4.0");
        for (String category : new String[] {"kumin-kan", "chiiki-shukaijo", "taiikukan", "toshokan", "school", "hoikuen", "jidokan",
            "iryo", "kaigo", "park", "shelter", "emergency-site"}) {
            assertThat(jdbc.sql("select count(*) from facility_category_link where category_code = ?").param(category)
                .query(Long.class).single()).as(category).isPositive();
        }
        // invented places say so in their names and pages
        assertThat(jdbc.sql("select name_ja from facility where source = 'Machi demo (invented)'").query(String.class).list())
            .isNotEmpty().allMatch(n -> n.endsWith("（例）"));
    }

    @Test
    void anEmptyCategoryIsNotOfferedAndTagsAreWords() throws Exception {
        String code = "empty-" + (System.nanoTime() % 100000);
        repository.saveCategory(new Category(code, "空の種類" + code, "Empty kind " + code, 900));
        String list = page("/facilities");
        assertThat(list).doesNotContain("空の種類" + code).contains("区民館（");
        String en = page("/facilities", "lang", "en", "q", "旭丘");
        assertThat(en).contains("Community hall (").contains("Designated shelter").doesNotContain(">shelter<")
            .doesNotContain(">kumin-kan<").doesNotContain(">emergency-site<").doesNotContain(">other<");
        // chosen in the address anyway: kept so that it can be unticked, and the page says nothing was found
        assertThat(page("/facilities", "category", code)).contains("空の種類" + code).contains("0件");
        jdbc.sql("delete from facility_category where code = ?").param(code).update();
    }

    @Test
    void aFacilityPageNamesItsSourceNotARepositoryAndUnknownHoursAreNotClosed() throws Exception {
        String shelter = jdbc.sql("select f.id from facility f where f.id like 'nerima-E%' and not exists "
            + "(select 1 from facility_hours h where h.facility_id = f.id) order by f.id limit 1").query(String.class).single();
        String html = page("/facilities/" + shelter);
        assertThat(html).contains("国土地理院").doesNotContain("motohasystem").doesNotContain("commit")
            .contains("開いている時間はわかりません").doesNotContain("いまは開いていません").doesNotContain(">shelter<");
        String list = page("/facilities", "q", "あすは");
        assertThat(list).contains("開いている時間はわかりません").doesNotContain("いまは開いていません");
        String en = page("/facilities/" + shelter, "lang", "en");
        assertThat(en).doesNotContain("''").contains("Opening hours not known");
    }
}
