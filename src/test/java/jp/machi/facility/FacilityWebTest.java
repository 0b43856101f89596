package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Demo import from the GSI files, the resident pages and the GeoJSON API. */
@MachiTest
class FacilityWebTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired Facilities facilities;
    @Autowired RoomBooking booking;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theDemoImportHasOneFacilityPerGsiPlaceClassifiedWithAttribution() {
        assertThat(jdbc.sql("select count(*) from facility where id like 'nerima-E%'").query(Long.class).single()).isEqualTo(215L);
        // 旭丘小学校 is both a shelter and an emergency site: one facility with both categories and its hazards
        var school = jdbc.sql("""
            select f.id, f.department_code, f.attribution, f.hazard_earthquake, array_length(f.gsi_ids, 1) as ids,
              (select string_agg(category_code, ',' order by category_code) from facility_category_link l where l.facility_id = f.id) as cats
            from facility f where f.name_ja = '旭丘小学校'""").query().singleRow();
        assertThat((String) school.get("cats")).isEqualTo("emergency-site,school,shelter");
        assertThat(school.get("department_code")).isEqualTo("shogai-gakushu");
        assertThat((String) school.get("attribution")).contains("国土地理院").doesNotContain("motohasystem").doesNotContain("commit");
        assertThat(school.get("hazard_earthquake")).isEqualTo(true);
        assertThat(school.get("ids")).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from facility_category_link where category_code = 'chiiki-shukaijo'")
            .query(Long.class).single()).isGreaterThanOrEqualTo(27L);
        assertThat(jdbc.sql("select department_code from facility where name_ja = '旭丘地域集会所'").query(String.class).single())
            .isEqualTo("bosai-keikaku");
        // community halls get clearly labelled example rooms, visible to the reservation module
        String hall = jdbc.sql("select id from facility where name_ja = '旭丘地域集会所'").query(String.class).single();
        assertThat(facilities.bookableRooms(hall)).extracting(r -> r.name().ja()).containsExactly("集会室A（例）", "和室（例）");
        assertThat(facilities.find(hall)).isPresent();
    }

    @Test
    void theListSearchesByNameAndFiltersByCategoryWithoutJavaScript() throws Exception {
        String page = html(mvc.perform(get("/facilities").param("q", "旭丘")).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("旭丘小学校").contains("旭丘地域集会所").contains("<h1>施設をさがす</h1>")
            .contains("id=\"facility-map\"").contains("role=\"region\"");
        String schools = html(mvc.perform(get("/facilities").param("category", "school").param("q", "旭丘"))
            .andExpect(status().isOk()).andReturn());
        assertThat(schools).contains("旭丘小学校").doesNotContain("旭丘地域集会所");
        // half-width katakana and an English category name find the same places
        String english = html(mvc.perform(get("/facilities").param("q", "旭丘 school").param("lang", "en"))
            .andExpect(status().isOk()).andReturn());
        assertThat(english).contains("旭丘小学校").contains("Find a facility");
        String wifi = html(mvc.perform(get("/facilities").param("wifi", "true").param("q", "旭丘")).andExpect(status().isOk()).andReturn());
        assertThat(wifi).contains("旭丘地域集会所").doesNotContain("旭丘小学校");
        String near = html(mvc.perform(get("/facilities").param("near", "練馬区旭丘").param("sort", "distance"))
            .andExpect(status().isOk()).andReturn());
        var first = java.util.regex.Pattern.compile("<h3><a href=\"[^\"]+\">([^<]+)</a>").matcher(near);
        assertThat(first.find()).isTrue();
        assertThat(first.group(1)).contains("旭丘");
    }

    @Test
    void badFiltersAre400WithAnErrorSummaryAndUnknownFacilitiesAre404() throws Exception {
        String page = html(mvc.perform(get("/facilities").param("category", "nope").param("wifi", "maybe"))
            .andExpect(status().isBadRequest()).andReturn());
        assertThat(page).contains("class=\"error-summary\"").contains("種類は一覧から選んでください").contains("href=\"#category\"");
        mvc.perform(get("/facilities").param("sort", "distance")).andExpect(status().isBadRequest());
        mvc.perform(get("/facilities").param("lat", "10").param("lon", "139")).andExpect(status().isBadRequest());
        mvc.perform(get("/facilities").param("page", "x")).andExpect(status().isBadRequest());
        mvc.perform(get("/facilities/no-such-place")).andExpect(status().isNotFound());
    }

    @Test
    void theFacilityPageShowsHoursBarrierFreeRoomsAndAttribution() throws Exception {
        String hall = jdbc.sql("select id from facility where name_ja = '旭丘地域集会所'").query(String.class).single();
        String page = html(mvc.perform(get("/facilities/" + hall)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("<h1>旭丘地域集会所</h1>").contains("今日から14日間の開館時間").contains("令和")
            .contains("段差のない入口").contains("集会室A（例）").contains("30人").contains("デモ用の例")
            .contains("国土地理院").contains("防災計画課").contains("https://maps.gsi.go.jp/#17/").contains("<caption");
        String en = html(mvc.perform(get("/facilities/" + hall).param("lang", "en")).andExpect(status().isOk()).andReturn());
        assertThat(en).contains("Opening hours for the next 14 days").contains("Step-free entrance");
    }

    @Test
    void theApiAnswersGeoJsonWithBboxAndValidatesParameters() throws Exception {
        MvcResult all = mvc.perform(get("/api/v1/facilities").param("bbox", "139.67,35.73,139.68,35.74"))
            .andExpect(status().isOk()).andReturn();
        assertThat(all.getResponse().getContentType()).startsWith("application/geo+json");
        String json = html(all);
        assertThat(json).startsWith("{\"type\":\"FeatureCollection\"").contains("旭丘小学校")
            .contains("\"coordinates\":[139.6").doesNotContain("大泉学園町");
        String bad = html(mvc.perform(get("/api/v1/facilities").param("bbox", "1,2,3")).andExpect(status().isBadRequest()).andReturn());
        assertThat(bad).contains("\"status\":400").contains("\"code\":\"bad-request\"").contains("\"parameter\":\"bbox\"");
        String badEn = html(mvc.perform(get("/api/v1/facilities").param("openAt", "tomorrow").header("Accept-Language", "en"))
            .andExpect(status().isBadRequest()).andReturn());
        assertThat(badEn).contains("\"parameter\":\"openAt\"").contains("Give the date and time");
        mvc.perform(get("/api/v1/facilities").param("stepFree", "yes")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/facilities").param("openAt", "2026-11-23T10:00+09:00")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/facilities/nope")).andExpect(status().isNotFound());
        String hall = jdbc.sql("select id from facility where name_ja = '旭丘地域集会所'").query(String.class).single();
        String one = html(mvc.perform(get("/api/v1/facilities/" + hall)).andExpect(status().isOk()).andReturn());
        assertThat(one).startsWith("{\"type\":\"Feature\"").contains("\"rooms\":[{\"id\":").contains("\"capacity\":30")
            .contains("\"bookable\":true").contains("\"openNow\":").contains("\"hours\":[");
    }

    @Test
    void aRoomThatCanBeBookedOnlineLinksToWhereItIsBooked() throws Exception {
        // the first room the reservation module takes bookings for online
        RoomSummary online = facilities.allBookableRooms().stream().filter(r -> booking.path(r.id()).isPresent())
            .findFirst().orElseThrow();
        String page = html(mvc.perform(get("/facilities/" + online.facilityId())).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("<a href=\"/reservations/rooms/" + online.id() + "\">" + online.name().ja() + "の空きを見て予約する</a>");
        String en = html(mvc.perform(get("/facilities/" + online.facilityId()).param("lang", "en"))
            .andExpect(status().isOk()).andReturn());
        assertThat(en).contains("See free times and book");
    }
}
