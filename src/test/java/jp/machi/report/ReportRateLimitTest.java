package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import jp.machi.shared.image.ImageProcessor;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 16 item 6: まちレポ submissions are limited per client address (20 an hour) and per e-mail address or account
 * (5 an hour) on the report form, the API and Open311, each answering in its own format with 429 and Retry-After;
 * and photo decoding waits for one of a few slots, then answers 503 instead of growing the heap without bound.
 * Requests come from documentation addresses (RFC 5737), each test its own, since the machine itself is exempt.
 */
@MachiTest
class ReportRateLimitTest {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 200));

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    /** A client address of its own for each use (203.0.113.0/24 and 198.51.100.0/24 are for documentation). */
    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String freshAddress() {
        int n = NEXT.incrementAndGet();
        return (n % 2 == 0 ? "203.0.113." : "198.51.100.") + (n % 250 + 1);
    }

    long reports(String email) {
        return jdbc.sql("select count(*) from report where lower(reporter_email) = lower(?)").param(email)
            .query(Long.class).single();
    }

    @Test
    void theReportFormRefusesThe21stAttemptFromOneAddressIn429KeepingWhatWasEntered() throws Exception {
        String address = freshAddress();
        for (int i = 0; i < 20; i++) {
            // an incomplete form still counts: a bot gains nothing by sending rubbish
            mvc.perform(post("/reports/new/road").with(csrf()).with(from(address)).param("email", "a" + i + "@example.com"))
                .andExpect(status().isBadRequest());
        }
        MockHttpServletResponse refused = mvc.perform(post("/reports/new/road").with(csrf()).with(from(address))
                .param("lang", "en").param("description", "The road is cracked " + address)
                .param("email", "someone@example.com"))
            .andExpect(status().isTooManyRequests()).andReturn().getResponse();
        String html = refused.getContentAsString(StandardCharsets.UTF_8);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 3600L);
        assertThat(html).contains("Too many reports have been sent from your network (at most 20 in 60 minutes)")
            .contains("href=\"#main\"").contains("The road is cracked " + address);

        String ja = mvc.perform(post("/reports/new/road").with(csrf()).with(from(address)).param("description", "x"))
            .andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(ja).contains("この通信元からの送信が多すぎます");

        // another address is not affected
        mvc.perform(post("/reports/new/road").with(csrf()).with(from(freshAddress()))).andExpect(status().isBadRequest());
    }

    @Test
    void theApiRefusesTheSixthReportOfOneEmailFromAnyAddressAsProblemDetailsAndStoresNothing() throws Exception {
        String email = "limit-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/api/v1/reports").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .with(from(freshAddress())).param("serviceCode", "road").param("lat", "35.7356")
                    .param("lon", "139.6516").param("description", "道路に穴 " + i).param("email", email))
                .andExpect(status().isCreated());
        }
        MockHttpServletResponse refused = mvc.perform(post("/api/v1/reports")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).header("Accept-Language", "en")
                .with(from(freshAddress())).param("serviceCode", "road").param("lat", "35.7356")
                .param("lon", "139.6516").param("description", "one more").param("email", email.toUpperCase()))
            .andExpect(status().isTooManyRequests()).andReturn().getResponse();
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("\"code\":\"rate-limited\"")
            .contains("\"parameter\":\"email\"").contains("Too many reports with this e-mail address");
        assertThat(reports(email)).isEqualTo(5);
    }

    @Test
    void open311AnswersTheLimitInItsOwnErrorFormat() throws Exception {
        String address = freshAddress();
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .with(from(address)).param("api_key", "demo-open311-key").param("service_code", "no-such"))
                .andExpect(status().isNotFound());
        }
        MockHttpServletResponse json = mvc.perform(post("/open311/v2/requests.json")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).with(from(address))
                .param("api_key", "demo-open311-key").param("service_code", "road").param("locale", "en"))
            .andExpect(status().isTooManyRequests()).andReturn().getResponse();
        assertThat(json.getHeader("Retry-After")).isNotBlank();
        assertThat(json.getContentAsString(StandardCharsets.UTF_8)).startsWith("[{\"code\":429,\"description\":")
            .contains("Too many reports from this client address");
        String xml = mvc.perform(post("/open311/v2/requests.xml").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .with(from(address)).param("api_key", "demo-open311-key").param("service_code", "road"))
            .andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(xml).contains("<errors>").contains("<code>429</code>");
    }

    @Test
    void whenEveryDecodingSlotIsTakenAPhotoIsAnswered503AfterAShortWaitNotQueuedWithoutBound() throws Exception {
        byte[] jpeg = ReportPhotoProcessorTest.image("jpeg", 400, 300);
        var gate = ImageProcessor.decodingGate();
        int slots = ImageProcessor.DECODE_SLOTS;
        gate.acquire(slots);
        try {
            long start = System.nanoTime();
            MockHttpServletResponse api = mvc.perform(multipart("/api/v1/reports")
                    .file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", jpeg)).with(from(freshAddress()))
                    .param("serviceCode", "road").param("lat", "35.7356").param("lon", "139.6516")
                    .param("description", "busy").param("email", "busy-" + UUID.randomUUID() + "@example.com"))
                .andExpect(status().isServiceUnavailable()).andReturn().getResponse();
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(waitedMs).isBetween(ImageProcessor.DECODE_WAIT.toMillis() - 50, 15_000L);
            assertThat(api.getHeader("Retry-After")).isNotBlank();
            assertThat(api.getContentAsString(StandardCharsets.UTF_8)).contains("\"code\":\"busy\"")
                .contains("\"parameter\":\"photo\"");

            String form = mvc.perform(multipart("/reports/new/road")
                    .file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", jpeg)).with(csrf())
                    .with(from(freshAddress())).param("description", "busy form"))
                .andExpect(status().isServiceUnavailable()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
            assertThat(form).contains("写真の処理が混み合っています").contains("busy form");

        } finally {
            gate.release(slots);
        }
        assertThat(gate.availablePermits()).isEqualTo(slots);
        // with the slots free again the same photo goes through
        mvc.perform(multipart("/api/v1/reports").file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", jpeg))
                .with(from(freshAddress())).param("serviceCode", "road").param("lat", "35.7356")
                .param("lon", "139.6516").param("description", "not busy")
                .param("email", "free-" + UUID.randomUUID() + "@example.com"))
            .andExpect(status().isCreated());
    }
}
