package jp.machi.reservation.groups;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import jp.machi.reservation.TestGroups;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.reservation.Refused;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/** Maintenance and 行政使用 blocks: they cancel the bookings they cover, tell the bookers and close their slots until removed. */
@MachiTest
class BlocksTest extends GroupsFixture {

    @Test
    void aBlockCancelsTheBookingsItCoversTellsTheBookersAndClosesItsSlotsUntilRemoved() throws Exception {
        TestMailbox.start();
        var facility = TestRooms.create(jdbc, 2);
        long roomA = facility.rooms()[0];
        long roomB = facility.rooms()[1];
        LocalDate day = service.today().plusDays(20);
        var alice = resident("RESIDENT");
        var bob = resident("RESIDENT");
        long inBlock = bookings.book(new BookingRequest(alice.id(), null, roomA, day, "am", null, UUID.randomUUID().toString(), null, false, null)).booking().id();
        long otherSlot = bookings.book(new BookingRequest(bob.id(), null, roomA, day, "pm", null, UUID.randomUUID().toString(), null, false, null)).booking().id();
        long otherRoom = bookings.book(new BookingRequest(bob.id(), null, roomB, day, "am", null, UUID.randomUUID().toString(), null, false, null)).booking().id();

        // bad input: 422 with messages, nothing written
        String bad = body(mvc.perform(post("/staff/reservations/blocks").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("facility", facility.id()).param("room", "" + roomA).param("kind", "MAINTENANCE")
            .param("from", day.toString()).param("to", day.minusDays(1).toString()).param("slots", "zz").param("reason", ""))
            .andExpect(status().isUnprocessableEntity()));
        assertThat(bad).contains("終了日を開始日以降").contains("理由を200文字以内").contains("選んだコマがこの室場にありません");
        mvc.perform(post("/staff/reservations/blocks").with(csrf()).with(StaffLogin.staff(jdbc))
            .param("facility", facility.id()).param("kind", "MAINTENANCE").param("from", day.toString())
            .param("to", day.toString()).param("reason", "点検")).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from reservation_block where facility_id = ?").param(facility.id())
            .query(Long.class).single()).isZero();

        mvc.perform(post("/staff/reservations/blocks").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("facility", facility.id()).param("room", "" + roomA).param("kind", "MAINTENANCE")
            .param("from", day.toString()).param("to", day.plusDays(1).toString()).param("slots", "am")
            .param("reason", "空調設備の点検")).andExpect(status().is3xxRedirection());
        assertThat(bookings.booking(inBlock).orElseThrow().status().name()).isEqualTo("CANCELLED");
        assertThat(bookings.booking(inBlock).orElseThrow().refund()).isEqualTo(bookings.booking(inBlock).orElseThrow().fee());
        assertThat(bookings.booking(otherSlot).orElseThrow().active()).isTrue();
        assertThat(bookings.booking(otherRoom).orElseThrow().active()).isTrue();
        assertThat(TestMailbox.awaitMailsTo(email(alice.id()), 2, java.time.Duration.ofSeconds(20)).stream()
            .map(TestMailbox::text)).anyMatch(t -> t.contains("空調設備の点検") && t.contains("区の都合"));
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.block.create' and detail like ?")
            .param("%" + facility.id() + "%").query(Long.class).single()).isEqualTo(1);

        var room = service.room(roomA).orElseThrow();
        var cells = service.availability(room, day, day.plusDays(1));
        assertThat(cells).filteredOn(a -> a.slot().code().equals("am"))
            .allMatch(a -> a.status() == Availability.Status.CLOSED && "maintenance".equals(a.reason()));
        assertThatThrownBy(() -> bookings.book(new BookingRequest(bob.id(), null, roomA, day.plusDays(1), "am", null, UUID.randomUUID().toString(), null, false, null)))
            .isInstanceOf(Refused.class).hasMessage("blocked");
        assertThat(body(mvc.perform(get("/reservations/rooms/" + roomA).param("start", day.toString())).andExpect(status().isOk())))
            .contains("点検・工事");
        String page = body(mvc.perform(get("/staff/reservations/blocks").param("facility", facility.id())
            .with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        assertThat(page).contains("空調設備の点検");

        // 行政使用 of the whole facility for a day: every room, every slot
        mvc.perform(post("/staff/reservations/blocks").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("facility", facility.id()).param("room", "").param("kind", "ADMIN_USE")
            .param("from", day.toString()).param("to", day.toString()).param("reason", "選挙の投票所"))
            .andExpect(status().is3xxRedirection());
        assertThat(bookings.booking(otherSlot).orElseThrow().active()).isFalse();
        assertThat(bookings.booking(otherRoom).orElseThrow().active()).isFalse();
        assertThat(TestMailbox.awaitMailsTo(email(bob.id()), 4, java.time.Duration.ofSeconds(20)).stream()
            .map(TestMailbox::text).filter(t -> t.contains("選挙の投票所"))).hasSize(2);

        // removing a block frees its slots
        long blockId = jdbc.sql("select id from reservation_block where facility_id = ? and kind = 'MAINTENANCE'")
            .param(facility.id()).query(Long.class).single();
        mvc.perform(post("/staff/reservations/blocks/" + blockId + "/remove").with(csrf()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(bookings.book(new BookingRequest(bob.id(), null, roomA, day.plusDays(1), "am", null, UUID.randomUUID().toString(), null, false, null)).created()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.block.remove' and subject = ?")
            .param("block:" + blockId).query(Long.class).single()).isEqualTo(1);
    }
}
