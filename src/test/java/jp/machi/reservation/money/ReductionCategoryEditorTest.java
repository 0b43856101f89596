package jp.machi.reservation.money;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import jp.machi.reservation.LotteryFixtures;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.booking.StaffEditorFixture;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

/** System admins add reduction categories and retire them (never delete); a retired one is no longer accepted. */
@MachiTest
class ReductionCategoryEditorTest extends StaffEditorFixture {

    /** System admins keep the reduction categories; an inactive one can no longer be asked for. */
    @Test
    void systemAdminsAddAndRetireReductionCategories() throws Exception {
        mvc.perform(get("/staff/reservations/reductions/categories").with(StaffLogin.staff(jdbc))).andExpect(status().isForbidden());
        assertThat(body(mvc.perform(get("/staff/reservations/reductions/categories").with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()))).contains("町会・自治会").contains("受付中");
        String code = "club-" + UUID.randomUUID().toString().substring(0, 8);
        String bad = body(mvc.perform(post("/staff/reservations/reductions/categories").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("code", "Bad Code").param("labelJa", "").param("labelEn", "Sports club").param("percent", "0").param("sortOrder", "5")
            .param("active", "true")).andExpect(status().isUnprocessableEntity()));
        assertThat(bad).contains("記号は半角英小文字").contains("日本語の名前").contains("割合は1から100").contains("href=\"#percent\"");
        mvc.perform(post("/staff/reservations/reductions/categories").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("code", code).param("labelJa", "スポーツ少年団").param("labelEn", "Youth sports club").param("percent", "25")
            .param("sortOrder", "60").param("active", "true")).andExpect(status().is3xxRedirection());
        assertThat(reductions.categories()).extracting(c -> c.code() + " " + c.percent()).contains(code + " 25");
        assertThat(body(mvc.perform(post("/staff/reservations/reductions/categories").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("code", code).param("labelJa", "x").param("labelEn", "x").param("percent", "10").param("sortOrder", "1")
            .param("active", "true")).andExpect(status().isUnprocessableEntity()))).contains("すでに使われています");

        // retired: not offered, and a request naming it is refused
        mvc.perform(post("/staff/reservations/reductions/categories/" + code).with(StaffLogin.admin(jdbc)).with(csrf())
            .param("labelJa", "スポーツ少年団").param("labelEn", "Youth sports club").param("percent", "25").param("sortOrder", "60"))
            .andExpect(status().is3xxRedirection());
        assertThat(reductions.categories()).extracting(c -> c.code()).doesNotContain(code);
        assertThatThrownBy(() -> reductions.choose(code)).isInstanceOf(jp.machi.reservation.Refused.class);
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = ?").param("reduction-category:" + code)
            .query(Long.class).single()).isEqualTo(2L);
        mvc.perform(get("/staff/reservations/reductions/categories/no-such").with(StaffLogin.admin(jdbc))).andExpect(status().isNotFound());
    }
}
