package jp.machi.reservation.rules;

import jp.machi.reservation.TestResidents;
import static jp.machi.support.StaffLogin.body;
import static jp.machi.support.StaffLogin.admin;
import static jp.machi.support.StaffLogin.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.booking.internal.Payments;
import jp.machi.reservation.booking.internal.Reminders;
import jp.machi.reservation.booking.internal.CalendarFeed;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.Reductions;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.MoneyRoomFixture;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/** Staff edit the booking rules with server validation (422 with every problem), only for their own scope. */
@MachiTest
class RuleEditorTest extends MoneyRoomFixture {

    @Test
    void staffEditRulesWithServerValidationAndOnlyForTheirScope() throws Exception {
        String edit = "/staff/reservations/rules/edit";
        assertThat(body(mvc.perform(get("/staff/reservations/rules").with(admin(jdbc))).andExpect(status().isOk())))
            .contains("区の共通規則").contains("お金テスト会館 会議室").contains("1,000円・2,000円・5,000円");
        assertThat(body(mvc.perform(get(edit).param("room", "" + roomId).param("lang", "en").with(admin(jdbc)))
            .andExpect(status().isOk()))).contains("Edit a booking rule").contains("value=\"5000\"");
        var bad = post(edit).param("room", "" + roomId).with(csrf()).with(admin(jdbc))
            .param("windowDays", "200").param("cutoffDays", "0").param("monthlyCap", "50")
            .param("feeResident", "-5").param("feeNonResident", "abc").param("feeCommercial", "99999999")
            .param("payWithinDays", "10").param("payDaysBefore", "5").param("lateCancelDays", "3")
            .param("lateCancelPoints", "2").param("noShowPoints", "3").param("penaltyThreshold", "0")
            .param("suspensionDays", "20").param("tierDays[0]", "7").param("tierPercent[0]", "50")
            .param("tierDays[1]", "3").param("tierPercent[1]", "100").param("tierDays[2]", "1");
        String page = body(mvc.perform(bad).andExpect(status().isUnprocessableEntity()));
        assertThat(page).contains("0 から 1,000,000 までの整数を入力してください").contains("1 から 100 までの整数を入力してください")
            .contains("日数と還付率の両方を入力してください").contains("早い取消しほど還付率が高く").contains("aria-invalid=\"true\"");
        assertThat(jdbc.sql("select fee_resident from reservation_rule where room_id = ?").param(roomId).query(Integer.class).single())
            .isEqualTo(1000);
        mvc.perform(post(edit).param("room", "" + roomId).with(csrf()).with(admin(jdbc))
                .param("windowDays", "200").param("cutoffDays", "0").param("monthlyCap", "50")
                .param("feeResident", "1100").param("feeNonResident", "2100").param("feeCommercial", "5100")
                .param("payWithinDays", "10").param("payDaysBefore", "5").param("lateCancelDays", "3")
                .param("lateCancelPoints", "2").param("noShowPoints", "3").param("penaltyThreshold", "5")
                .param("suspensionDays", "20").param("tierDays[0]", "3").param("tierPercent[0]", "50")
                .param("tierDays[1]", "10").param("tierPercent[1]", "100"))
            .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select fee_resident from reservation_rule where room_id = ?").param(roomId).query(Integer.class).single())
            .isEqualTo(1100);
        assertThat(rules.rule(roomId, facilityId).orElseThrow().tiers()).extracting(t -> t.daysBefore() + ":" + t.percent())
            .containsExactly("10:100", "3:50");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.rule.update' and subject = ?")
            .param("rule:room:" + roomId).query(Long.class).single()).isEqualTo(1L);
        // a new facility rule starts from the values that apply now; staff of another department see nothing
        mvc.perform(get(edit).param("facility", facilityId).with(admin(jdbc))).andExpect(status().isOk());
        mvc.perform(get(edit).param("facility", facilityId).with(staff(jdbc))).andExpect(status().isNotFound());
        mvc.perform(get(edit).param("room", "abc").with(admin(jdbc))).andExpect(status().isNotFound());
        mvc.perform(get(edit).param("facility", "no-such-facility").with(admin(jdbc))).andExpect(status().isNotFound());
        mvc.perform(get(edit).with(staff(jdbc))).andExpect(status().isForbidden());
        mvc.perform(get(edit).with(admin(jdbc))).andExpect(status().isOk());
    }
}
