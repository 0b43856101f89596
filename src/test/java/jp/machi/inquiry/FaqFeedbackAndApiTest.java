package jp.machi.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import jp.machi.inquiry.internal.FeedbackRepository;
import jp.machi.inquiry.internal.SearchVisits;
import jp.machi.shared.time.MachiClock;
import java.util.Set;
import jp.machi.inquiry.internal.FaqReviewReminder;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * "Did this answer your question?", the self-resolution statistics, GET /api/v1/faq/{id}, the review reminder to the
 * department, and the personal data of inquiries.
 */
@MachiTest
class FaqFeedbackAndApiTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired FaqReviewReminder reminder;
    @Autowired java.util.List<PersonalData> personalData;
    MockMvc mvc;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void mail() {
        TestMailbox.start();
    }

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    long faq(String question) {
        return jdbc.sql("select id from inquiry_faq where question_ja = ?").param(question).query(Long.class).single();
    }

    long feedback(long faq, boolean resolved) {
        return jdbc.sql("select count(*) from inquiry_feedback where faq_id = ? and resolved = ?").params(faq, resolved)
            .query(Long.class).single();
    }

    @Test
    void everyAnswerAsksAndTheRateIsShownToStaffAsChartAndTable() throws Exception {
        long id = faq("印鑑登録をしたい");
        String page = StaffLogin.body(mvc.perform(get("/faq/" + id)).andExpect(status().isOk()));
        assertThat(page).contains("この答えで解決しましたか").contains("デモ用の内容です").contains("03-5555-0107");
        long yes = feedback(id, true);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/faq/" + id + "/feedback").session(session).with(csrf()).param("resolved", "yes"))
            .andExpect(status().is3xxRedirection());
        // one answer per visit: a second click is not counted again
        mvc.perform(post("/faq/" + id + "/feedback").session(session).with(csrf()).param("resolved", "yes"))
            .andExpect(status().is3xxRedirection());
        assertThat(feedback(id, true)).isEqualTo(yes + 1);
        mvc.perform(post("/faq/" + id + "/feedback").with(csrf()).param("resolved", "no")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/faq/" + id + "/feedback").with(csrf()).param("resolved", "maybe")).andExpect(status().isBadRequest());
        mvc.perform(post("/inquiries/resolved").with(csrf()).param("faq", Long.toString(id))).andExpect(status().is3xxRedirection());
        String stats = StaffLogin.body(mvc.perform(get("/staff/faq/stats").with(StaffLogin.staff(jdbc))).andExpect(status().isOk()));
        assertThat(stats).contains("<svg").contains("role=\"img\"").contains("印鑑登録をしたい").contains("戸籍・住民票・マイナンバー")
            .contains(LocalDate.now().toString().substring(0, 7)).doesNotContain("style=");
        assertThat(mvc.perform(get("/staff/faq/stats")).andReturn().getResponse().getStatus()).isIn(302, 401);
        mvc.perform(get("/faq/999999999")).andExpect(status().isNotFound());
        mvc.perform(get("/faq/abc")).andExpect(status().isNotFound());
        assertThat(StaffLogin.body(mvc.perform(get("/faq").param("category", "garbage")).andExpect(status().isOk())))
            .contains("粗大ごみの出し方");
    }

    @Autowired FeedbackRepository stats;
    @Autowired SearchVisits visits;

    /** The statistics as they will be once every visit made so far has passed its window. */
    record Seen(FeedbackRepository.Figures month, FeedbackRepository.Figures faq, FeedbackRepository.Figures category) {}

    Seen seen(long faq, String category, Instant at) {
        LocalDate today = LocalDate.now(MachiClock.ZONE);
        FeedbackRepository.Figures none = new FeedbackRepository.Figures("-", 0, 0);
        return new Seen(stats.byMonth(today, 1, at).getFirst(),
            stats.byFaq(10_000, at).stream().filter(f -> f.key().equals(Long.toString(faq))).findFirst().orElse(none),
            stats.byCategory(at).stream().filter(f -> f.key().equals(category)).findFirst().orElse(none));
    }

    @Test
    void aSiteSearchNotFollowedByAnInquiryIsSelfResolvedAndOneFollowedByAnInquiryIsNot() throws Exception {
        long id = faq("粗大ごみの出し方");
        Instant later = Instant.now().plus(visits.window()).plusSeconds(120);
        Seen before = seen(id, "garbage", later);
        Seen beforeNow = seen(id, "garbage", Instant.now());

        // a resident searches from the header's box, opens the answer, and sends nothing
        MockHttpSession first = new MockHttpSession();
        mvc.perform(get("/search").param("q", "粗大ゴミの出し方").session(first)).andExpect(status().isOk());
        mvc.perform(get("/search").param("q", "粗大ゴミ 料金").session(first)).andExpect(status().isOk());
        mvc.perform(get("/faq/" + id).session(first)).andExpect(status().isOk());
        // nothing stored names the person or the words
        assertThat(jdbc.sql("""
                select count(*) from information_schema.columns where table_name = 'inquiry_search_visit'
                and column_name ~ '(query|text|account|email|address|session)'""").query(Long.class).single()).isZero();
        // inside the window it is not counted yet ...
        assertThat(seen(id, "garbage", Instant.now()).month().searchesResolved()).isEqualTo(beforeNow.month().searchesResolved());
        // ... once the window has passed without an inquiry, it is one self-resolved search (two searches, one visit)
        Seen afterFirst = seen(id, "garbage", later);
        assertThat(afterFirst.month().searchesResolved()).isEqualTo(before.month().searchesResolved() + 1);
        assertThat(afterFirst.month().resolved()).isEqualTo(before.month().resolved() + 1);
        assertThat(afterFirst.faq().searchesResolved()).isEqualTo(before.faq().searchesResolved() + 1);
        assertThat(afterFirst.faq().resolved()).isEqualTo(before.faq().resolved() + 1);
        assertThat(afterFirst.category().searchesResolved()).isEqualTo(before.category().searchesResolved() + 1);

        // another searches, opens the answer, then sends an inquiry from the same browser: not self-resolved
        MockHttpSession second = new MockHttpSession();
        mvc.perform(get("/search").param("q", "粗大ゴミの出し方").session(second)).andExpect(status().isOk());
        mvc.perform(get("/faq/" + id).session(second)).andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/inquiries").session(second)
                .param("text", "粗大ごみの申込みがうまくいきません").param("department", "seiso-recycle")
                .param("email", "search-" + System.nanoTime() + "@example.com").with(csrf()))
            .andExpect(status().is3xxRedirection());
        Seen afterSecond = seen(id, "garbage", later);
        assertThat(afterSecond.month().searchesResolved()).isEqualTo(afterFirst.month().searchesResolved());
        assertThat(afterSecond.month().searchesToInquiry()).isEqualTo(afterFirst.month().searchesToInquiry() + 1);
        // the inquiry counts once as not resolved for the month, and for the answer and category the search led to
        assertThat(afterSecond.month().resolved()).isEqualTo(afterFirst.month().resolved());
        assertThat(afterSecond.month().unresolved()).isEqualTo(afterFirst.month().unresolved() + 1);
        assertThat(afterSecond.faq().searchesResolved()).isEqualTo(afterFirst.faq().searchesResolved());
        assertThat(afterSecond.faq().searchesToInquiry()).isEqualTo(afterFirst.faq().searchesToInquiry() + 1);
        assertThat(afterSecond.faq().unresolved()).isEqualTo(afterFirst.faq().unresolved() + 1);
        assertThat(afterSecond.category().searchesToInquiry()).isEqualTo(afterFirst.category().searchesToInquiry() + 1);

        // staff see the search columns in the chart's table, by category and by FAQ
        String page = StaffLogin.body(mvc.perform(get("/staff/faq/stats").with(StaffLogin.staff(jdbc))).andExpect(status().isOk()));
        assertThat(page).contains("検索のあと問い合わせなし").contains("検索のあと問い合わせあり").contains("30分");
        String en = StaffLogin.body(mvc.perform(get("/staff/faq/stats").param("lang", "en").with(StaffLogin.staff(jdbc)))
            .andExpect(status().isOk()));
        assertThat(en).contains("Searches with no inquiry after").contains("Searches followed by an inquiry");
    }

    @Test
    void theApiAnswersOneEntryInJapaneseOrEnglishAndProblemsOtherwise() throws Exception {
        long id = faq("粗大ごみの出し方");
        JsonNode ja = json.readTree(StaffLogin.body(mvc.perform(get("/api/v1/faq/" + id)).andExpect(status().isOk())));
        assertThat(ja.get("question").asText()).isEqualTo("粗大ごみの出し方");
        assertThat(ja.get("department").asText()).isEqualTo("seiso-recycle");
        assertThat(ja.get("category").asText()).isEqualTo("garbage");
        assertThat(ja.get("url").asText()).isEqualTo("/faq/" + id);
        JsonNode en = json.readTree(StaffLogin.body(mvc.perform(get("/api/v1/faq/" + id).param("lang", "en"))));
        assertThat(en.get("question").asText()).startsWith("How do I put out large items");
        for (String[] bad : new String[][] {{"/api/v1/faq/abc", "id", "400"}, {"/api/v1/faq/" + id + "?lang=fr", "lang", "400"},
            {"/api/v1/faq/999999999", "id", "404"}}) {
            var r = mvc.perform(get(bad[0])).andReturn().getResponse();
            assertThat(r.getStatus()).as(bad[0]).isEqualTo(Integer.parseInt(bad[2]));
            assertThat(r.getContentType()).startsWith("application/problem+json");
            assertThat(json.readTree(r.getContentAsString()).get("parameter").asText()).isEqualTo(bad[1]);
        }
        long staffOnly = jdbc.sql("select min(id) from inquiry_faq where staff_only and status = 'PUBLISHED'").query(Long.class).single();
        mvc.perform(get("/api/v1/faq/" + staffOnly)).andExpect(status().isNotFound());
        mvc.perform(get("/faq/" + staffOnly)).andExpect(status().isNotFound());
        mvc.perform(get("/faq/" + staffOnly).with(StaffLogin.staff(jdbc))).andExpect(status().isOk());
        String openapi = StaffLogin.body(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()));
        assertThat(openapi).contains("/api/v1/search").contains("/api/v1/faq/{id}");
    }

    @Test
    void theDepartmentIsToldOnceWhenAnEntryPassesItsReviewDate() throws Exception {
        // the demo holds entries past their review date (of 戸籍住民課, 税務課, 清掃リサイクル課)
        reminder.run();
        var mail = TestMailbox.awaitMailContaining("zeimu@demo.machi.example", TestMailbox.DEFAULT_TIMEOUT, "見直し日");
        assertThat(TestMailbox.text(mail)).contains("住民税を口座振替にしたい").contains("/staff/faq/");
        int before = TestMailbox.mailsTo("zeimu@demo.machi.example").size();
        assertThat(reminder.run()).isZero();
        assertThat(TestMailbox.mailsTo("zeimu@demo.machi.example")).hasSize(before);
        assertThat(StaffLogin.body(mvc.perform(get("/staff/faq").param("review", "due").with(StaffLogin.admin(jdbc)))))
            .contains("住民税を口座振替にしたい").contains("見直しが必要");
    }

    @Test
    void aPersonsInquiriesAreExportedAndErased() throws Exception {
        String mail = "pd-" + System.nanoTime() + "@example.com";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/inquiries")
                .param("text", "個人データの試験です").param("department", "kocho-koho").param("email", mail)
                .param("name", "試験 花子").with(csrf()))
            .andExpect(status().is3xxRedirection());
        PersonalData part = personalData.stream().filter(p -> p.name().equals("inquiry.inquiries")).findFirst().orElseThrow();
        DataSubject person = new DataSubject(-1, Set.of(mail.toUpperCase()), "試験 花子");
        assertThat(String.valueOf(part.export(person))).contains("個人データの試験です").contains("試験 花子");
        part.erase(person);
        part.erase(person);
        assertThat(String.valueOf(part.export(person))).isEqualTo("[]");
        assertThat(jdbc.sql("select count(*) from inquiry where contact_email = ?").param(mail).query(Long.class).single()).isZero();
    }
}
