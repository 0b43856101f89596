package jp.machi.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * The pages: browse and search, a dataset's page, and the staff's editing and uploads — a bad upload is refused row
 * by row and publishes nothing; a good one becomes the next version and the files follow at once.
 */
@MachiTest
class OpenDataPagesTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    private String page(MvcResult r) {
        return new String(r.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void catalogListsSearchesAndFiltersInBothLanguages() throws Exception {
        MvcResult all = mvc.perform(get("/opendata")).andReturn();
        assertThat(all.getResponse().getStatus()).isEqualTo(200);
        assertThat(page(all)).contains("AED設置箇所一覧", "指定緊急避難場所一覧", "地域・年齢別人口（生成したデモデータ）", "生成したデモデータ");
        MvcResult search = mvc.perform(get("/opendata").param("q", "避難")).andReturn();
        assertThat(page(search)).contains("指定緊急避難場所一覧").doesNotContain("AED設置箇所一覧");
        MvcResult filtered = mvc.perform(get("/opendata").param("group", "population")).andReturn();
        assertThat(page(filtered)).contains("地域・年齢別人口").doesNotContain("AED設置箇所一覧");
        MvcResult en = mvc.perform(get("/opendata").param("lang", "en")).andReturn();
        assertThat(page(en)).contains("AED locations", "Open data");
        // words that look like query syntax are plain words here
        assertThat(mvc.perform(get("/opendata").param("q", "tags:(\"")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void badSearchInputIsAClearMessageNotAnError() throws Exception {
        MvcResult longQ = mvc.perform(get("/opendata").param("q", "あ".repeat(10_000))).andReturn();
        assertThat(longQ.getResponse().getStatus()).isEqualTo(400);
        assertThat(page(longQ)).contains("キーワードは1,000文字以内");
        MvcResult badPage = mvc.perform(get("/opendata").param("page", "x")).andReturn();
        assertThat(badPage.getResponse().getStatus()).isEqualTo(400);
        assertThat(page(badPage)).contains("ページの番号");
        MvcResult badSort = mvc.perform(get("/opendata").param("sort", "sideways").param("lang", "en")).andReturn();
        assertThat(page(badSort)).contains("Choose an order from the list.");
        assertThat(mvc.perform(get("/opendata/datasets/no-such")).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void datasetPageShowsMetadataStarsLinksAndAPreview() throws Exception {
        String aed = page(mvc.perform(get("/opendata/datasets/aed")).andReturn());
        assertThat(aed).contains("AED設置箇所一覧", "131202_aed.csv", "131202_aed.geojson", "5つ星（5つ星オープンデータ）", "出典：練馬区「AED設置箇所一覧」",
            "施設ID", "公共施設一覧", "opendata-map", "<table class=\"opendata-preview\"");
        String holidays = page(mvc.perform(get("/opendata/datasets/public-holidays").param("lang", "en")).andReturn());
        assertThat(holidays).contains("Public holidays", "New Year&#39;s Day").doesNotContain("opendata-map");
        String population = page(mvc.perform(get("/opendata/datasets/population-by-area-and-age")).andReturn());
        assertThat(population).contains("生成したデモデータです。", "第1版", "旭丘");
        // every live dataset shows its first rows, whatever cells are empty (a null cell failed the まちレポ preview)
        for (String name : java.util.List.of("machi-reports", "public-facilities", "public-wireless-lan")) {
            assertThat(page(mvc.perform(get("/opendata/datasets/" + name)).andReturn())).as(name)
                .contains("<table class=\"opendata-preview\"").doesNotContain("データの先頭を表示できませんでした");
        }
        String geo = page(mvc.perform(get("/opendata/datasets/evacuation-space/preview.geojson")).andReturn());
        assertThat(geo).startsWith("{\"type\":\"FeatureCollection\"");
    }

    private static String header() {
        return String.join(",", jp.machi.opendata.internal.Layout.ALL.get(1).header());
    }

    private MvcResult upload(String name, byte[] content) throws Exception {
        return mvc.perform(multipart("/staff/opendata/datasets/" + name + "/upload")
            .file(new MockMultipartFile("file", "budget.csv", "text/csv", content)).param("note", "テスト")
            .with(csrf()).with(StaffLogin.admin(jdbc))).andReturn();
    }

    private String newBudget() throws Exception {
        String name = "budget-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult created = mvc.perform(post("/staff/opendata/new").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("name", name).param("layout", "budget").param("titleJa", "予算 " + name).param("titleEn", "")
            .param("descriptionJa", "款・項別の当初予算").param("descriptionEn", "").param("department", "somu")
            .param("category", "administration").param("tags", "予算、財政").param("licence", "PDL-1.0")
            .param("attributionJa", "").param("attributionEn", "").param("frequency", "ANNUAL")
            .param("temporalStart", "2026-04-01").param("temporalEnd", "2027-03-31").param("spatial", "練馬区")
            .param("contactEmail", "")).andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/staff/opendata/datasets/" + name + "/upload");
        return name;
    }

    @Test
    void aBadUploadIsRefusedRowByRowAndPublishesNothing() throws Exception {
        String name = newBudget();
        String csv = header() + "\r\n"
            + "131202,練馬区,2026,一般会計,総務費,総務管理費,1000,\r\n"
            + "131203,練馬区,2026,一般会計,民生費,,12x,\r\n"
            + "131202,練馬区,26,一般会計,,,-5,\r\n";
        MvcResult bad = upload(name, csv.getBytes(StandardCharsets.UTF_8));
        assertThat(bad.getResponse().getStatus()).isEqualTo(422);
        String p = page(bad);
        assertThat(p).contains("公開しませんでした", "4件の問題", "6桁の全国地方公共団体コード", "整数", "年度は西暦4桁", "空です");
        assertThat(jdbc.sql("select count(*) from opendata_version v join opendata_dataset d on d.id = v.dataset_id where d.name = ?")
            .param(name).query(Long.class).single()).isZero();
        // the dataset has no file, so it is not published
        assertThat(mvc.perform(get("/opendata/datasets/" + name)).andReturn().getResponse().getStatus()).isEqualTo(404);

        MvcResult png = upload(name, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        assertThat(png.getResponse().getStatus()).isEqualTo(422);
        assertThat(page(png)).contains("CSVファイルではありません");
        MvcResult other = upload(name, "名称,住所\r\nA,B\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(page(other)).contains("様式にない列「名称」", "様式の列「予算額（千円）」がありません");
        MvcResult quote = upload(name, (header() + "\r\n131202,\"練馬区,2026\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(quote.getResponse().getStatus()).isEqualTo(422);
        assertThat(page(quote)).contains("CSVとして読み取れません");
    }

    @Test
    void aGoodUploadBecomesTheNextVersionAndTheFilesFollow() throws Exception {
        String name = newBudget();
        String v1 = header() + "\r\n131202,練馬区,2026,一般会計,総務費,総務管理費,1000,\r\n";
        MvcResult ok = upload(name, v1.getBytes(StandardCharsets.UTF_8));
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        String slug = name.replace('-', '_');
        OpenDataHttp http = new OpenDataHttp(port);
        var first = http.get("/opendata/files/131202_" + slug + ".csv");
        assertThat(OpenDataHttp.text(first)).contains("総務管理費,1000");
        // Shift_JIS, columns in another order: read by name, stored in the layout's order
        String v2 = "予算額（千円）,款,会計,年度,全国地方公共団体コード,項,地方公共団体名,備考\r\n2000,民生費,一般会計,2026,131202,社会福祉費,練馬区,\r\n";
        assertThat(upload(name, v2.getBytes(java.nio.charset.Charset.forName("windows-31j"))).getResponse().getStatus()).isEqualTo(302);
        var second = http.get("/opendata/files/131202_" + slug + ".csv", "If-None-Match", first.headers().firstValue("ETag").orElseThrow());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(OpenDataHttp.text(second)).contains("131202,練馬区,2026,一般会計,民生費,社会福祉費,2000").doesNotContain("総務管理費");
        assertThat(OpenDataHttp.json(http.get("/opendata/files/131202_" + slug + ".json")).get(0).get("amountThousandYen").asString())
            .isEqualTo("2000");
        assertThat(OpenDataHttp.text(http.get("/opendata/datasets/" + name + "/versions/1.csv"))).contains("総務管理費");
        var pkg = http.action("package_show?id=" + name).get("result");
        assertThat(pkg.get("version").asString()).isEqualTo("2");
        assertThat(pkg.get("license_id").asString()).isEqualTo("PDL-1.0");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'opendata.upload' and subject like ?")
            .param("opendata:" + name + "%").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void staffEditTheTextsAndBadInputIsExplained() throws Exception {
        String name = newBudget();
        MvcResult bad = mvc.perform(post("/staff/opendata/datasets/" + name).with(csrf()).with(StaffLogin.admin(jdbc))
            .param("titleJa", "").param("department", "nope").param("category", "administration").param("licence", "MIT")
            .param("frequency", "ANNUAL").param("temporalStart", "2026-13-01").param("contactEmail", "x")).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(422);
        assertThat(page(bad)).contains("タイトル（日本語）を入力してください", "公開する課は一覧から選んでください", "ライセンスは一覧から選んでください",
            "メールアドレスの形が正しくありません", "2026-04-01 のように");
        MvcResult good = mvc.perform(post("/staff/opendata/datasets/" + name).with(csrf()).with(StaffLogin.admin(jdbc))
            .param("titleJa", "令和8年度 予算").param("titleEn", "Budget FY2026").param("descriptionJa", "款・項別")
            .param("department", "somu").param("category", "administration").param("tags", "予算").param("licence", "CC-BY-4.0")
            .param("frequency", "ANNUAL")).andReturn();
        assertThat(good.getResponse().getStatus()).isEqualTo(302);
        assertThat(page(mvc.perform(get("/staff/opendata").with(StaffLogin.admin(jdbc))).andReturn())).contains("令和8年度 予算");
        assertThat(mvc.perform(get("/staff/opendata")).andReturn().getResponse().getStatus()).isIn(302, 401, 403);
    }
}
