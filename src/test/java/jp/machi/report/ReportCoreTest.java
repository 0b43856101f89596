package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.PhotoProcessor;
import jp.machi.report.internal.ReportRepository;
import jp.machi.report.internal.ReportService;
import jp.machi.holiday.WorkingDays;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The core's promises: mail in each person's language, one thread across departments, privacy in public, etc. */
@MachiTest
class ReportCoreTest {

    record Staff(long accountId, String displayName, String email, String preferredLanguage, boolean isStaff)
        implements MachiPrincipal {}

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired ReportService service;
    @Autowired ReportRepository reports;
    @Autowired PhotoProcessor photos;
    @Autowired WorkingDays workingDays;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        TestMailbox.start();
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    UsernamePasswordAuthenticationToken staff(String email, String... roles) {
        long id = jdbc.sql("select id from account where email = ?").param(email).query(Long.class).single();
        return UsernamePasswordAuthenticationToken.authenticated(new Staff(id, email, email, "ja", true), null,
            java.util.Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    }

    void signIn(String email, String... roles) {
        SecurityContextHolder.getContext().setAuthentication(staff(email, roles));
    }

    static byte[] white(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    long submit(String category, String email, String language, List<jp.machi.shared.image.ProcessedImage> ph) {
        Map<String, List<String>> answers = "street-light".equals(category) ? Map.of("pole_number", List.of("N-1")) : Map.of();
        return service.submit(new NewReport(category, answers, "試験のレポート " + UUID.randomUUID(), 35.7356, 139.6516,
            "旭丘1丁目", ph, email, language, false, null, null, null), true);
    }

    static String text(MimeMessage m) throws Exception {
        return text((Part) m);
    }

    static String text(Part p) throws Exception {
        Object c = p.getContent();
        if (c instanceof String s) {
            return s;
        }
        if (c instanceof Multipart mp) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                b.append(text(mp.getBodyPart(i)));
            }
            return b.toString();
        }
        return "";
    }

    @Test
    void statusMailReachesReporterAndFollowerInTheirLanguageAndMovingKeepsOneThread() throws Exception {
        String reporter = "reporter-" + UUID.randomUUID() + "@example.com";
        String follower = "follower-" + UUID.randomUUID() + "@example.com";
        long id = submit("street-light", reporter, "en", List.of());
        service.follow(id, null, follower, "ja");
        signIn("admin@demo.machi.example", "STAFF", "DEPT_ADMIN", "SYSTEM_ADMIN");
        service.changeStatus(id, ReportStatus.IN_PROGRESS, null, "現地を見に行きます。");
        service.addUpdate(id, "内部メモ：電話の相手は近所の田中さん", true);
        service.move(id, "kocho-koho", "広報広聴課で扱います");
        SecurityContextHolder.clearContext();

        assertThat(text(TestMailbox.awaitMailTo(reporter))).contains("In progress").contains("/reports/" + id);
        assertThat(text(TestMailbox.awaitMailTo(follower))).contains("対応中").contains("/reports/" + id);

        // One report, one thread: the move is on the same report's record, in order.
        assertThat(reports.find(id).orElseThrow().departmentCode()).isEqualTo("kocho-koho");
        var thread = reports.updates(id, false);
        assertThat(thread).hasSize(3);
        assertThat(thread.getLast().departmentTo()).isEqualTo("kocho-koho");
        assertThat(jdbc.sql("select count(*) from report where description = ?")
            .param(reports.find(id).orElseThrow().description()).query(Long.class).single()).isEqualTo(1);

        // Internal notes never on the public page, nor in Open311's notes.
        String page = mvc.perform(get("/reports/" + id)).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("現地を見に行きます。").doesNotContain("田中").doesNotContain("広報広聴課で扱います");
        String open311 = mvc.perform(get("/open311/v2/requests/" + id + ".json").param("extensions", "true"))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(open311).contains("現地を見に行きます。").doesNotContain("田中").doesNotContain(reporter);
    }

    @Test
    void photosOfUnpublishedReportsAre404ForThePublic() throws Exception {
        long id = submit("street-light", "photo-" + UUID.randomUUID() + "@example.com", "ja",
            List.of(photos.process(white(640, 480))));
        mvc.perform(get("/reports/" + id + "/photos/1")).andExpect(status().isOk());
        signIn("admin@demo.machi.example", "STAFF", "DEPT_ADMIN", "SYSTEM_ADMIN");
        service.setPublished(id, false);
        SecurityContextHolder.clearContext();
        mvc.perform(get("/reports/" + id + "/photos/1")).andExpect(status().isNotFound());
        mvc.perform(get("/reports/" + id + "/photos/1/thumb")).andExpect(status().isNotFound());
        mvc.perform(get("/reports/" + id)).andExpect(status().isNotFound());
        mvc.perform(get("/open311/v2/requests/" + id + ".json")).andExpect(status().isNotFound());
    }

    @Test
    void staffOfAnotherDepartmentCannotSeeOrHandleAReport() throws Exception {
        long id = submit("road", "scope-" + UUID.randomUUID() + "@example.com", "ja", List.of());
        var other = SecurityMockMvcRequestPostProcessors.authentication(staff("staff@demo.machi.example", "STAFF"));
        mvc.perform(get("/staff/reports/" + id).with(other)).andExpect(status().isNotFound());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/staff/reports/" + id + "/status")
                .param("status", "RESOLVED").with(other).with(SecurityMockMvcRequestPostProcessors.csrf()))
            .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(403, 404));
        assertThat(reports.find(id).orElseThrow().status()).isEqualTo(ReportStatus.RECEIVED);
        var admin = SecurityMockMvcRequestPostProcessors.authentication(
            staff("admin@demo.machi.example", "STAFF", "DEPT_ADMIN", "SYSTEM_ADMIN"));
        mvc.perform(get("/staff/reports/" + id).with(admin)).andExpect(status().isOk());
    }

    @Test
    void redactionBlacksOutTheRectangle() throws Exception {
        jp.machi.shared.image.ProcessedImage p = photos.process(white(800, 600));
        jp.machi.shared.image.ProcessedImage r = photos.redact(p.web(), List.of(new jp.machi.shared.image.Rect(100, 100, 200, 100)));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.web()));
        assertThat(brightness(img.getRGB(200, 150))).as("inside").isLessThan(30);
        assertThat(brightness(img.getRGB(105, 105))).as("inside, near the corner").isLessThan(40);
        assertThat(brightness(img.getRGB(50, 50))).as("outside").isGreaterThan(225);
        assertThat(brightness(img.getRGB(400, 300))).as("outside").isGreaterThan(225);
    }

    static int brightness(int rgb) {
        return (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
    }

    @Test
    void workingDayDueDatesSkipWeekendsHolidaysAndTheYearEnd() {
        // Friday 2026-11-20 + 1 working day: Sat, Sun and 勤労感謝の日 (Mon 11-23) are skipped.
        assertThat(workingDays.add(LocalDate.of(2026, 11, 20), 1)).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(workingDays.add(LocalDate.of(2026, 11, 19), 3)).isEqualTo(LocalDate.of(2026, 11, 25));
        // The ward offices' year-end break (12/29–1/3).
        assertThat(workingDays.add(LocalDate.of(2026, 12, 28), 1)).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 11, 24))).isTrue();
    }

    @Test
    void theStatisticsPageHasOneH1ACaptionedTableAndAChartInBothLanguages() throws Exception {
        for (String lang : List.of("ja", "en")) {
            String page = mvc.perform(get("/reports/stats").param("lang", lang)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page.split("<h1").length - 1).isEqualTo(1);
            assertThat(page).contains("<svg").contains("role=\"img\"").contains("<caption").contains("scope=\"row\"");
            assertThat(page).contains(lang.equals("ja") ? "対応済の割合" : "Share resolved");
        }
        assertThat(mvc.perform(get("/reports")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
            .contains("/reports/stats");
    }
}
