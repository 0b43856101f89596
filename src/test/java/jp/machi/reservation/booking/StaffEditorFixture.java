package jp.machi.reservation.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.LotteryFixtures;
import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.rules.Slot;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Staff editors of rooms (slots, parts, reduction categories): a signed-in MockMvc, the services they touch, form builders, and test rooms retired after each test. */
public abstract class StaffEditorFixture {

    @Autowired protected WebApplicationContext context;
    @Autowired protected JdbcClient jdbc;
    @Autowired protected BookableRooms reservations;
    @Autowired protected Bookings bookings;
    @Autowired protected Bookers bookers;
    @Autowired protected LotteryService lottery;
    @Autowired protected jp.machi.reservation.booking.internal.BookingService checkout;
    @Autowired protected jp.machi.reservation.booking.internal.Cancellations cancellations;
    @Autowired protected jp.machi.reservation.money.Reductions reductions;
    protected MockMvc mvc;

    @BeforeEach
    protected void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    @AfterEach
    protected void retireTestRooms() {
        LotteryFixtures.retire(jdbc);
    }

    protected static MockHttpServletRequestBuilder save(long room, String... rows) {
        var b = post("/staff/reservations/rules/slots").param("room", "" + room).with(csrf());
        for (int i = 0; i < rows.length; i++) {
            String[] f = rows[i].split("\\|", -1);
            b = b.param("slots[" + i + "].code", f[0]).param("slots[" + i + "].labelJa", f[1]).param("slots[" + i + "].labelEn", f[2])
                .param("slots[" + i + "].start", f[3]).param("slots[" + i + "].end", f[4]);
        }
        return b;
    }

    protected static MockHttpServletRequestBuilder parts(long room, String... rows) {
        var b = post("/staff/reservations/rules/parts").param("room", "" + room).with(csrf());
        for (int i = 0; i < rows.length; i++) {
            String[] f = rows[i].split("\\|", -1);
            b = b.param("parts[" + i + "].code", f[0]).param("parts[" + i + "].labelJa", f[1]).param("parts[" + i + "].labelEn", f[2])
                .param("parts[" + i + "].capacity", f[3]);
        }
        return b;
    }
}
