package jp.machi.reservation.booking;

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

/** Staff split a room into parts and cannot remove a part a booking names. */
@MachiTest
class PartEditorTest extends StaffEditorFixture {

    /** Staff split a room into parts on a page: bad rows refused; a part a booking names cannot be removed. */
    @Test
    void staffSplitARoomIntoPartsAndCannotRemoveAPartABookingNames() throws Exception {
        var facility = TestRooms.create(jdbc, 1);
        long room = facility.rooms()[0];
        assertThat(body(mvc.perform(get("/staff/reservations/rules/parts").param("room", "" + room).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()))).contains("name=\"parts[0].code\"");
        mvc.perform(get("/staff/reservations/rules/parts").with(StaffLogin.admin(jdbc))).andExpect(status().isNotFound());
        mvc.perform(get("/staff/reservations/rules/parts").param("room", "" + room).with(StaffLogin.staff(jdbc)))
            .andExpect(status().isNotFound());

        String bad = body(mvc.perform(parts(room, "a|A面|Court A|x").with(StaffLogin.admin(jdbc))).andExpect(status().isUnprocessableEntity()));
        assertThat(bad).contains("区画 1：定員は0以上の整数").contains("区画は二つ以上にしてください");
        assertThat(body(mvc.perform(parts(room, "A|A面|Court A|15", "b||Court B|15").with(StaffLogin.admin(jdbc)))
            .andExpect(status().isUnprocessableEntity()))).contains("区画 1：記号は").contains("区画 2：日本語の名前");
        assertThat(reservations.parts(room)).isEmpty();

        mvc.perform(parts(room, "a|A面|Court A|15", "b|B面|Court B|15").with(StaffLogin.admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(reservations.parts(room)).extracting(p -> p.code()).containsExactly("a", "b");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.parts.update' and subject = ?")
            .param("parts:room:" + room).query(Long.class).single()).isEqualTo(1L);

        var resident = TestResidents.create(jdbc, "RESIDENT");
        LocalDate day = TestRooms.openDay(reservations, room, 5, "am");
        bookings.book(new BookingRequest(resident.id(), null, room, day, "am", "a", UUID.randomUUID().toString(), null, false, null));
        assertThat(body(mvc.perform(parts(room, "b|B面|Court B|15", "c|C面|Court C|15").with(StaffLogin.admin(jdbc)))
            .andExpect(status().isUnprocessableEntity()))).contains("予約で使われた区画（a）は消せません。");
        assertThat(reservations.parts(room)).extracting(p -> p.code()).containsExactly("a", "b");
        mvc.perform(parts(room, "a|A面（北側）|Court A (north)|20", "b|B面|Court B|15", "c|C面|Court C|10").with(StaffLogin.admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(reservations.parts(room)).extracting(p -> p.labelJa()).containsExactly("A面（北側）", "B面", "C面");
    }
}
