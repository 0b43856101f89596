package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Public pages and the JSON API: happy path and bad input (nothing stored). */
@MachiTest
class ReportHttpTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    long reports() {
        return jdbc.sql("select count(*) from report").query(Long.class).single();
    }

    @Test
    void thePublicListShowsTheDemoReportsInJapaneseAndEnglish() throws Exception {
        String ja = mvc.perform(get("/reports")).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
        assertThat(ja).contains("まちレポ").contains("旭丘2丁目").contains("report-status--resolved").contains("対応済");
        String en = mvc.perform(get("/reports").param("lang", "en")).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Reported problems");
        mvc.perform(get("/reports/new")).andExpect(status().isOk());
        mvc.perform(get("/reports/new/street-light")).andExpect(status().isOk());
        mvc.perform(get("/reports/999999999")).andExpect(status().isNotFound());
    }

    @Test
    void theApiStoresAReportWithAPhotoAndAnswers201() throws Exception {
        byte[] jpeg = ReportPhotoProcessorTest.image("jpeg", 800, 600);
        String body = mvc.perform(multipart("/api/v1/reports")
                .file(new MockMultipartFile("photo", "light.jpg", "image/jpeg", jpeg))
                .param("serviceCode", "street-light").param("lat", "35.7356").param("lon", "139.6516")
                .param("description", "街路灯が消えています").param("attribute[pole_number]", "練馬123")
                .param("attribute[lamp_state]", "off")
                .header("Authorization", "Bearer demo-resident-token"))
            .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("\"id\":").contains("/photos/1").contains("\"status\":\"RECEIVED\"");
    }

    @Test
    void badInputIs400NamingTheFieldAndStoresNothing() throws Exception {
        String mail = "api-" + UUID.randomUUID() + "@example.com";
        long before = reports();
        expect400("lat", "serviceCode", "road", "lat", "35.60", "lon", "139.70", "description", "x", "email", mail);
        expect400("attribute[pole_number]", "serviceCode", "street-light", "lat", "35.7356", "lon", "139.6516",
            "description", "x", "email", mail);
        expect400("description", "serviceCode", "road", "lat", "35.7356", "lon", "139.6516", "description",
            "あ".repeat(4001), "email", mail);
        expect400("serviceCode", "serviceCode", "no-such", "lat", "35.7356", "lon", "139.6516", "description", "x",
            "email", mail);
        String script = mvc.perform(multipart("/api/v1/reports")
                .file(new MockMultipartFile("photo", "x.jpg", "image/jpeg", "#!/bin/sh\necho hi".getBytes()))
                .param("serviceCode", "road").param("lat", "35.7356").param("lon", "139.6516").param("description", "x")
                .param("email", mail).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
            .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(script).contains("\"parameter\":\"photo\"");
        assertThat(reports()).isEqualTo(before);
    }

    void expect400(String parameter, String... params) throws Exception {
        var req = multipart("/api/v1/reports").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf());
        for (int i = 0; i < params.length; i += 2) {
            req.param(params[i], params[i + 1]);
        }
        String body = mvc.perform(req).andExpect(status().isBadRequest()).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("\"parameter\":\"" + parameter + "\"").contains("\"code\":\"bad-request\"");
    }
}
