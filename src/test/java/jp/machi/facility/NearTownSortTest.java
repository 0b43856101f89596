package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.support.MachiTest;
import jp.machi.ward.DistrictCentres;
import jp.machi.ward.DistrictCentres.MatchKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The facility search's 「住所・町名から近い順」 (issue 14, "Finding things"): 「練馬」 is the 町 練馬, not every address
 * of 練馬区; the ward and prefecture before a 町 are skipped; words that name no single 町 get a message in the page's
 * language instead of a meaningless order.
 */
@MachiTest
class NearTownSortTest {

    @Autowired WebApplicationContext context;
    @Autowired DistrictCentres districts;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    String page(String near, String lang, ResultMatcher expected) throws Exception {
        var req = get("/facilities").param("near", near).param("sort", "distance");
        if (lang != null) {
            req = req.param("lang", lang);
        }
        return mvc.perform(req).andExpect(expected).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> links(String html) {
        Matcher m = Pattern.compile("<h3><a href=\"([^\"]+)\"").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static List<Double> distances(String html) {
        Matcher m = Pattern.compile("(?:約|about )([0-9.]+) ?km").matcher(html);
        List<Double> out = new ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    @Test
    void aTownNameIsMatchedExactlyAndTheWardBeforeItIsSkipped() {
        assertThat(districts.match("練馬").district()).contains("練馬");
        assertThat(districts.match("練馬区練馬1丁目").district()).contains("練馬");
        assertThat(districts.match("東京都練馬区豊玉北6-12-1").district()).contains("豊玉北");
        assertThat(districts.match("中村北二丁目").district()).contains("中村北");
        assertThat(districts.match("ひかりがおか").district()).contains("光が丘");
        assertThat(districts.match("光ヶ丘").district()).contains("光が丘");
        assertThat(districts.match("Oizumigakuencho").district()).contains("大泉学園町");
        assertThat(districts.match("Ōizumi-gakuen-chō 1-2").district()).contains("大泉学園町");
        assertThat(districts.match("Nerima").district()).contains("練馬");
        assertThat(districts.match("石神井公園の近く").district()).isEmpty();
        assertThat(districts.match("練馬区").kind()).isEqualTo(MatchKind.WHOLE_WARD);
        assertThat(districts.match("東京都 練馬区").kind()).isEqualTo(MatchKind.WHOLE_WARD);
        assertThat(districts.match("Nerima City").kind()).isEqualTo(MatchKind.WHOLE_WARD);
        assertThat(districts.match("旭丘と栄町のあいだ").kind()).isEqualTo(MatchKind.SEVERAL);
        assertThat(districts.match("旭丘と栄町のあいだ").districts()).containsExactly("旭丘", "栄町");
        assertThat(districts.match("渋谷区道玄坂").kind()).isEqualTo(MatchKind.NONE);
        assertThat(districts.match("").kind()).isEqualTo(MatchKind.NONE);
    }

    @Test
    void nerimaSortsFromTheTownNerimaNotFromEveryAddressOfTheWard() throws Exception {
        String nerima = page("練馬", null, status().isOk());
        assertThat(nerima).contains("練馬の中心（概略の位置）から近い順に並べています");
        List<Double> km = distances(nerima);
        assertThat(km).isNotEmpty().isSorted();
        assertThat(km.get(0)).isLessThan(1.0);
        // the same place however the address is written
        assertThat(links(page("東京都練馬区練馬1丁目17番1号", null, status().isOk()))).isEqualTo(links(nerima));
        String english = page("Nerima", "en", status().isOk());
        assertThat(english).contains("Sorted by distance from the centre of Nerima (an approximate point)");
        assertThat(links(english)).isEqualTo(links(nerima));
        // another town gives another order
        assertThat(links(page("大泉学園町", null, status().isOk())).get(0)).isNotEqualTo(links(nerima).get(0));
    }

    @Test
    void wordsThatNameNoSingleTownSaySoInTheUsersLanguage() throws Exception {
        assertThat(page("練馬区", null, status().isBadRequest()))
            .contains("「練馬区」は区全体です。近い順にするには町名（例: 豊玉北）まで入力してください")
            .contains("class=\"error-summary\"").contains("href=\"#near\"");
        assertThat(page("練馬区", "en", status().isBadRequest()))
            .contains("is the whole ward. To sort by distance, enter a town, for example Toyotamakita");
        assertThat(page("旭丘と栄町", null, status().isBadRequest()))
            .contains("「旭丘と栄町」には町名が複数あります（旭丘、栄町）。町名を一つにしてください");
        assertThat(page("旭丘と栄町", "en", status().isBadRequest()))
            .contains("names more than one town (Asahigaoka, Sakaechō). Enter one town");
        assertThat(page("渋谷区道玄坂", null, status().isBadRequest()))
            .contains("「渋谷区道玄坂」がどの町か分かりません。区内の町名（例: 豊玉北）を入力してください");
        assertThat(page("x".repeat(150), "en", status().isBadRequest())).contains("Enter a town in the ward");
        assertThat(districts.name("豊玉北", Locale.ENGLISH)).isEqualTo("Toyotamakita");
        assertThat(districts.name("豊玉北", Locale.JAPANESE)).isEqualTo("豊玉北");
    }
}
