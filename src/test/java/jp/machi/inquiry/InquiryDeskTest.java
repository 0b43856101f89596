package jp.machi.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.inquiry.internal.DepartmentRouter;
import jp.machi.search.SearchQuery;
import jp.machi.search.SiteSearch;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/**
 * The inquiry desk end to end over HTTP: matching FAQ first, the department proposed from the words, a reply
 * address, mail, one transfer the resident does not notice, the reply by mail, the answer made an FAQ and found by
 * the search; attachments checked by content; bad input; staff scope and audit.
 */
@MachiTest
class InquiryDeskTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired SiteSearch search;
    @Autowired DepartmentRouter router;
    MockMvc mvc;

    @BeforeAll
    static void mail() {
        TestMailbox.start();
    }

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        search.refresh();
    }

    static String body(ResultActions r) throws Exception {
        return StaffLogin.body(r);
    }

    long inquiries() {
        return jdbc.sql("select count(*) from inquiry").query(Long.class).single();
    }

    @Test
    void theDeskShowsMatchingFaqAndProposesTheDepartmentFromTheWords() throws Exception {
        String page = body(mvc.perform(post("/inquiries/new").with(csrf())
            .param("text", "粗大ごみを出したいのですが、どうすればいいですか")).andExpect(status().isOk()));
        assertThat(page).contains("粗大ごみの出し方").contains("これで解決しました")
            .contains("「環境部 清掃リサイクル課」を提案しています");
        assertThat(router.propose("子どもの予防接種の予診票をなくしました").getFirst().department()).isEqualTo("hoken-yobo");
        assertThat(router.propose("住民税の納付書が届きません").getFirst().department()).isEqualTo("zeimu");
        assertThat(router.propose("保育園に入れたい").getFirst().department()).isEqualTo("hoiku");
    }

    @Test
    void anInquiryReachesTheDepartmentIsTransferredOnceAndItsAnswerBecomesAnFaq() throws Exception {
        String mail = "desk-" + UUID.randomUUID() + "@example.com";
        String word = "もちもち" + System.nanoTime() % 100000;
        String text = "家の前の集積所に" + word + "が毎週捨てられていて困っています。どこに相談すればよいですか。";
        // sent to the wrong department on purpose (広聴広報課), with a photo and a PDF
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        mvc.perform(multipart("/inquiries").file(new MockMultipartFile("file", "../../etc/memo.pdf", "text/plain", pdf))
                .file(new MockMultipartFile("file", "photo.png", "image/png", png()))
                .param("text", text).param("department", "kocho-koho").param("email", mail).param("name", "試験 太郎")
                .with(csrf()))
            .andExpect(status().is3xxRedirection());
        long id = jdbc.sql("select id from inquiry where contact_email = ?").param(mail).query(Long.class).single();
        assertThat(jdbc.sql("select content_type from inquiry_attachment where inquiry_id = ? order by id").param(id)
            .query(String.class).list()).containsExactly("application/pdf", "image/jpeg");
        assertThat(jdbc.sql("select filename from inquiry_attachment where inquiry_id = ? order by id").param(id)
            .query(String.class).list()).containsExactly("memo.pdf", "photo.jpg");

        // the resident gets the thread link by mail
        MimeMessage received = TestMailbox.awaitMailTo(mail);
        String link = TestMailbox.firstLink(TestMailbox.text(received));
        assertThat(TestMailbox.text(received)).contains("受付番号：" + id);
        String path = link.substring(link.indexOf("/inquiries/t/"));
        assertThat(body(mvc.perform(get(path)).andExpect(status().isOk()))).contains(word).contains("広聴広報課");

        // 広聴広報課 (the demo staff member) sees it and transfers it to 清掃リサイクル課
        var staff = StaffLogin.staff(jdbc);
        assertThat(body(mvc.perform(get("/staff/inquiries").with(staff)).andExpect(status().isOk()))).contains(word);
        String thread = body(mvc.perform(get("/staff/inquiries/" + id).with(staff)).andExpect(status().isOk()));
        assertThat(thread).contains(word).contains(mail).contains("memo.pdf");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'inquiry.read' and subject = ?")
            .param("inquiry:" + id).query(Long.class).single()).isPositive();
        mvc.perform(post("/staff/inquiries/" + id + "/transfer").with(staff).with(csrf())
                .param("department", "seiso-recycle").param("reason", "ごみの集積所の件"))
            .andExpect(status().is3xxRedirection());
        // the staff of 広聴広報課 no longer see it; 清掃リサイクル課 (admin sees all) has it in its queue
        assertThat(body(mvc.perform(get("/staff/inquiries").with(staff)))).doesNotContain(word);
        mvc.perform(get("/staff/inquiries/" + id).with(staff)).andExpect(status().isForbidden());
        var admin = StaffLogin.admin(jdbc);
        assertThat(body(mvc.perform(get("/staff/inquiries").param("department", "seiso-recycle").with(admin)))).contains(word);

        // the resident's thread is the same one: no transfer shown, nothing to do again, no extra mail
        String residentView = body(mvc.perform(get(path)).andExpect(status().isOk()));
        assertThat(residentView).contains(word).doesNotContain("ごみの集積所の件").doesNotContain("回付");
        assertThat(TestMailbox.mailsTo(mail)).hasSize(1); // only the receipt: the transfer sends nothing

        // 清掃リサイクル課 replies: by mail, and on the resident's page
        mvc.perform(post("/staff/inquiries/" + id + "/reply").with(admin).with(csrf())
                .param("text", "集積所の看板を替え、見回りを増やします。"))
            .andExpect(status().is3xxRedirection());
        MimeMessage reply = TestMailbox.awaitMailContaining(mail, TestMailbox.DEFAULT_TIMEOUT, "看板を替え");
        assertThat(TestMailbox.text(reply)).contains("清掃リサイクル課");
        assertThat(body(mvc.perform(get(path)))).contains("看板を替え").contains("清掃リサイクル課");

        // the routing was learnt: a similar text is now proposed to 清掃リサイクル課
        assertThat(router.propose(word + "が捨てられて困る").getFirst().department()).isEqualTo("seiso-recycle");

        // "make this answer an FAQ": a draft for review, published only with the confirmation, then found
        var made = mvc.perform(post("/staff/inquiries/" + id + "/faq").with(admin).with(csrf()).param("category", "garbage"))
            .andExpect(status().is3xxRedirection()).andReturn();
        String faqPath = made.getResponse().getRedirectedUrl();
        long faqId = Long.parseLong(faqPath.substring(faqPath.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select status from inquiry_faq where id = ?").param(faqId).query(String.class).single())
            .isEqualTo("DRAFT");
        assertThat(search.search(new SearchQuery(word, "faq", Locale.JAPANESE, false, 0, 3)).hits()).isEmpty();
        mvc.perform(post(faqPath).with(admin).with(csrf())
                .param("questionJa", "集積所に" + word + "が捨てられるとき").param("answerJa", "清掃事務所に連絡してください。看板と見回りで対応します。")
                .param("category", "garbage").param("department", "seiso-recycle").param("visibility", "public")
                .param("reviewOn", "2099-01-01"))
            .andExpect(status().is3xxRedirection());
        mvc.perform(post(faqPath + "/publish").with(admin).with(csrf())).andExpect(status().isBadRequest());
        mvc.perform(post(faqPath + "/publish").with(admin).with(csrf()).param("confirmed", "yes"))
            .andExpect(status().is3xxRedirection());
        var hits = search.search(new SearchQuery(word, "faq", Locale.JAPANESE, false, 0, 3)).hits();
        assertThat(hits).hasSize(1);
        assertThat(hits.getFirst().url()).isEqualTo("/faq/" + faqId);
        assertThat(body(mvc.perform(get("/faq/" + faqId)).andExpect(status().isOk()))).contains("この答えで解決しましたか");
    }

    @Test
    void aSignedInResidentFollowsTheThreadOnMyPageAndWritesAgain() throws Exception {
        var resident = Residents.demoResident(jdbc);
        String word = "ふわふわ" + System.nanoTime() % 100000;
        mvc.perform(multipart("/inquiries").param("text", word + "について教えてください").param("department", "kyodo-suishin")
                .with(resident).with(csrf()))
            .andExpect(status().is3xxRedirection());
        long id = jdbc.sql("""
                select i.id from inquiry i join inquiry_message m on m.inquiry_id = i.id where m.body like ?""")
            .param(word + "%").query(Long.class).single();
        assertThat(body(mvc.perform(get("/account/inquiries").with(resident)).andExpect(status().isOk())))
            .contains("No. " + id);
        mvc.perform(multipart("/account/inquiries/" + id).param("text", "追加です" + word).with(resident).with(csrf()))
            .andExpect(status().is3xxRedirection());
        assertThat(body(mvc.perform(get("/account/inquiries/" + id).with(resident)))).contains("追加です" + word);
        // another person's inquiry is not there
        long other = jdbc.sql("select id from inquiry where resident_account_id is null order by id limit 1").query(Long.class).single();
        mvc.perform(get("/account/inquiries/" + other).with(resident)).andExpect(status().isNotFound());
        assertThat(body(mvc.perform(get("/account").with(resident)))).contains("お問い合わせの一覧");
    }

    @Test
    void aReplyToASignedInResidentIsAPersonalNoticeInTheInboxAndByMailWithItsReasonAndHowToStopIt() throws Exception {
        var resident = Residents.demoResident(jdbc);
        long account = Residents.demoResidentId(jdbc);
        String word = "ぽかぽか" + System.nanoTime() % 100000;
        mvc.perform(multipart("/inquiries").param("text", word + "の手続きを教えてください").param("department", "kocho-koho")
                .with(resident).with(csrf()))
            .andExpect(status().is3xxRedirection());
        long id = jdbc.sql("""
                select i.id from inquiry i join inquiry_message m on m.inquiry_id = i.id where m.body like ?""")
            .param(word + "%").query(Long.class).single();
        String answer = "窓口で受け付けます。" + word + "の用紙をお持ちください。";
        mvc.perform(post("/staff/inquiries/" + id + "/reply").with(StaffLogin.admin(jdbc)).with(csrf()).param("text", answer))
            .andExpect(status().is3xxRedirection());

        // one personal notice of the notification hub, in the resident's inbox
        long notice = jdbc.sql("select id from notification_personal where account_id = ? and type_code = 'inquiry.reply' and body like ?")
            .params(account, "%" + answer + "%").query(Long.class).single();
        String inbox = body(mvc.perform(get("/account/notifications").with(resident)).andExpect(status().isOk()));
        assertThat(inbox).contains("お問い合わせへのお返事（受付番号 " + id + "）");
        String item = body(mvc.perform(get("/account/notifications/personal/" + notice).with(resident)).andExpect(status().isOk()));
        assertThat(item).contains(answer).contains("このお知らせを受け取った理由:")
            .contains("区へのお問い合わせ（受付番号 " + id + "）をログインして送られたため").contains("受け取り方を変える・止める");

        // and by mail from the hub, with the reason, the link to the thread and the way to stop it: once, not also
        // the desk's own reply mail
        MimeMessage mail = TestMailbox.awaitMailContaining("resident@demo.machi.example", TestMailbox.DEFAULT_TIMEOUT, answer);
        assertThat(mail.getSubject()).isEqualTo("お問い合わせへのお返事（受付番号 " + id + "）");
        assertThat(TestMailbox.text(mail)).contains("/account/inquiries/" + id).contains("このお知らせを受け取った理由:")
            .contains("この種類のお知らせを止める:");
        assertThat(mail.getHeader("List-Unsubscribe", null)).contains("/api/v1/notification/unsubscribe/");
        Thread.sleep(2000);
        assertThat(TestMailbox.mailsTo("resident@demo.machi.example").stream()
            .filter(m -> TestMailbox.text(m).contains(answer)).count()).isEqualTo(1);
        // the thread on My Page shows the reply too
        assertThat(body(mvc.perform(get("/account/inquiries/" + id).with(resident)))).contains(answer);
    }

    @Test
    void aVisitorWhoLostTheLinkGetsNewLinksByMailAndThePageSaysNothingAboutWhoWrote() throws Exception {
        String mail = "lost" + System.nanoTime() + "@example.com";
        String word = "なくした" + System.nanoTime() % 100000;
        var sent = mvc.perform(multipart("/inquiries").param("text", word + "の件").param("department", "kocho-koho")
            .param("email", mail).with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
        String oldToken = (String) sent.getFlashMap().get("sentToken");
        TestMailbox.awaitMailTo(mail);
        assertThat(body(mvc.perform(get("/inquiries/new")))).contains("/inquiries/lost");
        assertThat(body(mvc.perform(get("/inquiries/lost")).andExpect(status().isOk()))).contains("メールのリンクをなくした方");

        // the same answer for an address that wrote and one that did not
        var known = mvc.perform(post("/inquiries/lost").param("email", mail.toUpperCase()).with(csrf()))
            .andExpect(status().is3xxRedirection()).andReturn();
        var unknown = mvc.perform(post("/inquiries/lost").param("email", "nobody" + System.nanoTime() + "@example.com")
            .with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(known.getResponse().getRedirectedUrl()).isEqualTo(unknown.getResponse().getRedirectedUrl());
        assertThat(Map.copyOf(known.getFlashMap())).isEqualTo(Map.copyOf(unknown.getFlashMap()));

        MimeMessage links = TestMailbox.awaitMailContaining(mail, TestMailbox.DEFAULT_TIMEOUT, "前にお送りしたリンクは使えなくなりました");
        String link = TestMailbox.firstLink(TestMailbox.text(links));
        assertThat(link).contains("/inquiries/t/");
        String path = link.substring(link.indexOf("/inquiries/t/"));
        assertThat(body(mvc.perform(get(path)).andExpect(status().isOk()))).contains(word);
        // the old link stops working
        mvc.perform(get("/inquiries/t/" + oldToken)).andExpect(status().isNotFound());
        // bad input: a clear message, nothing sent
        assertThat(body(mvc.perform(post("/inquiries/lost").param("email", "not-an-address").with(csrf()))
            .andExpect(status().isBadRequest()))).contains("メールアドレスの形");
        assertThat(body(mvc.perform(post("/inquiries/lost").param("email", "").param("lang", "en").with(csrf()))
            .andExpect(status().isBadRequest()))).contains("e-mail");
    }

    @Test
    void staffGiveAnInquiryToANamedColleagueOfTheDivisionAndNobodyElse() throws Exception {
        String word = "担当替え" + System.nanoTime() % 100000;
        mvc.perform(multipart("/inquiries").param("text", word + "について").param("department", "kocho-koho")
            .param("email", "assign" + System.nanoTime() + "@example.com").with(csrf())).andExpect(status().is3xxRedirection());
        long id = jdbc.sql("""
                select i.id from inquiry i join inquiry_message m on m.inquiry_id = i.id where m.body like ?""")
            .param(word + "%").query(Long.class).single();
        long colleague = jdbc.sql("select id from account where email = 'staff@demo.machi.example'").query(Long.class).single();
        var admin = StaffLogin.admin(jdbc);
        String page = body(mvc.perform(get("/staff/inquiries/" + id).with(admin)).andExpect(status().isOk()));
        assertThat(page).contains("担当者を選ぶ").contains("value=\"" + colleague + "\"");
        mvc.perform(post("/staff/inquiries/" + id + "/assign").param("assignee", Long.toString(colleague)).with(admin).with(csrf()))
            .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select assignee_account_id from inquiry where id = ?").param(id).query(Long.class).single())
            .isEqualTo(colleague);
        String after = body(mvc.perform(get("/staff/inquiries/" + id).with(admin)));
        assertThat(after).contains("担当者を").contains("にしました");
        // a resident, or nonsense, is refused on the form and changes nothing
        long resident = jdbc.sql("select id from account where email = 'resident@demo.machi.example'").query(Long.class).single();
        for (String bad : List.of(Long.toString(resident), "abc")) {
            assertThat(body(mvc.perform(post("/staff/inquiries/" + id + "/assign").param("assignee", bad).with(admin).with(csrf()))
                .andExpect(status().isBadRequest()))).contains("この課の職員から選んでください");
        }
        assertThat(jdbc.sql("select assignee_account_id from inquiry where id = ?").param(id).query(Long.class).single())
            .isEqualTo(colleague);
        // nobody
        mvc.perform(post("/staff/inquiries/" + id + "/assign").param("assignee", "").with(admin).with(csrf()))
            .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from inquiry where id = ? and assignee_account_id is null").param(id)
            .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingStored() throws Exception {
        long before = inquiries();
        assertThat(body(mvc.perform(post("/inquiries/new").with(csrf()).param("text", "  \u0000 "))
            .andExpect(status().isBadRequest()))).contains("お問い合わせの内容を書いてください");
        mvc.perform(post("/inquiries/new").with(csrf()).param("text", "あ".repeat(4001))).andExpect(status().isBadRequest());
        assertThat(body(mvc.perform(multipart("/inquiries").param("text", "質問です").param("department", "kocho-koho")
            .param("email", "not-an-address").with(csrf())).andExpect(status().isBadRequest()))).contains("メールアドレスの形");
        assertThat(body(mvc.perform(multipart("/inquiries").param("text", "質問です").param("department", "kocho-koho")
            .with(csrf())).andExpect(status().isBadRequest()))).contains("メールアドレスを入力");
        mvc.perform(multipart("/inquiries").param("text", "質問です").param("department", "no-such")
            .param("email", "a@example.com").with(csrf())).andExpect(status().isBadRequest());
        String script = body(mvc.perform(multipart("/inquiries")
                .file(new MockMultipartFile("file", "photo.jpg", "image/jpeg", "#!/bin/sh\nrm -rf /".getBytes()))
                .param("text", "質問です").param("department", "kocho-koho").param("email", "a@example.com").with(csrf()))
            .andExpect(status().isBadRequest()));
        assertThat(script).contains("送れるのは写真（JPEG、PNG）とPDFだけです");
        mvc.perform(multipart("/inquiries")
                .file(new MockMultipartFile("file", "a.pdf", "application/pdf", "%PDF-1.4 x".getBytes()))
                .file(new MockMultipartFile("file", "b.pdf", "application/pdf", "%PDF-1.4 x".getBytes()))
                .file(new MockMultipartFile("file", "c.pdf", "application/pdf", "%PDF-1.4 x".getBytes()))
                .file(new MockMultipartFile("file", "d.pdf", "application/pdf", "%PDF-1.4 x".getBytes()))
                .param("text", "質問です").param("department", "kocho-koho").param("email", "a@example.com").with(csrf()))
            .andExpect(status().isBadRequest());
        assertThat(inquiries()).isEqualTo(before);
        mvc.perform(get("/inquiries/t/not-a-token")).andExpect(status().isNotFound());
        mvc.perform(get("/inquiries/t/" + "A".repeat(32))).andExpect(status().isNotFound());
        String en = body(mvc.perform(post("/inquiries/new").with(csrf()).param("text", "").param("lang", "en"))
            .andExpect(status().isBadRequest()));
        assertThat(en).contains("Write your question.");
    }

    @Test
    void staffRecordAPhoneInquiryAndTheQueueShowsTheTarget() throws Exception {
        var staff = StaffLogin.staff(jdbc);
        String word = "ぴかぴか" + System.nanoTime() % 100000;
        mvc.perform(post("/staff/inquiries/new").with(staff).with(csrf()).param("channel", "phone")
                .param("text", word + "の件で電話がありました").param("department", "kocho-koho").param("name", "電話 太郎"))
            .andExpect(status().isBadRequest()); // neither mail nor phone
        mvc.perform(post("/staff/inquiries/new").with(staff).with(csrf()).param("channel", "phone")
                .param("text", word + "の件で電話がありました").param("department", "kocho-koho").param("phone", "03-1234-5678"))
            .andExpect(status().is3xxRedirection());
        var row = jdbc.sql("select channel, entered_by is not null, due_on > received_at::date from inquiry where contact_phone = '03-1234-5678' order by id desc limit 1")
            .query((rs, n) -> List.of(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3))).single();
        assertThat(row).containsExactly("PHONE", true, true);
        assertThat(body(mvc.perform(get("/staff/inquiries").with(staff)))).contains(word).contains("電話");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'inquiry.proxyEntry'").query(Long.class).single())
            .isPositive();
        // residents and visitors never reach the staff pages
        mvc.perform(get("/staff/inquiries").with(Residents.demoResident(jdbc))).andExpect(status().isForbidden());
    }

    static byte[] png() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
