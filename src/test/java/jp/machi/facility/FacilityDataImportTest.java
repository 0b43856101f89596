package jp.machi.facility;

import static jp.machi.facility.FacilityDataSupport.apply;
import static jp.machi.facility.FacilityDataSupport.auth;
import static jp.machi.facility.FacilityDataSupport.counts;
import static jp.machi.facility.FacilityDataSupport.deptAdmin;
import static jp.machi.facility.FacilityDataSupport.html;
import static jp.machi.facility.FacilityDataSupport.preview;
import static jp.machi.facility.FacilityDataSupport.token;
import static jp.machi.facility.FacilityDataSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jp.machi.shared.csv.CsvReader;
import jp.machi.facility.internal.opendata.Dataset;
import jp.machi.shared.security.Role;
import jp.machi.identity.internal.AccountRepository;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Import of the standard CSVs: round trip, Shift_JIS older layout, every bad row reported, idempotence, preview, scope. */
@MachiTest
class FacilityDataImportTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired AccountRepository accounts;

    MockMvc mvc;
    Authentication admin;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        long id = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        admin = auth(id, "admin@demo.machi.example", Role.STAFF, Role.DEPT_ADMIN, Role.SYSTEM_ADMIN);
    }

    byte[] export(String dataset) throws Exception {
        return mvc.perform(get("/api/v1/facilities.csv").param("dataset", dataset)).andReturn().getResponse().getContentAsByteArray();
    }

    long facilities() {
        return jdbc.sql("select count(*) from facility").query(Long.class).single();
    }

    String lastChange() {
        return jdbc.sql("select coalesce(max(updated_at)::text, '') from facility").query(String.class).single()
            + jdbc.sql("select count(*) from facility_hours").query(Long.class).single()
            + jdbc.sql("select count(*) from facility_category_link").query(Long.class).single();
    }

    @Test
    void exportThenImportChangesNothingForEveryDataset() throws Exception {
        for (Dataset d : Dataset.values()) {
            byte[] file = export(d.parameter());
            int rows = CsvReader.parse(new String(file, StandardCharsets.UTF_8)).rows().size() - 1;
            String before = lastChange();
            String token = token(upload(mvc, admin, d.parameter(), "bosai-keikaku", file));
            String page = preview(mvc, admin, token);
            assertThat(counts(page)).as(d.parameter()).containsExactly(0, 0, rows);
            assertThat(page).contains("台帳と同じ内容です").contains("UTF-8 (BOM)").contains("<h1>取り込む内容の確認</h1>");
            assertThat(apply(mvc, admin, token).getResponse().getRedirectedUrl()).isEqualTo("/staff/facilities/import");
            assertThat(lastChange()).isEqualTo(before);
        }
    }

    @Test
    void aShiftJisFileInTheOlderLayoutIsImportedOnceAndTheSecondTimeChangesNothing() throws Exception {
        String no = Long.toString(System.nanoTime() % 1_000_000_000L);
        String csv = "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,住所,方書,緯度,経度,設置位置,電話番号,内線番号,"
            + "法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,小児対応設備の有無,URL,備考\r\n"
            + "13120," + no + ",東京都,練馬区,テスト体育館" + no + ",テストタイイクカン,東京都練馬区豊玉北6-12-1,1階,35.735,139.6517,"
            + "1階受付横,03-3993-1111,,,,月～金,09:00,17:00,祝日は休み,有,https://www.city.nerima.tokyo.jp/,\"備考, 引用符\"\"付き\"\r\n";
        byte[] sjis = csv.getBytes(CsvReader.SHIFT_JIS);
        assertThat(new String(sjis, StandardCharsets.UTF_8)).as("really not UTF-8").isNotEqualTo(csv);
        long before = facilities();
        String token = token(upload(mvc, admin, "aed", "kenko-suishin", sjis));
        String page = preview(mvc, admin, token);
        assertThat(page).contains("Shift_JIS").contains("推奨データセット（旧形式）").contains("テスト体育館" + no);
        assertThat(counts(page)).containsExactly(1, 0, 0);
        assertThat(apply(mvc, admin, token).getResponse().getRedirectedUrl()).isEqualTo("/staff/facilities/import");
        assertThat(facilities()).isEqualTo(before + 1);
        var row = jdbc.sql("select * from facility where id = ?").param("aed-" + no).query().singleRow();
        assertThat(row.get("aed")).isEqualTo(true);
        assertThat(row.get("aed_location")).isEqualTo("1階受付横");
        assertThat(row.get("aed_pads_child")).isEqualTo(true);
        assertThat(row.get("department_code")).isEqualTo("kenko-suishin");
        assertThat(row.get("notes")).isEqualTo("備考, 引用符\"付き");
        assertThat(jdbc.sql("select count(*) from facility_hours where facility_id = ? and opens = '09:00' and closes = '17:00'")
            .param("aed-" + no).query(Long.class).single()).isEqualTo(5L);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'facility.import.apply'").query(Long.class).single()).isPositive();

        String after = lastChange();
        String again = token(upload(mvc, admin, "aed", "kenko-suishin", sjis));
        assertThat(counts(preview(mvc, admin, again))).containsExactly(0, 0, 1);
        apply(mvc, admin, again);
        assertThat(lastChange()).isEqualTo(after);
        assertThat(facilities()).isEqualTo(before + 1);
    }

    /** One CSV row in the order of {@code header}: the named cells, every other cell empty. */
    static String cells(String header, java.util.Map<String, String> values) {
        List<String> cells = new ArrayList<>();
        for (String h : header.split(",")) {
            cells.add(values.getOrDefault(h, ""));
        }
        assertThat(header.split(",")).as("every named column is in the header").contains(values.keySet().toArray(String[]::new));
        StringBuilder sb = new StringBuilder();
        FacilityDataSupport.writeRecord(sb, cells);
        return sb.toString();
    }

    /**
     * Files shaped like 市川市's (122033) published 公共施設一覧, AED設置箇所一覧 and 公衆無線LANアクセスポイント一覧: their exact
     * headers, empty IDs, 可/有/無 in the barrier-free columns, days written 火水木金土日, times 9:00, the AED list in
     * Shift_JIS with the other spelling 利用可能時間特記事項. The rows are made up for this test (this ward, invented places).
     */
    @Test
    void filesShapedLikeRealMunicipalFilesImportForTheThreeDatasetsAndExportBack() throws Exception {
        String n = Long.toString(System.nanoTime() % 1_000_000_000L);
        String name = "見本区民館" + n;
        String address = "東京都練馬区見本町1丁目2-" + n;
        java.util.Map<String, String> place = new java.util.HashMap<>(java.util.Map.of("全国地方公共団体コード", "131202",
            "地方公共団体名", "練馬区", "名称", name, "名称_カナ", "ミホンクミンカン", "所在地_全国地方公共団体コード", "131202",
            "所在地_連結表記", address, "所在地_都道府県", "東京都", "所在地_市区町村", "練馬区", "所在地_町字", "見本町1丁目"));
        place.putAll(java.util.Map.of("所在地_番地以下", "2-" + n, "緯度", "35.7301", "経度", "139.6402", "電話番号", "(03)5555-0100"));

        // 公共施設一覧: no ID (so matched by 名称 + 所在地_連結表記, and a new facility gets an id made from them)
        java.util.Map<String, String> facility = new java.util.HashMap<>(place);
        facility.putAll(java.util.Map.of("団体名", "練馬区", "利用可能曜日", "火水木金土日", "開始時間", "9:00", "終了時間", "21:00",
            "利用可能時間特記事項", "毎月第4月曜日は休館", "車椅子可", "可", "車椅子貸出", "有", "バリアフリートイレ", "有",
            "スロープ、エレベータ、エスカレータ", "無", "点字ブロック等の移動支援", "有"));
        facility.putAll(java.util.Map.of("優先駐車場", "無", "授乳室", "有", "おむつ替えコーナー", "有", "ベビーカー利用", "可",
            "URL", "https://example.jp/miho", "備考", "スロープは西口のみ"));
        byte[] publicFile = (FacilityDataExportTest.PUBLIC_FACILITIES + "\r\n" + cells(FacilityDataExportTest.PUBLIC_FACILITIES, facility))
            .getBytes(StandardCharsets.UTF_8);
        String token = token(upload(mvc, admin, "public-facilities", "bosai-keikaku", publicFile));
        String page = preview(mvc, admin, token);
        assertThat(counts(page)).containsExactly(1, 0, 0);
        assertThat(page).contains(name).contains("車椅子貸出").doesNotContain("読み取りません");
        apply(mvc, admin, token);
        var row = jdbc.sql("select * from facility where name_ja = ?").param(name).query().singleRow();
        String id = (String) row.get("id");
        assertThat(id).matches("public-facilities-[0-9a-f]{12}");
        assertThat(row.get("step_free_entrance")).isEqualTo(true);
        assertThat(row.get("accessible_toilet")).isEqualTo(true);
        assertThat(row.get("elevator")).isEqualTo(false);
        assertThat(row.get("braille_blocks")).isEqualTo(true);
        assertThat(row.get("accessible_parking")).isEqualTo(false);
        assertThat(row.get("ostomate")).as("empty = unknown").isNull();
        assertThat(row.get("nursing_room")).isEqualTo(true);
        assertThat(row.get("hearing_loop")).isNull();
        assertThat(row.get("hours_note")).isEqualTo("毎月第4月曜日は休館");
        assertThat(jdbc.sql("select count(*) from facility_hours where facility_id = ? and opens = '09:00' and closes = '21:00'")
            .param(id).query(Long.class).single()).isEqualTo(6L);
        String after = lastChange();
        String again = token(upload(mvc, admin, "public-facilities", "bosai-keikaku", publicFile));
        assertThat(counts(preview(mvc, admin, again))).as("the same file again").containsExactly(0, 0, 1);
        apply(mvc, admin, again);
        assertThat(lastChange()).isEqualTo(after);

        // AED設置箇所一覧 in Shift_JIS, with 利用可能時間特記事項 (other AED files) instead of 利用可能日時特記事項
        String aedHeader = FacilityDataExportTest.AED.replace("利用可能日時特記事項", "利用可能時間特記事項");
        java.util.Map<String, String> aed = new java.util.HashMap<>(place);
        aed.putAll(java.util.Map.of("ID", "aed-sample-" + n, "名称", "見本体育館" + n, "所在地_連結表記", "東京都練馬区見本町3丁目4-" + n,
            "設置位置", "1階玄関ホール", "利用可能時間特記事項", "開館時間内", "小児対応設備の有無", "○"));
        byte[] aedFile = (aedHeader + "\r\n" + cells(aedHeader, aed)).getBytes(CsvReader.SHIFT_JIS);
        token = token(upload(mvc, admin, "aed", "bosai-keikaku", aedFile));
        page = preview(mvc, admin, token);
        assertThat(page).contains("Shift_JIS");
        assertThat(counts(page)).containsExactly(1, 0, 0);
        apply(mvc, admin, token);
        row = jdbc.sql("select * from facility where id = ?").param("aed-sample-" + n).query().singleRow();
        assertThat(row.get("aed")).isEqualTo(true);
        assertThat(row.get("aed_location")).isEqualTo("1階玄関ホール");
        assertThat(row.get("aed_available_hours")).isEqualTo("開館時間内");
        assertThat(row.get("aed_pads_child")).isEqualTo(true);

        // 公衆無線LANアクセスポイント一覧: no ID either, the same name and address as the facility above: that facility
        java.util.Map<String, String> wifi = new java.util.HashMap<>(place);
        wifi.putAll(java.util.Map.of("法人番号", "1234567890123", "名称_英語", "Miho Community Hall", "設置者", "練馬区",
            "SSID", "Miho_Free_WiFi", "URL", "https://example.jp/wifi", "郵便番号", "1760000"));
        byte[] wifiFile = (FacilityDataExportTest.WIFI + "\r\n" + cells(FacilityDataExportTest.WIFI, wifi)).getBytes(StandardCharsets.UTF_8);
        token = token(upload(mvc, admin, "wifi", "bosai-keikaku", wifiFile));
        page = preview(mvc, admin, token);
        assertThat(counts(page)).containsExactly(0, 1, 0);
        assertThat(page).contains("公衆無線LANアクセスポイント一覧に載せる");
        apply(mvc, admin, token);
        row = jdbc.sql("select * from facility where id = ?").param(id).query().singleRow();
        assertThat(row.get("wifi")).isEqualTo(true);
        assertThat(row.get("wifi_ssid")).isEqualTo("Miho_Free_WiFi");
        assertThat(row.get("wifi_provider")).isEqualTo("練馬区");
        assertThat(row.get("wifi_url")).isEqualTo("https://example.jp/wifi");
        assertThat(row.get("name_en")).isEqualTo("Miho Community Hall");
        assertThat(row.get("postal_code")).isEqualTo("176-0000");
        assertThat(row.get("corporate_number")).as("the Wi-Fi sheet's 法人番号 is not the operator's").isNull();
        assertThat(row.get("step_free_entrance")).as("untouched by the Wi-Fi list").isEqualTo(true);

        // and back out: the barrier-free columns in the words the real file uses
        String export = new String(export("public-facilities"), StandardCharsets.UTF_8).substring(1);
        List<String> header = Dataset.PUBLIC_FACILITIES.currentHeader();
        List<String> out = CsvReader.parse(export).rows().stream().map(CsvReader.Row::cells)
            .filter(c -> c.get(header.indexOf("ID")).equals(id)).findFirst().orElseThrow();
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("車椅子可", "可");
        expected.put("バリアフリートイレ", "有");
        expected.put("スロープ、エレベータ、エスカレータ", "無");
        expected.put("点字ブロック等の移動支援", "有");
        expected.put("優先駐車場", "無");
        expected.put("オストメイト対応トイレ", "");
        expected.put("授乳室", "有");
        expected.put("車椅子貸出", "");
        expected.put("おむつ替えコーナー", "");
        expected.put("利用可能曜日", "火;水;木;金;土;日");
        expected.put("開始時間", "09:00");
        expected.put("利用可能時間特記事項", "毎月第4月曜日は休館");
        expected.put("名称_英字", "Miho Community Hall");
        expected.forEach((column, value) -> assertThat(out.get(header.indexOf(column))).as(column).isEqualTo(value));
    }

    /** The 公共施設一覧 header Machi exported before the layout was checked against real files (guessed). */
    static final String GUESSED_PUBLIC_FACILITIES = "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英語,名称_通称,POIコード,"
        + "所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),"
        + "緯度,経度,高度の種別,高度の値,電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,法人番号,"
        + "団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,説明,バリアフリー情報,URL,画像,画像_ライセンス,備考";

    @Test
    void aFileInThePreviouslyExportedGuessedLayoutStillImports() throws Exception {
        String id = "guessed-" + System.nanoTime();
        java.util.Map<String, String> values = java.util.Map.of("全国地方公共団体コード", "131202", "ID", id, "名称", "旧形式見本館",
            "名称_英語", "Old Layout Hall", "所在地_連結表記", "東京都練馬区見本町5丁目6-7", "利用可能日時特記事項", "祝日は休館",
            "バリアフリー情報", "段差のない入口;エレベーター");
        byte[] file = (GUESSED_PUBLIC_FACILITIES + "\r\n" + cells(GUESSED_PUBLIC_FACILITIES, values)).getBytes(StandardCharsets.UTF_8);
        String token = token(upload(mvc, admin, "public-facilities", "bosai-keikaku", file));
        String page = preview(mvc, admin, token);
        assertThat(counts(page)).containsExactly(1, 0, 0);
        assertThat(page).contains("バリアフリー情報").doesNotContain("読み取りません");
        apply(mvc, admin, token);
        var row = jdbc.sql("select * from facility where id = ?").param(id).query().singleRow();
        assertThat(row.get("name_en")).isEqualTo("Old Layout Hall");
        assertThat(row.get("hours_note")).isEqualTo("祝日は休館");
        assertThat(row.get("step_free_entrance")).as("the old free-text list is not read back").isNull();
        assertThat(counts(preview(mvc, admin, token(upload(mvc, admin, "public-facilities", "bosai-keikaku", file)))))
            .containsExactly(0, 0, 1);
    }

    @Test
    void aFileWithSeveralBadRowsReportsEachWithLineAndColumnAndChangesNothing() throws Exception {
        String header = String.join(",", Dataset.PUBLIC_FACILITIES.currentHeader());
        List<String> rows = new ArrayList<>();
        String good = "good-" + System.nanoTime();
        rows.add(row(good, "131202", "正しい施設", "35.7", "139.6", "09:00", "17:00"));
        rows.add(row("bad-1", "131201", "検査数字違い", "35.7", "139.6", "09:00", "17:00"));
        rows.add(row("bad-2", "131202", "海の上", "10.5", "139.6", "09:00", "17:00"));
        rows.add(row("bad-3", "131202", "時刻違い", "35.7", "139.6", "9時", "17:00"));
        rows.add(row("bad 4", "131121", "", "35.7", "139.6", "", ""));
        byte[] file = (header + "\r\n" + String.join("\r\n", rows) + "\r\n").getBytes(StandardCharsets.UTF_8);
        long before = facilities();
        String changed = lastChange();
        MvcResult r = upload(mvc, admin, "public-facilities", "bosai-keikaku", file);
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        String page = html(r);
        assertThat(page).contains("取り込めませんでした").contains("何も変更していません")
            .contains("<caption>問題の一覧（6件）</caption>");
        assertThat(problem(page, 3, "全国地方公共団体コード")).contains("検査数字").contains("131202");
        assertThat(problem(page, 4, "緯度")).contains("日本の範囲");
        assertThat(problem(page, 5, "開始時間")).contains("hh:mm");
        assertThat(problem(page, 6, "ID")).contains("半角英数字");
        assertThat(problem(page, 6, "全国地方公共団体コード")).contains("この区のコード");
        assertThat(problem(page, 6, "名称")).contains("必須");
        assertThat(facilities()).isEqualTo(before);
        assertThat(lastChange()).isEqualTo(changed);
        assertThat(jdbc.sql("select count(*) from facility where id = ?").param(good).query(Long.class).single()).isZero();

        String en = html(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/staff/facilities/import")
            .file(new org.springframework.mock.web.MockMultipartFile("file", "x.csv", "text/csv", file))
            .param("dataset", "public-facilities").param("department", "bosai-keikaku").param("lang", "en")
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
            .with(authentication(admin))).andReturn());
        assertThat(en).contains("The check digit").contains("outside Japan");
    }

    /** The text of the problem row with this line and column. */
    static String problem(String page, int line, String column) {
        var m = java.util.regex.Pattern.compile("<th scope=\"row\">" + line + "</th>\\s*<td>" + java.util.regex.Pattern.quote(column)
            + "</td>\\s*<td>([^<]*)</td>").matcher(page);
        assertThat(m.find()).as("problem at line " + line + " column " + column + " in " + page).isTrue();
        return m.group(1);
    }

    static String row(String id, String code, String name, String lat, String lon, String opens, String closes) {
        List<String> cells = new ArrayList<>();
        for (String h : Dataset.PUBLIC_FACILITIES.currentHeader()) {
            cells.add(switch (h) {
                case "全国地方公共団体コード" -> code;
                case "ID" -> id;
                case "名称" -> name;
                case "所在地_連結表記" -> "東京都練馬区豊玉北6-12-1";
                case "緯度" -> lat;
                case "経度" -> lon;
                case "利用可能曜日" -> opens.isEmpty() ? "" : "月;火";
                case "開始時間" -> opens;
                case "終了時間" -> closes;
                default -> "";
            });
        }
        return String.join(",", cells);
    }

    @Test
    void thePreviewShowsNewAndChangedRowsWithTheChangedFieldsThenApplies() throws Exception {
        byte[] file = export("emergency-sites");
        String text = new String(file, StandardCharsets.UTF_8).substring(1);
        List<CsvReader.Row> records = CsvReader.parse(text).rows();
        int rows = records.size() - 1;
        List<String> header = records.getFirst().cells();
        List<String> first = new ArrayList<>(records.get(1).cells());
        String id = first.get(header.indexOf("ID"));
        first.set(header.indexOf("電話番号"), "03-3993-1111");
        first.set(header.indexOf("想定収容人数"), "1200");
        List<String> added = new ArrayList<>(records.get(1).cells());
        String newId = "site-" + System.nanoTime();
        added.set(header.indexOf("ID"), newId);
        added.set(header.indexOf("名称"), "新しい避難場所");
        StringBuilder sb = new StringBuilder();
        FacilityDataSupport.writeRecord(sb, header);
        FacilityDataSupport.writeRecord(sb, first);
        for (CsvReader.Row rec : records.subList(2, records.size())) {
            FacilityDataSupport.writeRecord(sb, rec.cells());
        }
        FacilityDataSupport.writeRecord(sb, added);
        String token = token(upload(mvc, admin, "emergency-sites", "bosai-keikaku", sb.toString().getBytes(StandardCharsets.UTF_8)));
        String page = preview(mvc, admin, token);
        assertThat(counts(page)).containsExactly(1, 1, rows - 1);
        assertThat(page).contains("電話番号：（空欄） → 03-3993-1111").contains("想定収容人数：（空欄） → 1200").contains("新しい避難場所")
            .contains("<caption>内容が変わる施設（1件）</caption>").contains("UTF-8");
        assertThat(apply(mvc, admin, token).getFlashMap().get("applied")).asString().contains("新規 1件、変更 1件");
        assertThat(jdbc.sql("select phone from facility where id = ?").param(id).query(String.class).single()).isEqualTo("03-3993-1111");
        assertThat(jdbc.sql("select capacity from facility where id = ?").param(id).query(Integer.class).single()).isEqualTo(1200);
        assertThat(jdbc.sql("select count(*) from facility_category_link where facility_id = ? and category_code = 'emergency-site'")
            .param(newId).query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'facility.facility.update' and subject = ?")
            .param("facility:" + id).query(Long.class).single()).isPositive();
        // the used token is gone
        assertThat(mvc.perform(get("/staff/facilities/import/" + token).with(authentication(admin))).andReturn().getResponse().getStatus())
            .isEqualTo(404);
    }

    @Test
    void aDepartmentAdminMayImportOnlyTheirDepartmentsFacilities() throws Exception {
        Authentication bosai = deptAdmin(accounts, "bosai-keikaku");
        byte[] all = export("public-facilities");
        MvcResult r = upload(mvc, bosai, "public-facilities", "bosai-keikaku", all);
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        String school = jdbc.sql("select id from facility where name_ja = '旭丘小学校'").query(String.class).single();
        assertThat(html(r)).contains("施設「" + school + "」はあなたの担当課の施設ではない");
        // new facilities may not be put into someone else's department
        assertThat(upload(mvc, bosai, "public-facilities", "shogai-gakushu", all).getResponse().getStatus()).isEqualTo(422);
        // only their own facilities: fine
        String text = new String(all, StandardCharsets.UTF_8).substring(1);
        List<CsvReader.Row> records = CsvReader.parse(text).rows();
        int idColumn = records.getFirst().cells().indexOf("ID");
        List<String> own = jdbc.sql("select id from facility where department_code = 'bosai-keikaku'").query(String.class).list();
        StringBuilder sb = new StringBuilder();
        FacilityDataSupport.writeRecord(sb, records.getFirst().cells());
        records.stream().skip(1).filter(rec -> own.contains(rec.cells().get(idColumn))).forEach(rec -> FacilityDataSupport.writeRecord(sb, rec.cells()));
        String token = token(upload(mvc, bosai, "public-facilities", "bosai-keikaku", sb.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(counts(preview(mvc, bosai, token))[2]).isEqualTo(own.size());
        // another staff member cannot see or apply someone else's upload
        assertThat(mvc.perform(get("/staff/facilities/import/" + token).with(authentication(admin))).andReturn().getResponse().getStatus())
            .isEqualTo(404);
        // plain staff may not import at all
        Authentication staff = auth(1, "staff@example.jp", Role.STAFF);
        assertThat(mvc.perform(get("/staff/facilities/import").with(authentication(staff))).andReturn().getResponse().getStatus())
            .isEqualTo(403);
    }

    @Test
    void binaryTooLargeAndHeaderlessFilesAreRefusedWithAClearMessage() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
        MvcResult binary = upload(mvc, admin, "aed", "bosai-keikaku", png);
        assertThat(binary.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(binary)).contains("CSVファイルではないようです");
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(html(upload(mvc, admin, "aed", "bosai-keikaku", big))).contains("ファイルが大きすぎます").contains("5MB");
        assertThat(html(upload(mvc, admin, "aed", "bosai-keikaku", "名前,場所\r\nA,B\r\n".getBytes(StandardCharsets.UTF_8))))
            .contains("1行目の見出しが「AED設置箇所一覧」の形式ではありません");
        assertThat(html(upload(mvc, admin, "wifi", "bosai-keikaku", "全国地方公共団体コード,ID,名称\r\n\"131202,x\r\n".getBytes(StandardCharsets.UTF_8))))
            .contains("引用符");
        String form = html(mvc.perform(get("/staff/facilities/import").with(authentication(admin))).andReturn());
        assertThat(form).contains("<label for=\"file\"").contains("<h1>施設データの取り込み（標準CSV）</h1>")
            .contains("/api/v1/facilities.csv?dataset=aed");
    }
}
