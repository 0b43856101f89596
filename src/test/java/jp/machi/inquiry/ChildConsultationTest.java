package jp.machi.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * 子どもの相談: no account and no personal data asked, a secret link shown once (only its hash is stored), answered
 * by the designated department's staff only, emergency numbers on the page, never cached.
 */
@MachiTest
class ChildConsultationTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    @Test
    void aChildWritesGetsTheLinkOnceAndReadsTheAnswerThere() throws Exception {
        String start = StaffLogin.body(mvc.perform(get("/children")).andExpect(status().isOk()));
        assertThat(start).contains("110").contains("119").contains("0120-0-78310").contains("189").contains("デモの番号")
            .doesNotContain("name=\"email\"").doesNotContain("name=\"name\"");
        String word = "しくしく" + System.nanoTime() % 100000;
        MockHttpSession session = new MockHttpSession();
        var sent = mvc.perform(post("/children").session(session).with(csrf()).param("text", word + "、学校に行きたくない"))
            .andExpect(status().is3xxRedirection()).andReturn();
        var flash = sent.getFlashMap();
        String token = (String) flash.get("token");
        assertThat(token).matches("[A-Za-z0-9_-]{32}");
        // only the hash is kept
        assertThat(jdbc.sql("select count(*) from inquiry_child_thread where token_hash = ?").param(token)
            .query(Long.class).single()).isZero();
        String shown = StaffLogin.body(mvc.perform(get("/children/started").flashAttrs(flash)).andExpect(status().isOk()));
        assertThat(shown).contains("/children/t/" + token);
        // shown once: without the flash the page sends the child back to the start
        mvc.perform(get("/children/started")).andExpect(status().is3xxRedirection());
        var thread = mvc.perform(get("/children/t/" + token)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(thread.getHeader("Cache-Control")).contains("no-store");
        assertThat(thread.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains(word);
        mvc.perform(get("/children/t/" + "x".repeat(32))).andExpect(status().isNotFound());

        long id = jdbc.sql("select thread_id from inquiry_child_message where body like ?").param(word + "%")
            .query(Long.class).single();
        // 広聴広報課 is not designated; the admin (all departments) is
        mvc.perform(get("/staff/children/" + id).with(StaffLogin.staff(jdbc))).andExpect(status().isForbidden());
        assertThat(StaffLogin.body(mvc.perform(get("/staff/children").with(StaffLogin.staff(jdbc))).andExpect(status().isOk())))
            .contains("子育て支援課");
        var admin = StaffLogin.admin(jdbc);
        assertThat(StaffLogin.body(mvc.perform(get("/staff/children/" + id).with(admin)).andExpect(status().isOk())))
            .contains(word);
        mvc.perform(post("/staff/children/" + id + "/reply").with(admin).with(csrf()).param("text", "書いてくれてありがとう"))
            .andExpect(status().is3xxRedirection());
        assertThat(StaffLogin.body(mvc.perform(get("/children/t/" + token)))).contains("書いてくれてありがとう");
        mvc.perform(post("/children/t/" + token).with(csrf()).param("text", "またかきます")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select waiting from inquiry_child_thread where id = ?").param(id).query(Boolean.class).single())
            .isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'inquiry.child.read' and subject = ?")
            .param("child-thread:" + id).query(Long.class).single()).isPositive();
    }

    @Test
    void emptyOrTooLongTextIsRefusedKindly() throws Exception {
        assertThat(StaffLogin.body(mvc.perform(post("/children").with(csrf()).param("text", " "))
            .andExpect(status().isBadRequest()))).contains("こまっていることを書いてください");
        mvc.perform(post("/children").with(csrf()).param("text", "あ".repeat(2001))).andExpect(status().isBadRequest());
        assertThat(StaffLogin.body(mvc.perform(post("/children").with(csrf()).param("text", "").param("lang", "en"))
            .andExpect(status().isBadRequest()))).contains("Write what is troubling you.");
    }
}
