package jp.machi.reservation.rules;

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

/**
 * Staff edit slot templates (コマ) per ward, facility and room and the fees by slot of a rule: bad rows (code, names,
 * times, order, overlap) give 422 with every problem and write nothing; a room gets a two-hour grid that booking and
 * the availability API use at once; a change that would strand a future booking or a lottery round not yet drawn is
 * refused; emptying the list gives the room back its facility's slots; the ward is for system admins only; every
 * change is audited. A rule prices its slots differently and bookings take the slot's fee.
 */
@MachiTest
class SlotEditorTest extends StaffEditorFixture {

    @Test
    void staffGiveARoomItsOwnGridWithinWhatBookingsAndLotteryRoundsAllow() throws Exception {
        var place = LotteryFixtures.facility(jdbc, 2);
        long room = place.rooms().get(0);
        long other = place.rooms().get(1);

        // the ward's slots for system admins only; a room of a facility starts with the ward's slots
        assertThat(body(mvc.perform(get("/staff/reservations/rules/slots").with(StaffLogin.admin(jdbc))).andExpect(status().isOk())))
            .contains("value=\"am\"").contains("value=\"night\"");
        mvc.perform(get("/staff/reservations/rules/slots").with(StaffLogin.staff(jdbc))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/reservations/rules/slots").param("room", "" + room).with(StaffLogin.staff(jdbc)))
            .andExpect(status().isNotFound());
        assertThat(body(mvc.perform(get("/staff/reservations/rules/slots").param("room", "" + room).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()))).contains("より広い範囲のコマを使っています").contains("9:00–12:00");

        // bad rows: every problem listed, linked to its field, nothing written
        String bad = body(mvc.perform(save(room, "S 1|朝|Morning|09:00|11:00", "s2||Late|11:00|10:00", "s3|昼|Noon|10:30|12:00",
            "s3|夜|Night|25:00|22:00").with(StaffLogin.admin(jdbc))).andExpect(status().isUnprocessableEntity()));
        assertThat(bad).contains("コマ 1：記号は半角英小文字").contains("コマ 2：日本語の名前").contains("コマ 2：終了時刻は開始時刻より後")
            .contains("コマ 3：コマ 1 と時間が重なっています").contains("コマ 4：同じ記号が二度").contains("コマ 4：時刻を hh:mm")
            .contains("href=\"#slots0-code\"").contains("aria-invalid=\"true\"").contains("value=\"S 1\"");
        assertThat(reservations.room(room).orElseThrow().slots()).extracting(Slot::code).containsExactly("am", "pm", "night");

        // a two-hour grid: booking and availability use it at once; the change is audited
        mvc.perform(save(room, "s09|9–11時|9–11|09:00|11:00", "s11|11–13時|11–13|11:00|13:00", "s13|13–15時|13–15|13:00|15:00", "||||")
            .with(StaffLogin.admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(reservations.room(room).orElseThrow().slots()).extracting(Slot::code).containsExactly("s09", "s11", "s13");
        assertThat(reservations.room(other).orElseThrow().slots()).extracting(Slot::code).containsExactly("am", "pm", "night");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.slots.update' and subject = ?")
            .param("slots:room:" + room).query(Long.class).single()).isEqualTo(1L);
        LocalDate day = reservations.today().plusDays(10);
        while (day.getDayOfWeek() == DayOfWeek.SUNDAY || day.getDayOfWeek() == DayOfWeek.MONDAY) {
            day = day.plusDays(1);
        }
        assertThat(body(mvc.perform(get("/api/v1/rooms/" + room + "/availability").param("from", day.toString()).param("to", day.toString()))
            .andExpect(status().isOk()))).contains("\"slot\":\"s09\"").contains("\"start\":\"09:00\"").doesNotContain("\"slot\":\"am\"");
        var resident = TestResidents.create(jdbc, "RESIDENT");
        var booked = bookings.book(new BookingRequest(resident.id(), null, room, day, "s11", null, UUID.randomUUID().toString(), null, false, null));
        assertThat(booked.booking().start()).hasToString("11:00");

        // moving or removing the booked slot is refused; keeping it is fine
        assertThat(body(mvc.perform(save(room, "s09|9–11時|9–11|09:00|11:00", "s11|11–13時|11–13|11:00|12:30")
            .with(StaffLogin.admin(jdbc))).andExpect(status().isUnprocessableEntity())))
            .contains("これから先の予約 1 件").contains("s11");
        assertThat(body(mvc.perform(save(room).with(StaffLogin.admin(jdbc))).andExpect(status().isUnprocessableEntity())))
            .contains("これから先の予約 1 件");
        mvc.perform(save(room, "s11|11–13時|11–13|11:00|13:00", "s15|15–17時|15–17|15:00|17:00").with(StaffLogin.admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(reservations.room(room).orElseThrow().slots()).extracting(Slot::code).containsExactly("s11", "s15");

        // once the booking is cancelled, an empty list gives the room back the wider scope's slots
        cancellations.byBooker(resident.id(), booked.booking().id());
        mvc.perform(save(room, "||||").with(StaffLogin.admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(reservations.room(room).orElseThrow().slots()).extracting(Slot::code).containsExactly("am", "pm", "night");

        // a round not yet drawn holds the other room's slots as they are
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        lottery.createRound(LotteryFixtures.openRound("コマ変更テスト " + place.facilityId(), month, java.util.List.of(other), 2, 2), null);
        assertThat(body(mvc.perform(save(other, "s09|9–11時|9–11|09:00|11:00").param("lang", "en").with(StaffLogin.admin(jdbc)))
            .andExpect(status().isUnprocessableEntity()))).contains("Lottery rounds not yet drawn (1) cover rooms of this scope.");
    }

    /** A rule prices its slots differently: the page, bad amounts refused, bookings and holds take the slot's fee. */
    @Test
    void aRulePricesItsSlotsDifferentlyAndBookingsTakeTheSlotsFee() throws Exception {
        var facility = TestRooms.create(jdbc, 1);
        long room = facility.rooms()[0];
        var noRule = body(mvc.perform(get("/staff/reservations/rules/slot-fees").param("facility", facility.id()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()));
        assertThat(noRule).contains("先に規則を作ってください").doesNotContain("name=\"fee.am.resident\"");
        mvc.perform(post("/staff/reservations/rules/slot-fees").param("facility", facility.id()).with(StaffLogin.admin(jdbc)).with(csrf())
            .param("fee.am.resident", "500").param("fee.am.nonResident", "800").param("fee.am.commercial", "1600"))
            .andExpect(status().isConflict());
        jdbc.sql("""
                insert into reservation_rule (facility_id, window_days, cutoff_days, monthly_cap, fee_resident, fee_non_resident,
                    fee_commercial, cancel_deadline_days) values (?, 90, 1, 8, 1000, 1500, 3000, 7)""").param(facility.id()).update();

        String bad = body(mvc.perform(post("/staff/reservations/rules/slot-fees").param("facility", facility.id()).with(StaffLogin.admin(jdbc))
            .with(csrf()).param("fee.am.resident", "abc").param("fee.am.nonResident", "800").param("fee.am.commercial", "1600")
            .param("fee.night.resident", "2000")).andExpect(status().isUnprocessableEntity()));
        assertThat(bad).contains("コマ「am」：金額は").contains("コマ「night」：金額は").contains("href=\"#fee-am-resident\"")
            .contains("value=\"abc\"");
        assertThat(reservations.room(room).orElseThrow().slotFee("am", true)).isEqualTo(1000);

        mvc.perform(post("/staff/reservations/rules/slot-fees").param("facility", facility.id()).with(StaffLogin.admin(jdbc)).with(csrf())
            .param("fee.am.resident", "500").param("fee.am.nonResident", "800").param("fee.am.commercial", "1600")
            .param("fee.night.resident", "2000").param("fee.night.nonResident", "3000").param("fee.night.commercial", "6000"))
            .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.slot-fees.update' and subject = ?")
            .param("rule:facility:" + facility.id()).query(Long.class).single()).isEqualTo(1L);
        var bookable = reservations.room(room).orElseThrow();
        assertThat(bookable.slotFee("am", true)).isEqualTo(500);
        assertThat(bookable.slotFee("pm", true)).isEqualTo(1000);
        assertThat(bookable.slotFee("night", false)).isEqualTo(3000);
        assertThat(bookable.feesVary()).isTrue();
        assertThat(body(mvc.perform(get("/reservations/rooms/" + room)).andExpect(status().isOk())))
            .contains("使用料はコマによって違います").contains("500円（区外の方 800円）").contains("1,000円（区外の方 1,500円）");

        var resident = TestResidents.create(jdbc, "RESIDENT");
        LocalDate day = TestRooms.openDay(reservations, room, 5, "am");
        assertThat(bookings.book(new BookingRequest(resident.id(), null, room, day, "am", null, UUID.randomUUID().toString(), null, false, null)).booking().fee()).isEqualTo(500);
        var held = checkout.hold(resident.id(), null, room, day, "night", null, UUID.randomUUID().toString(), true);
        assertThat(held.booking().fee()).isEqualTo(6000);
    }
}
