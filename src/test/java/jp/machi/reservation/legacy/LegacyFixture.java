package jp.machi.reservation.legacy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.Bookings;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The legacy import and the utilisation report: the services and the test data they share. */
public abstract class LegacyFixture {

    @Autowired protected WebApplicationContext context;
    @Autowired protected JdbcClient jdbc;
    @Autowired protected BookableRooms service;
    @Autowired protected Bookings bookings;
    @Autowired protected Bookers bookers;
    protected MockMvc mvc;

    @BeforeEach
    protected void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }


    /** Uploads a file as the demo admin and returns the preview page's address. */
    String upload(byte[] content) throws Exception {
        return mvc.perform(multipart("/staff/reservations/import").file(new MockMultipartFile("file", "legacy.csv", "text/csv", content))
            .with(csrf()).with(StaffLogin.admin(jdbc))).andExpect(status().is3xxRedirection())
            .andReturn().getResponse().getRedirectedUrl();
    }

    protected static byte[] bom(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(text, 0, out, 3, text.length);
        return out;
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
