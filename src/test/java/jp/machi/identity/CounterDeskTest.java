package jp.machi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The counter desk: staff find residents however they type the name, register a resident who has no e-mail address,
 * act for them on a My Page that says what can be done, and hand over a claim code with which the resident later
 * takes the account over. The audit log names each of these in words.
 */
@MachiTest
class CounterDeskTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    MockMvc mvc;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    String search(String q) throws Exception {
        return StaffLogin.body(mvc.perform(get("/staff/residents").param("q", q).with(StaffLogin.staff(jdbc))).andExpect(status().isOk()));
    }

    long register(String name, String kana, String phone) throws Exception {
        String location = mvc.perform(post("/staff/residents").with(StaffLogin.staff(jdbc)).with(csrf())
                .param("displayName", name).param("nameKana", kana).param("district", "豊玉北").param("phone", phone)
                .param("language", "ja"))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        Matcher m = Pattern.compile("/staff/residents/(\\d+)\\?registered").matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void residentsAreFoundWhateverSpacesWidthOrKanaStaffType() throws Exception {
        String unique = Long.toString(System.nanoTime() % 100000);
        long id = register("田中 一郎" + unique, "タナカ イチロウ", "03-9876-1234");
        for (String q : new String[] {"田中一郎" + unique, "田中 一郎" + unique, "タナカ", "たなか いちろう", "ﾀﾅｶｲﾁﾛｳ", "９８７６－１２３４"}) {
            assertThat(search(q)).as(q).contains("/staff/residents/" + id + "\"");
        }
        assertThat(search("ネリマハナコ")).contains("練馬 花子");
        assertThat(search("ねりま　はなこ")).contains("練馬 花子");
    }

    @Test
    void aCallerNotYetRegisteredIsRegisteredInTheMiddleOfABookingAndGoesOnToIt() throws Exception {
        String next = "/account/bookings/new?room=1&date=2027-01-09&slot=am";
        // the desk, sent by the reservation calendar, offers registering without losing the booking
        assertThat(StaffLogin.body(mvc.perform(get("/staff/residents").param("next", next).with(StaffLogin.staff(jdbc)))))
            .contains("/staff/residents/new?next=");
        String form = StaffLogin.body(mvc.perform(get("/staff/residents/new").param("next", next).with(StaffLogin.staff(jdbc)))
            .andExpect(status().isOk()));
        assertThat(form).contains("name=\"next\" value=\"" + next.replace("&", "&amp;") + "\"").contains("予約の途中です");
        // a mistake keeps it
        String wrong = StaffLogin.body(mvc.perform(post("/staff/residents").with(StaffLogin.staff(jdbc)).with(csrf())
            .param("displayName", "").param("nameKana", "").param("district", "").param("language", "ja").param("next", next))
            .andExpect(status().isUnprocessableEntity()));
        assertThat(wrong).contains("name=\"next\" value=\"" + next.replace("&", "&amp;") + "\"");
        String location = mvc.perform(post("/staff/residents").with(StaffLogin.staff(jdbc)).with(csrf())
                .param("displayName", "電話 ツヅキ" + System.nanoTime() % 100000).param("nameKana", "デンワ ツヅキ")
                .param("district", "豊玉北").param("phone", "03-3993-2222").param("language", "ja").param("next", next))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/staff/residents/\\d+\\?registered&next=.+");
        String page = StaffLogin.body(mvc.perform(get(java.net.URI.create(location)).with(StaffLogin.staff(jdbc)))
            .andExpect(status().isOk()));
        assertThat(page).contains("登録しました").contains("name=\"next\" value=\"" + next.replace("&", "&amp;") + "\"");
        // anything but a resident page of this site is dropped
        assertThat(StaffLogin.body(mvc.perform(get("/staff/residents/new").param("next", "https://evil.example/account/")
            .with(StaffLogin.staff(jdbc))))).doesNotContain("name=\"next\"").doesNotContain("evil.example");
    }

    @Test
    void aResidentWithoutEmailIsRegisteredActedForAndLaterTakesTheAccountOver() throws Exception {
        // the empty form says what is missing, on the form
        String empty = StaffLogin.body(mvc.perform(post("/staff/residents").with(StaffLogin.staff(jdbc)).with(csrf())
            .param("displayName", "").param("nameKana", "").param("district", "").param("phone", "").param("language", "ja"))
            .andExpect(status().isUnprocessableEntity()));
        assertThat(empty).contains("氏名を入力してください").contains("フリガナを入力してください");

        long id = register("窓口 花代", "マドグチ ハナヨ", "03-3993-1111");
        var row = jdbc.sql("select email, password_hash, registered_at_counter, phone from account where id = ?").param(id)
            .query().singleRow();
        assertThat(row.get("email")).isNull();
        assertThat(row.get("password_hash")).isNull();
        assertThat(row.get("registered_at_counter")).isEqualTo(true);
        String page = StaffLogin.body(mvc.perform(get("/staff/residents/" + id + "?registered").with(StaffLogin.staff(jdbc))));
        assertThat(page).contains("登録しました").contains("なし（窓口で登録）").contains("03-3993-1111").contains("引き継ぎコードを発行する");

        // acting for them: My Page says so, how to reach them, and what can be done for them
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/staff/residents/" + id + "/proxy").session(session).with(StaffLogin.staff(jdbc)).with(csrf()))
            .andExpect(status().is3xxRedirection());
        String landing = StaffLogin.body(mvc.perform(get("/account?acting").session(session).with(StaffLogin.staff(jdbc))));
        assertThat(landing).contains("代理入力中です").contains("窓口 花代").contains("03-3993-1111")
            .contains("メールでは届かない".substring(0, 4)).contains("できること").contains("href=\"/facilities\"")
            .contains("href=\"/reservations\"").contains("href=\"/reports");

        // the claim code, shown once; the resident takes the account over with it
        String codePage = StaffLogin.body(mvc.perform(post("/staff/residents/" + id + "/claim-code").with(StaffLogin.staff(jdbc))
            .with(csrf())).andExpect(status().isOk()));
        Matcher m = Pattern.compile("class=\"code-box\">([a-z0-9-]{14})<").matcher(codePage);
        assertThat(m.find()).isTrue();
        String code = m.group(1);
        String email = "madoguchi." + System.nanoTime() + "@example.jp";
        WebSession resident = new WebSession(port);
        var wrong = resident.post("/claim", "/claim", Map.of("code", "zzzz-zzzz-zzzz", "email", email, "password",
            "my own password 1", "language", "ja"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("引き継ぎコードが違うか");
        var taken = resident.post("/claim", "/claim", Map.of("code", code, "email", "resident@demo.machi.example", "password",
            "my own password 1", "language", "ja"));
        assertThat(taken.body()).contains("このメールアドレスは使えません");
        var ok = resident.post("/claim", "/claim", Map.of("code", " " + code.toUpperCase() + " ", "email", email, "password",
            "my own password 1", "language", "ja"));
        assertThat(ok.headers().firstValue("Location").orElse("")).endsWith("/register/sent");
        MimeMessage mail = TestMailbox.awaitMailTo(email);
        String link = TestMailbox.firstLink(TestMailbox.text(mail));
        resident.get(link.replaceFirst("http://localhost(:\\d+)?", ""));
        assertThat(resident.signIn(email, "my own password 1")).endsWith("/account");
        assertThat(resident.get("/account").body()).contains("窓口 花代").contains(email);
        // the code worked once
        assertThat(new WebSession(port).post("/claim", "/claim", Map.of("code", code, "email", "x" + email, "password",
            "my own password 1", "language", "ja")).statusCode()).isEqualTo(422);

        // the auditor reads what happened in words
        String audit = StaffLogin.body(mvc.perform(get("/audit").param("subject", Long.toString(id))
            .with(StaffLogin.as(jdbc, "auditor@demo.machi.example", "AUDITOR", "STAFF"))));
        assertThat(audit).contains("窓口での区民登録（メールアドレスなし）").contains("引き継ぎコードの発行").contains("代理入力の開始")
            .contains("アカウント番号 " + id).doesNotContain("<code class=\"muted\">identity.");
    }
}
