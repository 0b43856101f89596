package jp.machi.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 14, "English": town names (町名) in Hepburn on English pages wherever residents choose or read a 町 — the
 * booking list's "near", the notification areas, the report form, registration — and in kanji on Japanese pages; the
 * value a form sends stays the 町名.
 */
@MachiTest
class TownNamesInEnglishTest {

    @Autowired WebApplicationContext context;
    @Autowired DistrictCentres districts;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    String page(String path, String lang) throws Exception {
        return StaffLogin.body(mvc.perform(get(path).param("lang", lang)).andExpect(status().isOk()));
    }

    @Test
    void everyTownHasAReadingAndARomanisedName() {
        assertThat(districts.districts()).hasSize(43);
        for (String d : districts.districts()) {
            assertThat(districts.reading(d)).as(d).hasValueSatisfying(r -> assertThat(r).matches("[\\u3041-\\u3096ー]+"));
            assertThat(districts.name(d, Locale.ENGLISH)).as(d).matches("[A-ZŌ][a-zāīūēō]+");
            assertThat(districts.name(d, Locale.JAPANESE)).isEqualTo(d);
        }
        assertThat(districts.name("大泉学園町", Locale.ENGLISH)).isEqualTo("Ōizumigakuenchō");
        assertThat(districts.name("向山", Locale.ENGLISH)).isEqualTo("Kōyama");
        assertThat(districts.name("上石神井", Locale.ENGLISH)).isEqualTo("Kamishakujii");
        assertThat(districts.name("どこでもない町", Locale.ENGLISH)).isEqualTo("どこでもない町");
    }

    @Test
    void englishPagesShowTownsInRomajiAndSendTheTownName() throws Exception {
        for (String path : new String[] {"/reservations", "/notifications/subscribe", "/reports/new/road", "/register"}) {
            String en = page(path, "en");
            assertThat(en).as(path).contains(">Toyotamakita<").contains("value=\"豊玉北\"").doesNotContain(">豊玉北<");
            String ja = page(path, "ja");
            assertThat(ja).as(path).contains(">豊玉北<").doesNotContain("Toyotamakita");
        }
        assertThat(page("/notifications/subscribe", "en")).contains("Ōizumigakuenchō");
    }
}
