package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The staff pages: validation without half-saving, hours with the 14-day preview, rooms, categories, scope, audit. */
@MachiTest
class FacilityStaffPagesTest {


    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = jp.machi.support.StaffLogin.mockMvc(context);
    }

    RequestPostProcessor as(String email, String... roles) {
        return jp.machi.support.StaffLogin.as(jdbc, email, roles);
    }

    RequestPostProcessor admin() {
        return jp.machi.support.StaffLogin.admin(jdbc);
    }

    RequestPostProcessor staff() {
        return jp.machi.support.StaffLogin.staff(jdbc);
    }

    static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** 28 weekly values: every day 09:00–17:00, Wednesday also 18:00–21:00. */
    static List<String> weekly(String mondayOpens, String mondayCloses) {
        List<String> w = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            w.add(d == 1 ? mondayOpens : "09:00");
            w.add(d == 1 ? mondayCloses : "17:00");
            w.add(d == 3 ? "18:00" : "");
            w.add(d == 3 ? "21:00" : "");
        }
        return w;
    }

    static MockHttpServletRequestBuilder facilityForm(MockHttpServletRequestBuilder b, String id, String lat, String url,
                                                      List<String> weekly) {
        b.param("id", id).param("nameJa", "テスト区民ホール" + id).param("nameKana", "てすとくみんほーる" + id.substring(id.length() - 4))
            .param("nameEn", "Test Hall").param("categories", "kumin-kan").param("departmentCode", "bosai-keikaku")
            .param("address", "練馬区豊玉北6-12-1").param("lat", lat).param("lon", "139.6526").param("phone", "03-5555-0106")
            .param("url", url).param("stepFreeEntrance", "yes").param("elevator", "no").param("accessibleToilet", "unknown")
            .param("aed", "yes").param("aedLocation", "1階受付").param("wifi", "yes").param("wifiProvider", "練馬区")
            .param("wifiSsid", "Machi_Free").param("languages", "ja,en").param("notes", "テスト")
            .param("yearEndFrom", "12-29").param("yearEndTo", "01-03").param("closedDay", "1")
            .param("holidayRule", "OPEN_CLOSE_NEXT_WEEKDAY");
        weekly.forEach(v -> b.param("weekly", v));
        return b.with(csrf());
    }

    @Test
    void createRejectsBadInputWith422AndStoresNothingThenSavesAValidFacility() throws Exception {
        String id = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String bad = html(mvc.perform(facilityForm(post("/staff/facilities/new"), id, "10.5", "ftp://example.jp",
                weekly("17:00", "09:00")).with(admin()))
            .andExpect(status().isUnprocessableEntity()).andReturn());
        assertThat(bad).contains("class=\"error-summary\"").contains("日本の範囲（緯度20〜46、経度122〜154）")
            .contains("URLは http:// または https:// で始めてください").contains("月曜日: 時間は").contains("href=\"#lat\"")
            .contains("href=\"#url\"").contains("href=\"#weekly\"").contains("value=\"ftp://example.jp\"");
        assertThat(jdbc.sql("select count(*) from facility where id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from facility_hours where facility_id = ?").param(id).query(Long.class).single()).isZero();

        // a phone with letters, an unknown category and a bad tri-state are errors too, never a 500
        mvc.perform(facilityForm(post("/staff/facilities/new"), id, "35.7356", "https://example.jp", weekly("09:00", "17:00"))
                .param("phone", "call me").param("categories", "nope").param("elevator", "maybe").with(admin()))
            .andExpect(status().isUnprocessableEntity());
        assertThat(jdbc.sql("select count(*) from facility where id = ?").param(id).query(Long.class).single()).isZero();

        mvc.perform(facilityForm(post("/staff/facilities/new"), id, "35.7356", "https://example.jp/hall", weekly("09:00", "17:00"))
                .with(admin()))
            .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/staff/facilities/" + id));
        String pub = html(mvc.perform(get("/facilities/" + id)).andExpect(status().isOk()).andReturn());
        assertThat(pub).contains("テスト区民ホール" + id).contains("9:00–17:00").contains("18:00–21:00")
            .contains("段差のない入口").contains("Machi_Free");
        assertThat(jdbc.sql("select elevator from facility where id = ?").param(id).query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("select accessible_toilet from facility where id = ?").param(id).query().singleRow().get("accessible_toilet")).isNull();

        // the kana search of the public list finds it (katakana typed, hiragana stored)
        String kana = html(mvc.perform(get("/facilities").param("q", "テストクミンホール" + id.substring(id.length() - 4)))
            .andExpect(status().isOk()).andReturn());
        assertThat(kana).contains("テスト区民ホール" + id);

        // staff list (admin sees it) and an id that is taken
        String list = html(mvc.perform(get("/staff/facilities").param("q", id).with(admin())).andExpect(status().isOk()).andReturn());
        assertThat(list).contains("テスト区民ホール" + id).contains("<caption");
        mvc.perform(facilityForm(post("/staff/facilities/new"), id, "35.7356", "https://example.jp", weekly("09:00", "17:00"))
            .with(admin())).andExpect(status().isUnprocessableEntity());

        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'facility.facility.create' and subject = ?")
            .param("facility:" + id).query(Long.class).single()).isEqualTo(1L);
    }

    String createValid() throws Exception {
        String id = "test-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(facilityForm(post("/staff/facilities/new"), id, "35.7356", "https://example.jp/hall", weekly("09:00", "17:00"))
            .with(admin())).andExpect(status().is3xxRedirection());
        return id;
    }

    static MockHttpServletRequestBuilder hoursForm(String id, List<String> weekly, String closedDay) {
        MockHttpServletRequestBuilder b = post("/staff/facilities/" + id + "/hours").param("yearEndFrom", "")
            .param("yearEndTo", "").param("closedDay", closedDay).param("holidayRule", "CLOSE_ANYWAY");
        weekly.forEach(v -> b.param("weekly", v));
        return b.with(csrf());
    }

    @Test
    void editingHoursChangesTheNext14DaysAndExceptionsAndRoomsAreAudited() throws Exception {
        String id = createValid();
        String before = html(mvc.perform(get("/staff/facilities/" + id + "/hours").with(admin())).andExpect(status().isOk()).andReturn());
        assertThat(before).contains("今日から14日間の開館時間（計算結果）").contains("9:00–17:00").doesNotContain("10:00–15:00");

        // bad hours: 422, nothing changes
        mvc.perform(hoursForm(id, weekly("12:00", "11:00"), "").with(admin())).andExpect(status().isUnprocessableEntity());
        mvc.perform(hoursForm(id, weekly("09:00", "17:00"), "9").with(admin())).andExpect(status().isUnprocessableEntity());

        List<String> w = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            w.addAll(List.of("10:00", "15:00", "", ""));
        }
        mvc.perform(hoursForm(id, w, "").with(admin())).andExpect(status().is3xxRedirection());
        String after = html(mvc.perform(get("/staff/facilities/" + id + "/hours").with(admin())).andExpect(status().isOk()).andReturn());
        assertThat(after).contains("10:00–15:00").doesNotContain("9:00–17:00").doesNotContain("休館日</td>");
        var rules = jdbc.sql("select weekly_closed_day, year_end_from from facility where id = ?").param(id).query().singleRow();
        assertThat(rules.get("weekly_closed_day")).isNull();
        assertThat(rules.get("year_end_from")).isNull();

        // a date exception: bad date → 422, then a closed day shows in the 14 days
        mvc.perform(post("/staff/facilities/" + id + "/exceptions").param("day", "2026-02-30").param("kind", "closed")
            .with(csrf()).with(admin())).andExpect(status().isUnprocessableEntity());
        mvc.perform(post("/staff/facilities/" + id + "/exceptions").param("day", java.time.LocalDate.now(
                jp.machi.shared.time.MachiClock.ZONE).plusDays(2).toString()).param("kind", "closed").param("reasonJa", "設備点検")
            .with(csrf()).with(admin())).andExpect(status().is3xxRedirection());
        assertThat(html(mvc.perform(get("/staff/facilities/" + id + "/hours").with(admin())).andReturn())).contains("設備点検");

        // rooms: bad capacity → 422, then add
        mvc.perform(post("/staff/facilities/" + id + "/rooms").param("nameJa", "集会室").param("capacity", "-3")
            .param("floorArea", "abc").with(csrf()).with(admin())).andExpect(status().isUnprocessableEntity());
        mvc.perform(post("/staff/facilities/" + id + "/rooms").param("nameJa", "集会室").param("capacity", "30")
            .param("floorArea", "48.5").param("bookable", "true").with(csrf()).with(admin())).andExpect(status().is3xxRedirection());
        assertThat(html(mvc.perform(get("/facilities/" + id)).andReturn())).contains("集会室").contains("30人");

        List<String> actions = jdbc.sql("select action from audit_entry where subject like ? order by id")
            .param("facility:" + id + "%").query(String.class).list();
        assertThat(actions).contains("facility.facility.create", "facility.hours.update", "facility.hours.exception.create",
            "facility.room.create");
    }

    @Test
    void staffOfAnotherDepartmentGet404AndCannotSaveAndOnlySystemAdminsEditCategories() throws Exception {
        String hall = jdbc.sql("select id from facility where name_ja = '旭丘地域集会所'").query(String.class).single();
        String name = "旭丘地域集会所";
        String list = html(mvc.perform(get("/staff/facilities").param("q", "旭丘").with(staff())).andExpect(status().isOk()).andReturn());
        assertThat(list).doesNotContain(name);
        mvc.perform(get("/staff/facilities/" + hall).with(staff())).andExpect(status().isNotFound());
        mvc.perform(get("/staff/facilities/" + hall + "/hours").with(staff())).andExpect(status().isNotFound());
        mvc.perform(post("/staff/facilities/" + hall).param("nameJa", "乗っ取り").param("departmentCode", "kocho-koho")
            .with(csrf()).with(staff())).andExpect(status().isNotFound());
        mvc.perform(hoursForm(hall, weekly("09:00", "10:00"), "").with(staff())).andExpect(status().isNotFound());
        mvc.perform(post("/staff/facilities/" + hall + "/rooms").param("nameJa", "x").with(csrf()).with(staff()))
            .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select name_ja from facility where id = ?").param(hall).query(String.class).single()).isEqualTo(name);
        // a staff member cannot create in a division that is not theirs
        String id = "test-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(facilityForm(post("/staff/facilities/new"), id, "35.7356", "https://example.jp", weekly("09:00", "17:00"))
            .with(staff())).andExpect(status().isUnprocessableEntity());
        assertThat(jdbc.sql("select count(*) from facility where id = ?").param(id).query(Long.class).single()).isZero();

        mvc.perform(get("/staff/facilities/categories").with(staff())).andExpect(status().isForbidden());
        mvc.perform(get("/staff/facilities/no-such-place").with(admin())).andExpect(status().isNotFound());
        String code = "t" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/staff/facilities/categories").param("code", "Bad Code").param("nameJa", "").param("nameEn", "x")
            .param("sortOrder", "x").with(csrf()).with(admin())).andExpect(status().isUnprocessableEntity());
        mvc.perform(post("/staff/facilities/categories").param("code", code).param("nameJa", "テスト種類").param("nameEn", "Test type")
            .param("sortOrder", "500").with(csrf()).with(admin())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/staff/facilities/categories/" + code).param("nameJa", "テスト種類2").param("nameEn", "Test type 2")
            .param("sortOrder", "501").with(csrf()).with(admin())).andExpect(status().is3xxRedirection());
        assertThat(html(mvc.perform(get("/staff/facilities/categories").with(admin())).andExpect(status().isOk()).andReturn()))
            .contains("テスト種類2");
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = ?").param("facility-category:" + code)
            .query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void everyStaffPageRendersInBothLanguagesWithOneH1() throws Exception {
        String id = createValid();
        long room = jdbc.sql("insert into room (facility_id, name_ja, capacity) values (?, '和室', 10) returning id")
            .param(id).query(Long.class).single();
        for (String lang : List.of("ja", "en")) {
            for (String path : List.of("/staff/facilities", "/staff/facilities/new", "/staff/facilities/" + id,
                "/staff/facilities/" + id + "/hours", "/staff/facilities/" + id + "/rooms",
                "/staff/facilities/" + id + "/rooms/" + room, "/staff/facilities/categories",
                "/staff/facilities/categories/kumin-kan", "/staff")) {
                String page = html(mvc.perform(get(path).param("lang", lang).with(admin())).andExpect(status().isOk()).andReturn());
                assertThat(page.split("<h1", -1)).as(path).hasSize(2);
                assertThat(page).as(path).doesNotContain("??");
            }
        }
        assertThat(html(mvc.perform(get("/staff").with(admin())).andReturn())).contains("href=\"/staff/facilities\"");
    }
}
