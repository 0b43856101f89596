package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jp.machi.facility.internal.opendata.Csv;
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
            assertThat(header).startsWith("全国地方公共団体コード,ID,");
            List<Csv.Record> records = Csv.parse(text).records();
            assertThat(records.size()).as(d + " rows").isGreaterThan(1);
            int code = d.currentHeader().indexOf("全国地方公共団体コード");
            int lat = d.currentHeader().indexOf("緯度");
            for (Csv.Record rec : records.subList(1, records.size())) {
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
        assertThat(Dataset.AED.currentHeader().subList(0, 7))
            .containsExactly("全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード");
    }

    @Test
    void emergencySitesCarryHazardFlagsAsOneOrEmptyAndHoursAsHhMm() throws Exception {
        String text = new String(mvc.perform(get("/api/v1/facilities.csv").param("dataset", "emergency-sites"))
            .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        List<Csv.Record> records = Csv.parse(text.substring(1)).records();
        int quake = Dataset.EMERGENCY_SITES.currentHeader().indexOf("災害種別_地震");
        assertThat(records.subList(1, records.size())).extracting(r -> r.cells().get(quake)).containsOnly("1", "");
        assertThat(records.subList(1, records.size())).extracting(r -> r.cells().get(quake)).contains("1");
        String facilities = new String(mvc.perform(get("/api/v1/facilities.csv").param("dataset", "public-facilities"))
            .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(facilities).containsPattern(",火;水;木;金;土;日,09:00,21:30,");
    }

    @Test
    void aMissingOrUnknownDatasetIs400JsonNamingTheParameter() throws Exception {
        String missing = mvc.perform(get("/api/v1/facilities.csv")).andExpect(status().isBadRequest()).andReturn()
            .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(missing).contains("\"status\":400").contains("\"parameter\":\"dataset\"").contains("public-facilities");
        MvcResult unknown = mvc.perform(get("/api/v1/facilities.csv").param("dataset", "toilets").header("Accept-Language", "en"))
            .andExpect(status().isBadRequest()).andReturn();
        assertThat(unknown.getResponse().getContentType()).startsWith("application/json");
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
