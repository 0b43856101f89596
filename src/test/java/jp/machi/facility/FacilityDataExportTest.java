package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jp.machi.shared.csv.CsvReader;
import jp.machi.facility.internal.opendata.Dataset;
import jp.machi.support.MachiTest;
import jp.machi.ward.LocalGovernmentCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** GET /api/v1/facilities.csv: the standard's exact headers, BOM, CRLF, check digits, file names; bad parameters. */
@MachiTest
class FacilityDataExportTest {

    /** 指定緊急避難場所一覧, current Digital Agency layout (docs/reference/opendata.md §2.4, 39 columns). */
    static final String EMERGENCY_SITES = "全国地方公共団体コード,ID,名称,名称_カナ,名称_英字,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,"
        + "所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,標高,電話番号,内線番号,連絡先メールアドレス,"
        + "連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,市区町村コード,地方公共団体名,災害種別_洪水,災害種別_崖崩れ、土石流及び地滑り,"
        + "災害種別_高潮,災害種別_地震,災害種別_津波,災害種別_大規模な火事,災害種別_内水氾濫,災害種別_火山現象,指定避難所との重複,想定収容人数,"
        + "対象となる町会・自治会,URL,画像,画像_ライセンス,備考";

    /**
     * 公共施設一覧, current layout (56 columns): the header of 市川市's 122033_101_public_facility.csv (whitecat-22/
     * ichikawa_city_info, open_data/101_公共施設一覧/), whose 指定緊急避難場所一覧 matches {@link #EMERGENCY_SITES} exactly.
     */
    static final String PUBLIC_FACILITIES = "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英字,名称_通称,POIコード,外部識別子,"
        + "外部識別子の値,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,"
        + "建物名等(方書),緯度,経度,高度の種別,高度の値,電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,"
        + "郵便番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能時間特記事項,説明,車椅子可,車椅子貸出,ツエ貸出,バリアフリートイレ,"
        + "スロープ、エレベータ、エスカレータ,点字ブロック等の移動支援,点字や読上による支援,盲導犬・介助犬、聴導犬同伴,字幕,筆談対応,優先駐車場,"
        + "オストメイト対応トイレ,授乳室,おむつ替えコーナー,飲食可否,ベビーカー貸出,ベビーカー利用,URL,画像,画像_ライセンス,備考";

    /** AED設置箇所一覧, current layout (39 columns): 市川市's 122033_108_aed.csv (Shift_JIS). */
    static final String AED = "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英字,所在地_全国地方公共団体コード,町字ID,"
        + "所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,高度の種別,高度の値,設置位置,"
        + "電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,法人番号,団体名,利用可能曜日,開始時間,"
        + "終了時間,利用可能日時特記事項,小児対応設備の有無,URL,画像1,画像1_ライセンス,画像2,画像2_ライセンス,外部利用不可,備考";

    /** 公衆無線LANアクセスポイント一覧, current layout (28 columns): 市川市's 122033_107_public_wireless_lan.csv (one source). */
    static final String WIFI = "全国地方公共団体コード,法人番号,ID,地方公共団体名,名称,名称_カナ,名称_英語,所在地_全国地方公共団体コード,"
        + "町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,設置者,電話番号,"
        + "内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,SSID,提供エリア,URL,備考";

    @Autowired WebApplicationContext context;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void everyDatasetHasTheStandardHeaderBomCrlfAndValidCodes() throws Exception {
        for (Dataset d : Dataset.values()) {
            MvcResult r = mvc.perform(get("/api/v1/facilities.csv").param("dataset", d.parameter())).andExpect(status().isOk()).andReturn();
            assertThat(r.getResponse().getContentType()).startsWith("text/csv");
            assertThat(r.getResponse().getHeader("Content-Disposition")).contains("filename=\"" + d.fileName("131202") + "\"");
            byte[] bytes = r.getResponse().getContentAsByteArray();
            assertThat(Arrays.copyOf(bytes, 3)).as("BOM").containsExactly(0xEF, 0xBB, 0xBF);
            String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\r\n");
            assertThat(text.replace("\r\n", "")).as("only CRLF line ends outside quoted values").doesNotContain("\r");
            String header = text.substring(0, text.indexOf("\r\n"));
            assertThat(header).isEqualTo(String.join(",", d.currentHeader()));
            assertThat(header).startsWith("全国地方公共団体コード,");
            assertThat(d.currentHeader()).contains("ID");
            List<CsvReader.Row> records = CsvReader.parse(text).rows();
            assertThat(records.size()).as(d + " rows").isGreaterThan(1);
            int code = d.currentHeader().indexOf("全国地方公共団体コード");
            int lat = d.currentHeader().indexOf("緯度");
            for (CsvReader.Row rec : records.subList(1, records.size())) {
                assertThat(rec.cells()).hasSize(d.currentHeader().size());
                assertThat(rec.cells().get(code)).isEqualTo("131202");
                assertThat(LocalGovernmentCode.isValid(rec.cells().get(code))).isTrue();
                if (!rec.cells().get(lat).isEmpty()) {
                    assertThat(Double.parseDouble(rec.cells().get(lat))).isBetween(20.0, 46.0);
                }
            }
        }
        assertThat(String.join(",", Dataset.EMERGENCY_SITES.currentHeader())).isEqualTo(EMERGENCY_SITES);
        assertThat(Dataset.EMERGENCY_SITES.currentHeader()).hasSize(39);
        assertThat(String.join(",", Dataset.PUBLIC_FACILITIES.currentHeader())).isEqualTo(PUBLIC_FACILITIES);
        assertThat(Dataset.PUBLIC_FACILITIES.currentHeader()).hasSize(56);
        assertThat(String.join(",", Dataset.AED.currentHeader())).isEqualTo(AED);
        assertThat(Dataset.AED.currentHeader()).hasSize(39);
        assertThat(String.join(",", Dataset.WIFI.currentHeader())).isEqualTo(WIFI);
        assertThat(Dataset.WIFI.currentHeader()).hasSize(28);
    }

    @Test
    void barrierFreeColumnsAreWrittenWithTheWordsRealFilesUseAndEmptyWhenUnknown() throws Exception {
        String text = new String(mvc.perform(get("/api/v1/facilities.csv").param("dataset", "public-facilities"))
            .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        List<CsvReader.Row> records = CsvReader.parse(text.substring(1)).rows();
        List<String> h = Dataset.PUBLIC_FACILITIES.currentHeader();
        for (String column : List.of("バリアフリートイレ", "スロープ、エレベータ、エスカレータ", "点字ブロック等の移動支援", "優先駐車場",
            "オストメイト対応トイレ", "授乳室")) {
            assertThat(records.subList(1, records.size())).extracting(r -> r.cells().get(h.indexOf(column))).as(column)
                .isSubsetOf("有", "無", "");
        }
        assertThat(records.subList(1, records.size())).extracting(r -> r.cells().get(h.indexOf("車椅子可")))
            .isSubsetOf("可", "不可", "").contains("可");
        // columns Machi holds nothing for stay empty
        for (String column : List.of("車椅子貸出", "字幕", "筆談対応", "おむつ替えコーナー", "ベビーカー利用", "外部識別子")) {
            assertThat(records.subList(1, records.size())).extracting(r -> r.cells().get(h.indexOf(column))).as(column).containsOnly("");
        }
    }

    @Test
    void emergencySitesCarryHazardFlagsAsOneOrEmptyAndHoursAsHhMm() throws Exception {
        String text = new String(mvc.perform(get("/api/v1/facilities.csv").param("dataset", "emergency-sites"))
            .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        List<CsvReader.Row> records = CsvReader.parse(text.substring(1)).rows();
        int quake = Dataset.EMERGENCY_SITES.currentHeader().indexOf("災害種別_地震");
        assertThat(records.subList(1, records.size())).extracting(r -> r.cells().get(quake)).containsOnly("1", "");
        assertThat(records.subList(1, records.size())).extracting(r -> r.cells().get(quake)).contains("1");
        String facilities = new String(mvc.perform(get("/api/v1/facilities.csv").param("dataset", "public-facilities"))
            .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(facilities).containsPattern(",火;水;木;金;土;日,09:00,21:30,");
    }

    @Test
    void aMissingOrUnknownDatasetIs400ProblemDetailsNamingTheParameter() throws Exception {
        String missing = mvc.perform(get("/api/v1/facilities.csv")).andExpect(status().isBadRequest()).andReturn()
            .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(missing).contains("\"status\":400").contains("\"parameter\":\"dataset\"").contains("public-facilities");
        MvcResult unknown = mvc.perform(get("/api/v1/facilities.csv").param("dataset", "toilets").header("Accept-Language", "en"))
            .andExpect(status().isBadRequest()).andReturn();
        assertThat(unknown.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(unknown.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"parameter\":\"dataset\"")
            .contains("must be one of");
    }

    @Test
    void theOpenApiDescriptionIsPublicAndDocumentsTheFacilityAndHolidayApis() throws Exception {
        MvcResult r = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn();
        String json = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"openapi\":\"3.").contains("/api/v1/facilities").contains("/api/v1/facilities/{id}")
            .contains("/api/v1/facilities.csv").contains("/api/v1/holidays").contains("public-facilities")
            .doesNotContain("/staff/");
    }
}
