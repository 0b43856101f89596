package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import jp.machi.report.ReportPhotoProcessorTest;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * Facility photos as staff and residents meet them: upload with alt text (metadata gone, upright, resized,
 * thumbnail), refused uploads and alt texts (422, nothing stored), reorder, delete, department scope, audit, the
 * public page and the API.
 */
@MachiTest
class FacilityPhotosTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;
    String id;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        id = "photo-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into facility (id, name_ja, name_en, department_code, lat, lon, address) values (?, ?, 'Photo Test Hall', 'bosai-keikaku', 35.7356, 139.6516, '東京都練馬区豊玉北6-12-1（テスト）')")
            .params(id, "写真テスト会館" + id).update();
    }

    static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    MvcResult upload(byte[] bytes, String altJa, String altEn, int expected) throws Exception {
        return mvc.perform(multipart("/staff/facilities/{id}/photos", id)
                .file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", bytes))
                .param("altJa", altJa).param("altEn", altEn).with(StaffLogin.admin(jdbc)).with(csrf()))
            .andExpect(status().is(expected)).andReturn();
    }

    List<Long> ids() {
        return jdbc.sql("select id from facility_photo where facility_id = ? order by sort_order, id").param(id).query(Long.class).list();
    }

    @Test
    void uploadStripsMetadataTurnsUprightResizesAndShowsWithAltText() throws Exception {
        // a portrait photo stored landscape with EXIF orientation 6 and a GPS position
        byte[] upload = ReportPhotoProcessorTest.withExif(ReportPhotoProcessorTest.image("jpeg", 3200, 1600),
            ReportPhotoProcessorTest.app1(6, 35.7356, 139.6516));
        upload(upload, "正面入口のスロープ", "Ramp at the main entrance", 302);
        long photo = ids().getFirst();

        byte[] web = mvc.perform(get("/facilities/{id}/photos/{p}.jpg", id, photo)).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsByteArray();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(web));
        assertThat(img.getWidth()).isEqualTo(800); // upright: portrait, long side 1,600
        assertThat(img.getHeight()).isEqualTo(1600);
        assertThat(new String(web, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("SN12345");
        byte[] thumb = mvc.perform(get("/facilities/{id}/photos/{p}/thumbnail.jpg", id, photo)).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(thumb)).getHeight()).isEqualTo(320);

        String page = html(mvc.perform(get("/facilities/{id}", id)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("alt=\"正面入口のスロープ\"").contains("/facilities/" + id + "/photos/" + photo + "/thumbnail.jpg");
        String en = html(mvc.perform(get("/facilities/{id}", id).param("lang", "en")).andReturn());
        assertThat(en).contains("alt=\"Ramp at the main entrance\"");
        String api = mvc.perform(get("/api/v1/facilities/{id}", id).header("Accept-Language", "en")).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
        assertThat(api).contains("\"alt\":\"Ramp at the main entrance\"").contains("/facilities/" + id + "/photos/" + photo + ".jpg");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'facility.photo.create' and subject = ?")
            .param("facility:" + id + "/photo:" + photo).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badUploadsAndAltTextsAreRefusedAndStoreNothing() throws Exception {
        byte[] jpeg = ReportPhotoProcessorTest.image("jpeg", 400, 300);
        String noAlt = html(upload(jpeg, "", "Entrance", 422));
        assertThat(noAlt).contains("代替テキスト（日本語）を入力してください。").contains("href=\"#altJa\"");
        String noEn = html(upload(jpeg, "入口", " ", 422));
        assertThat(noEn).contains("代替テキスト（英語）を入力してください。");
        byte[] script = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        assertThat(html(upload(script, "入口", "Entrance", 422))).contains("JPEG または PNG の画像ファイルを選んでください");
        byte[] fakeJpeg = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5};
        upload(fakeJpeg, "入口", "Entrance", 422);
        
        String longAlt = html(upload(jpeg, "あ".repeat(201), "Entrance", 422));
        assertThat(longAlt).contains("200文字以内");
        assertThat(ids()).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_entry where subject like ?").param("facility:" + id + "/photo:%")
            .query(Long.class).single()).isZero();
    }

    @Test
    void staffReorderDescribeAndDeleteWithinTheirDepartmentsOnly() throws Exception {
        byte[] png = ReportPhotoProcessorTest.image("png", 600, 400);
        upload(png, "一枚目", "First", 302);
        upload(png, "二枚目", "Second", 302);
        upload(png, "三枚目", "Third", 302);
        List<Long> before = ids();
        assertThat(before).hasSize(3);

        mvc.perform(post("/staff/facilities/{id}/photos/{p}/move", id, before.get(2)).param("direction", "up")
            .with(StaffLogin.admin(jdbc)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(ids()).containsExactly(before.get(0), before.get(2), before.get(1));
        String page = html(mvc.perform(get("/facilities/{id}", id)).andReturn());
        assertThat(page.indexOf("三枚目")).isLessThan(page.indexOf("二枚目"));

        mvc.perform(post("/staff/facilities/{id}/photos/{p}", id, before.get(0)).param("altJa", "").param("altEn", "x")
            .with(StaffLogin.admin(jdbc)).with(csrf())).andExpect(status().isUnprocessableEntity());
        mvc.perform(post("/staff/facilities/{id}/photos/{p}", id, before.get(0)).param("altJa", "玄関ホール")
            .param("altEn", "Entrance hall").with(StaffLogin.admin(jdbc)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select alt_en from facility_photo where id = ?").param(before.get(0)).query(String.class).single())
            .isEqualTo("Entrance hall");

        // staff of another department: 404 for the page and every action, nothing changes
        mvc.perform(get("/staff/facilities/{id}/photos", id).with(StaffLogin.staff(jdbc))).andExpect(status().isNotFound());
        mvc.perform(post("/staff/facilities/{id}/photos/{p}/delete", id, before.get(1)).with(StaffLogin.staff(jdbc)).with(csrf()))
            .andExpect(status().isNotFound());
        // without the CSRF token nothing happens either
        mvc.perform(post("/staff/facilities/{id}/photos/{p}/delete", id, before.get(1)).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isForbidden());
        assertThat(ids()).hasSize(3);

        mvc.perform(post("/staff/facilities/{id}/photos/{p}/delete", id, before.get(1)).with(StaffLogin.admin(jdbc)).with(csrf()))
            .andExpect(status().is3xxRedirection());
        assertThat(ids()).containsExactly(before.get(0), before.get(2));
        mvc.perform(get("/facilities/{id}/photos/{p}.jpg", id, before.get(1))).andExpect(status().isNotFound());
        // a photo is only served under its own facility
        mvc.perform(get("/facilities/{id}/photos/{p}.jpg", "other-" + id, before.get(0))).andExpect(status().isNotFound());

        List<String> actions = jdbc.sql("select action from audit_entry where subject like ? order by id")
            .param("facility:" + id + "/photo:%").query(String.class).list();
        assertThat(actions).containsExactly("facility.photo.create", "facility.photo.create", "facility.photo.create",
            "facility.photo.reorder", "facility.photo.update", "facility.photo.delete");
        String staffPage = html(mvc.perform(get("/staff/facilities/{id}/photos", id).with(StaffLogin.admin(jdbc))).andReturn());
        assertThat(staffPage).contains("alt=\"玄関ホール\"").contains("name=\"_csrf\"");
    }
}
