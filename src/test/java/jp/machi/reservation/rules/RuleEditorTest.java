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
class RuleEditorTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    @Autowired BookingService checkout;
    @Autowired Payments payments;
    @Autowired Reminders reminders;
    @Autowired CalendarFeed feed;
    @Autowired Cancellations cancellations;
    @Autowired Reductions reductions;
    @Autowired RoomRules rules;
    MockMvc mvc;
    long roomId;
    String facilityId;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        facilityId = "zz-money-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into facility (id, name_ja, name_en, department_code, address) values (?, 'お金テスト会館', 'Money test hall', 'kusei', '練馬区テスト1-1')")
            .param(facilityId).update();
        for (int d = 1; d <= 7; d++) {
            jdbc.sql("insert into facility_hours (facility_id, weekday, opens, closes) values (?, ?, '08:00', '22:00')")
                .params(facilityId, d).update();
        }
        roomId = jdbc.sql("insert into room (facility_id, name_ja, name_en, capacity, bookable) values (?, '会議室', 'Meeting room', 20, true) returning id")
            .param(facilityId).query(Long.class).single();
        long rule = jdbc.sql("""
                insert into reservation_rule (room_id, window_days, cutoff_days, monthly_cap, fee_resident, fee_non_resident,
                    fee_commercial, cancel_deadline_days, pay_within_days, pay_days_before, late_cancel_days,
                    late_cancel_points, no_show_points, penalty_threshold, suspension_days)
                values (?, 200, 0, 50, 1000, 2000, 5000, 7, 10, 5, 3, 2, 3, 5, 20) returning id""")
            .param(roomId).query(Long.class).single();
        jdbc.sql("insert into reservation_refund_tier (rule_id, days_before, percent) values (?, 7, 100), (?, 3, 50)")
            .params(rule, rule).update();
    }


    jp.machi.reservation.booking.BookableRoom room() {
        return service.room(roomId).orElseThrow();
    }

    /** The first open slot from {@code days} days ahead. */
    Availability open(int days) {
        LocalDate from = service.today().plusDays(days);
        return service.availability(room(), from, from.plusDays(20)).stream()
            .filter(a -> a.status() == Availability.Status.OPEN).findFirst().orElseThrow();
    }

    String email(TestResidents.Resident r) {
        return jdbc.sql("select email from account where id = ?").param(r.id()).query(String.class).single();
    }

    String column(long bookingId, String column) {
        return jdbc.sql("select " + column + "::text from reservation_booking where id = ?").param(bookingId)
            .query(String.class).optional().orElse(null);
    }

    static String mailWith(String address, String subjectPart) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : TestMailbox.mailsTo(address)) {
                try {
                    if (m.getSubject().contains(subjectPart)) {
                        return m.getSubject() + "\n" + TestMailbox.text(m);
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no mail to " + address + " with subject containing " + subjectPart);
    }

    /** What cancelling {@code b} on {@code day} would give back under the room's rule. */
    jp.machi.reservation.money.Refund refundOn(Booking b, LocalDate day) {
        return MoneyTerms.refund(rules.rule(roomId, facilityId).orElseThrow(), b.fee(), b.status() == Booking.Status.CONFIRMED,
            b.date(), day);
    }

    /** A confirmed booking made straight in the database (for days the booking rules would refuse, e.g. yesterday). */
    long insertConfirmed(TestResidents.Resident who, LocalDate day, String slot, String start, String end) {
        return jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, fee_rule, idempotency_key)
                values (?, ?, ?, ?, cast(? as time), cast(? as time), ?, 'CONFIRMED', 1000, 'resident/room', ?) returning id""")
            .params(roomId, facilityId, day, slot, start, end, who.id(), UUID.randomUUID().toString())
            .query(Long.class).single();
    }

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
