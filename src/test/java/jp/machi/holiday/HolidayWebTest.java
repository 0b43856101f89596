package jp.machi.holiday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import jp.machi.holiday.internal.HolidayService;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@MachiTest
class HolidayWebTest {

    static final Charset SJIS = Charset.forName("windows-31j");
    static final String HEADER = "国民の祝日・休日月日,国民の祝日・休日名称\r\n";

    @Autowired WebApplicationContext context;
    @Autowired HolidayService service;
    @Autowired PublicHolidays holidays;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        service.clear();
    }

    @AfterEach
    void tearDown() {
        service.clear();
    }

    static RequestPostProcessor admin() {
        return user("admin@demo.machi.example").roles("SYSTEM_ADMIN", "DEPT_ADMIN", "STAFF");
    }

    String html(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    ResultActions upload(byte[] bytes, String name) throws Exception {
        return mvc.perform(multipart("/admin/holidays").file(new MockMultipartFile("file", name, "text/csv", bytes))
            .with(admin()).with(csrf()));
    }

    /** The calculated 2030 list as the Cabinet Office would write it, with 3/20 renamed to show the table wins. */
    static String table2030() {
        StringBuilder csv = new StringBuilder(HEADER);
        csv.append("2030/1/1,元日\r\n2030/1/14,成人の日\r\n2030/2/11,建国記念の日\r\n2030/2/23,天皇誕生日\r\n");
        csv.append("2030/3/20,春分の日\r\n2030/4/29,昭和の日\r\n2030/5/3,憲法記念日\r\n2030/5/4,みどりの日\r\n");
        csv.append("2030/5/5,こどもの日\r\n2030/5/6,休日\r\n2030/7/15,海の日\r\n2030/8/11,山の日\r\n2030/8/12,休日\r\n");
        csv.append("2030/9/16,敬老の日\r\n2030/9/23,秋分の日\r\n2030/10/14,スポーツの日\r\n2030/11/3,文化の日\r\n");
        csv.append("2030/11/4,休日\r\n2030/11/23,勤労感謝の日\r\n2030/12/28,特例の休日\r\n");
        return csv.toString();
    }

    @Test
    void theApiAnswersAJsonArrayOfTheYear() throws Exception {
        mvc.perform(get("/api/v1/holidays").param("year", "2026"))
            .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("application/json"))
            .andExpect(jsonPath("$.length()").value(18))
            .andExpect(jsonPath("$[0].date").value("2026-01-01")).andExpect(jsonPath("$[0].name").value("元日"))
            .andExpect(jsonPath("$[?(@.date == '2026-09-22')].name").value("休日"));
        mvc.perform(get("/api/v1/holidays").param("year", "1955")).andExpect(status().isOk())
            .andExpect(jsonPath("$.length()").value(9));
        mvc.perform(get("/api/v1/holidays").param("year", "2099")).andExpect(status().isOk());
    }

    @Test
    void aBadYearIsA400NamingTheParameterInJapaneseOrEnglish() throws Exception {
        for (String bad : new String[] {null, "", "abc", "1954", "2100", "20266", "-2026", "2026.0"}) {
            var req = get("/api/v1/holidays");
            if (bad != null) {
                req.param("year", bad);
            }
            mvc.perform(req).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(400)).andExpect(jsonPath("$.code").value("bad-request"))
                .andExpect(jsonPath("$.parameter").value("year"));
        }
        String ja = html(mvc.perform(get("/api/v1/holidays").param("year", "2100")));
        assertThat(ja).contains("1955年から2099年までの間で指定してください");
        String en = html(mvc.perform(get("/api/v1/holidays").param("year", "x").header("Accept-Language", "en-US,en;q=0.8")));
        assertThat(en).contains("four digits");
        String broken = html(mvc.perform(get("/api/v1/holidays.ics").param("year", "1").header("Accept-Language", ";;;")));
        assertThat(broken).contains("\"parameter\":\"year\"").contains("1955年から");
    }

    @Test
    void theIcsIsValidICalendar() throws Exception {
        var res = mvc.perform(get("/api/v1/holidays.ics").param("year", "2019")).andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/calendar")).andReturn().getResponse();
        String ics = res.getContentAsString(StandardCharsets.UTF_8);
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        String unfolded = ics.replace("\r\n ", "");
        int events = unfolded.split("BEGIN:VEVENT", -1).length - 1;
        assertThat(events).isEqualTo(holidays.inYear(2019).size()).isEqualTo(22);
        assertThat(unfolded).contains("DTSTART;VALUE=DATE:20190501\r\n").contains("SUMMARY;LANGUAGE=ja:休日（祝日扱い）\r\n")
            .contains("UID:holiday-20190501@").contains("DTSTAMP:");
        assertThat(unfolded.split("UID:", -1).length - 1).isEqualTo(22);
        // the calendar description is longer than 75 octets, so it is folded (never inside a character)
        assertThat(ics).contains("\r\n ");
        assertThat(unfolded).contains("X-WR-CALDESC:国民の祝日に関する法律による祝日と休日（振替休日・国民の休日）。");
    }

    @Test
    void thePublicPageListsTheYearWithWarekiAndWeekdays() throws Exception {
        String html = html(mvc.perform(get("/holidays").param("year", "2026")).andExpect(status().isOk()));
        assertThat(html).contains("2026年（令和8年）の祝日・休日").contains("令和8年9月22日").contains("火曜日")
            .contains("href=\"/holidays?year=2025\"").contains("href=\"/holidays?year=2027\"")
            .contains("/api/v1/holidays.ics?year=2026").contains("<caption");
        String en = html(mvc.perform(get("/holidays").param("year", "2026").param("lang", "en")).andExpect(status().isOk()));
        assertThat(en).contains("Public holidays in 2026").contains("Respect for the Aged Day").contains("Tuesday");
        String bad = html(mvc.perform(get("/holidays").param("year", "2100")).andExpect(status().isBadRequest()));
        assertThat(bad).contains("error-summary").contains("1955年から2099年まで").contains("href=\"#year\"");
        mvc.perform(get("/holidays").param("year", "<script>")).andExpect(status().isBadRequest());
        mvc.perform(get("/holidays")).andExpect(status().isOk());
        assertThat(html(mvc.perform(get("/holidays").param("year", "2099")))).doesNotContain("year=2100");
        assertThat(html(mvc.perform(get("/")))).contains("祝日・休日の一覧").contains("href=\"/holidays\"");
    }

    @Test
    void aShiftJisFileIsLoadedWinsForItsYearAndLoadingItAgainChangesNothing() throws Exception {
        byte[] sjis = table2030().getBytes(SJIS);
        upload(sjis, "syukujitsu.csv").andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/holidays"));
        assertThat(holidays.on(LocalDate.of(2030, 12, 28))).map(Holiday::name).contains("特例の休日");
        assertThat(holidays.inYear(2030)).hasSize(20);
        assertThat(holidays.inYear(2031)).isEqualTo(service.calculated(2031));
        String stamp = jdbc.sql("select max(loaded_at)::text from public_holiday_override").query(String.class).single();

        var again = upload(sjis, "renamed.csv").andReturn();
        assertThat(again.getFlashMap().get("loaded")).isEqualTo(new HolidayService.LoadOutcome(20, 0, 0, 0));
        assertThat(jdbc.sql("select max(loaded_at)::text from public_holiday_override").query(String.class).single())
            .isEqualTo(stamp);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'holiday.table.load' and detail like ?")
            .param("%File \"renamed.csv\"%0 added, 0 renamed, 0 removed").query(Long.class).single()).isEqualTo(1L);

        String page = html(mvc.perform(get("/admin/holidays").with(admin())).andExpect(status().isOk()));
        assertThat(page).contains("2030（1年分）").contains("2030-12-28").contains("特例の休日")
            .contains("表を消去する");
    }

    @Test
    void aUtf8FileWithBomIsLoadedAndClearingBringsTheCalculationBack() throws Exception {
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes((HEADER + "2031/1/1,元日\n").getBytes(StandardCharsets.UTF_8));
        upload(bom.toByteArray(), "holidays.txt").andExpect(status().is3xxRedirection());
        assertThat(holidays.inYear(2031)).extracting(Holiday::name).containsExactly("元日");
        assertThat(holidays.isHoliday(LocalDate.of(2031, 5, 5))).isFalse();

        mvc.perform(post("/admin/holidays/clear").with(admin()).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(holidays.isHoliday(LocalDate.of(2031, 5, 5))).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'holiday.table.clear' and detail = '1 removed'")
            .query(Long.class).single()).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void aFileWithBadRowsChangesNothingAndListsEveryRow() throws Exception {
        upload(table2030().getBytes(SJIS), "good.csv").andExpect(status().is3xxRedirection());
        String csv = HEADER + "2031/1/1,元日\r\n2031/2/30,ない日\r\n2031/1/1,重複\r\n2031/3/21,\r\n1954/1/1,古い\r\n"
            + "2031-5-3,憲法記念日\r\n2031/5/5,こどもの日,余分\r\n";
        String html = html(upload(csv.getBytes(SJIS), "bad.csv").andExpect(status().isUnprocessableEntity()));
        assertThat(html).contains("読み込めませんでした。表は変更していません")
            .contains("3行目：日付「2031/2/30」が読めません").contains("4行目：日付「2031/1/1」は2行目と重複しています")
            .contains("5行目：名称が空です").contains("6行目：日付「1954/1/1」は対象外の年です")
            .contains("7行目：日付「2031-5-3」が読めません").contains("8行目：項目が2つ");
        assertThat(holidays.inYear(2030)).hasSize(20);
        assertThat(jdbc.sql("select count(*) from public_holiday_override where holiday_date >= '2031-01-01'")
            .query(Long.class).single()).isZero();

        String en = html(mvc.perform(multipart("/admin/holidays").file(new MockMultipartFile("file", "bad.csv",
            "text/csv", csv.getBytes(SJIS))).param("lang", "en").with(admin()).with(csrf())));
        assertThat(en).contains("Line 3: The date &quot;2031/2/30&quot; cannot be read").contains("Line 5: The name is empty");
    }

    @Test
    void binaryEmptyHeaderlessAndOversizedFilesAreRefusedClearly() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        assertThat(html(upload(png, "syukujitsu.csv").andExpect(status().isUnprocessableEntity())))
            .contains("CSV（文字のファイル）として読めません");
        assertThat(html(upload(new byte[0], "empty.csv").andExpect(status().isUnprocessableEntity())))
            .contains("ファイルが選ばれていないか、空です");
        assertThat(html(upload("date,name\n2031/1/1,元日\n".getBytes(StandardCharsets.UTF_8), "x.csv")
            .andExpect(status().isUnprocessableEntity()))).contains("1行目が見出し行");
        byte[] big = (HEADER + "2031/1/1,元日\r\n".repeat(80_000)).getBytes(SJIS);
        assertThat(html(upload(big, "big.csv").andExpect(status().isUnprocessableEntity()))).contains("1MBまで");
        mvc.perform(multipart("/admin/holidays").with(admin()).with(csrf())).andExpect(status().isUnprocessableEntity());
        assertThat(service.coveredYears()).isEmpty();
    }

    @Test
    void onlySystemAdminsMayLoadOrClear() throws Exception {
        byte[] sjis = table2030().getBytes(SJIS);
        for (RequestPostProcessor who : List.of(user("staff@demo.machi.example").roles("STAFF"),
                user("dept@demo.machi.example").roles("DEPT_ADMIN", "STAFF"), user("r@demo.machi.example").roles("RESIDENT"))) {
            mvc.perform(get("/admin/holidays").with(who)).andExpect(status().isForbidden());
            mvc.perform(multipart("/admin/holidays").file(new MockMultipartFile("file", "s.csv", "text/csv", sjis))
                .with(who).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/admin/holidays/clear").with(who).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/holidays")).andExpect(status().is4xxClientError());
        assertThat(service.coveredYears()).isEmpty();
    }
}
