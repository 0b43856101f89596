package jp.machi.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * The anonymous inquiry desk and the children's consultation cannot be flooded from one machine: past the limits
 * the answer is 429 with Retry-After, the form keeps what was written, the message is in the writer's language, and
 * nothing is stored. Defaults: 20 per client address and 5 per sender (e-mail, account or thread) an hour.
 */
@MachiTest
class InquiryRateLimitTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    /** A client address of the documentation ranges, new for each test (the counters live as long as the context). */
    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String someAddress(String net) {
        return net + ThreadLocalRandom.current().nextInt(1, 255);
    }

    @Test
    void onePersonSendsFiveInquiriesAnHourTheSixthIsRefusedWithTheTextKept() throws Exception {
        String address = someAddress("198.51.100.");
        String mail = "flood" + System.nanoTime() + "@example.com";
        String word = "連投" + System.nanoTime() % 100000;
        for (int i = 0; i < 5; i++) {
            mvc.perform(multipart("/inquiries").param("text", word + " " + i).param("department", "kocho-koho")
                .param("email", mail).with(from(address)).with(csrf())).andExpect(status().is3xxRedirection());
        }
        String refused = StaffLogin.body(mvc.perform(multipart("/inquiries").param("text", word + " six")
                .param("department", "kocho-koho").param("email", mail.toUpperCase()).with(from(address)).with(csrf()))
            .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After")));
        assertThat(refused).contains("送信が多すぎます").contains("5件まで").contains(word + " six");
        assertThat(jdbc.sql("select count(*) from inquiry where contact_email = ?").param(mail).query(Long.class).single())
            .isEqualTo(5);
        // in English for an English writer
        assertThat(StaffLogin.body(mvc.perform(multipart("/inquiries").param("lang", "en").param("text", word + " seven")
                .param("department", "kocho-koho").param("email", mail).with(from(address)).with(csrf()))
            .andExpect(status().isTooManyRequests()))).contains("Too many messages").contains("What you wrote is still here");
    }

    @Test
    void oneMachineSendsTwentyConsultationsAnHourTheNextIsRefusedGently() throws Exception {
        String address = someAddress("203.0.113.");
        String word = "たすけて" + System.nanoTime() % 100000;
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/children").param("text", word + " " + i).with(from(address)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        }
        String refused = StaffLogin.body(mvc.perform(post("/children").param("text", word + " last")
                .with(from(address)).with(csrf()))
            .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After")));
        assertThat(refused).contains("いまは送れません").contains("書いたことは残っています").contains(word + " last")
            .contains("110");
        assertThat(jdbc.sql("select count(*) from inquiry_child_message where body like ?").param(word + "%")
            .query(Long.class).single()).isEqualTo(20);
        // another machine is not affected
        mvc.perform(post("/children").param("text", word + " other").with(from(someAddress("192.0.2."))).with(csrf()))
            .andExpect(status().is3xxRedirection());
    }
}
