package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jp.machi.reservation.booking.internal.BookingRateLimiter;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/** Per-account and per-address limits on the booking endpoints: 429 with Retry-After and a message, configurable. */
@MachiTest
class BookingRateLimitTest {

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    /** A documentation address (RFC 5737) no other test uses. */
    static String freshAddress() {
        int n = NEXT.getAndIncrement();
        return "203.0." + (113 + n / 250) % 256 + "." + (n % 250 + 1);
    }

    static RequestPostProcessor from(String address) {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    MockHttpServletResponse apiPost(TestResidents.Resident who, String address, String language) throws Exception {
        return mvc.perform(post("/api/v1/bookings").with(from(address)).header("Authorization", "Bearer " + who.token())
            .header("Accept-Language", language).contentType("application/json").content("{}")).andReturn().getResponse();
    }

    @Test
    void oneAccountIsLimitedWhicheverAddressItUses() throws Exception {
        var who = TestResidents.create(jdbc, "RESIDENT");
        for (int i = 0; i < 20; i++) {
            assertThat(apiPost(who, freshAddress(), "ja").getStatus()).isEqualTo(400);
        }
        var refused = apiPost(who, freshAddress(), "en");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("\"code\":\"rate-limited\"")
            .contains("too many booking requests").contains("\"retryAfter\":");
        // nothing was booked by the refused request, and another person is not affected
        var other = TestResidents.create(jdbc, "RESIDENT");
        assertThat(apiPost(other, freshAddress(), "ja").getStatus()).isEqualTo(400);
    }

    @Test
    void oneAddressIsLimitedWhicheverAccountsUseItAndTheFormGetsAPage() throws Exception {
        String address = freshAddress();
        int allowed = 0;
        int limited = 0;
        for (int person = 0; person < 4; person++) {
            var who = TestResidents.create(jdbc, "RESIDENT");
            for (int i = 0; i < 16; i++) {
                int status = apiPost(who, address, "ja").getStatus();
                if (status == 429) {
                    limited++;
                } else {
                    allowed++;
                }
            }
        }
        assertThat(allowed).isEqualTo(60);
        assertThat(limited).isEqualTo(4);
        // the web form from that address: 429 and Retry-After (the error page itself is rendered by the container)
        var resident = TestResidents.create(jdbc, "RESIDENT");
        String email = jdbc.sql("select email from account where id = ?").param(resident.id()).query(String.class).single();
        var page = mvc.perform(post("/account/bookings/new").with(csrf()).with(from(address))
            .with(StaffLogin.as(jdbc, email, "RESIDENT")).param("room", "1").param("date", "2030-01-01").param("slot", "am"))
            .andExpect(status().isTooManyRequests()).andReturn().getResponse();
        assertThat(page.getHeader("Retry-After")).isNotBlank();
        // the machine itself (benchmarks) is exempt by default
        for (int i = 0; i < 25; i++) {
            assertThat(apiPost(resident, "127.0.0.1", "ja").getStatus()).isEqualTo(400);
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void theLimitsAndTheWindowAreSettingsAndTheWindowResets() {
        var clock = new TestClock();
        var limiter = new BookingRateLimiter(clock, 2, 3, Duration.ofSeconds(30), Set.of("192.0.2.1"));
        assertThat(limiter.request(1L, "198.51.100.1").allowed()).isTrue();
        assertThat(limiter.request(1L, "198.51.100.2").allowed()).isTrue();
        var third = limiter.request(1L, "198.51.100.3");
        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfterSeconds()).isEqualTo(30);
        clock.now = clock.now.plusSeconds(20);
        assertThat(limiter.request(1L, "198.51.100.4").retryAfterSeconds()).isEqualTo(10);
        clock.now = clock.now.plusSeconds(10);
        assertThat(limiter.request(1L, "198.51.100.5").allowed()).isTrue();
        // per address, with anonymous requests too
        assertThat(limiter.request(null, "198.51.100.9").allowed()).isTrue();
        assertThat(limiter.request(2L, "198.51.100.9").allowed()).isTrue();
        assertThat(limiter.request(3L, "198.51.100.9").allowed()).isTrue();
        assertThat(limiter.request(4L, "198.51.100.9").allowed()).isFalse();
        // an exempt address is never limited
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.request(1L, "192.0.2.1").allowed()).isTrue();
        }
    }
}
