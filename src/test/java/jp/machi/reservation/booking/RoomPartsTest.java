package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/** Splittable rooms: whole or parts, the database's guarantee, the API's optional part and its bad input. */
@MachiTest
class RoomPartsTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }


    LocalDate openDay(long roomId, int days) {
        return TestRooms.openDay(service, roomId, days, "night");
    }

    long insertBooking(long roomId, String facilityId, LocalDate date, String part, long booker) {
        return jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, fee_rule, idempotency_key, part_code)
                values (?, ?, ?, 'night', '18:00', '21:30', ?, 'CONFIRMED', 0, 'resident/ward', ?, ?) returning id""")
            .params(roomId, facilityId, date, booker, UUID.randomUUID().toString(), part).query(Long.class).single();
    }

    @Test
    void theDatabaseAloneKeepsWholeAndPartsExclusive() {
        var hall = TestRooms.create(jdbc, "taiikukan", 80, false, true);
        long booker = TestResidents.create(jdbc, "RESIDENT").id();
        LocalDate day = openDay(hall.roomId(), 30);

        long a = insertBooking(hall.roomId(), hall.facilityId(), day, "a", booker);
        insertBooking(hall.roomId(), hall.facilityId(), day, "b", booker);  // the two parts side by side: fine
        assertThatThrownBy(() -> insertBooking(hall.roomId(), hall.facilityId(), day, null, booker))
            .as("whole room while parts are booked").isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> insertBooking(hall.roomId(), hall.facilityId(), day, "a", booker))
            .as("the same part twice").isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> insertBooking(hall.roomId(), hall.facilityId(), day, "z", booker))
            .as("a part the room does not have").isInstanceOf(DataIntegrityViolationException.class);

        // cancelling frees the claims; the whole room still clashes with the remaining part b
        jdbc.sql("update reservation_booking set status = 'CANCELLED' where id = ?").param(a).update();
        assertThat(jdbc.sql("select count(*) from reservation_claim where booking_id = ?").param(a).query(Long.class).single())
            .isZero();
        assertThatThrownBy(() -> insertBooking(hall.roomId(), hall.facilityId(), day, null, booker))
            .isInstanceOf(DuplicateKeyException.class);
        jdbc.sql("update reservation_booking set status = 'CANCELLED' where room_id = ? and use_date = ?")
            .params(hall.roomId(), day).update();

        // whole first: then no part can be booked, and no cancelled booking can be switched back on
        long whole = insertBooking(hall.roomId(), hall.facilityId(), day, null, booker);
        assertThat(jdbc.sql("select string_agg(unit, ',' order by unit collate \"C\") from reservation_claim where booking_id = ?")
            .param(whole).query(String.class).single()).isEqualTo("*,a,b");
        assertThatThrownBy(() -> insertBooking(hall.roomId(), hall.facilityId(), day, "b", booker))
            .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.sql("update reservation_booking set status = 'CONFIRMED' where id = ?").param(a).update())
            .isInstanceOf(DuplicateKeyException.class);

        // a part added later is claimed at once by the whole-room booking
        jdbc.sql("insert into reservation_room_part (room_id, code, label_ja, label_en) values (?, 'c', 'C面', 'Court C')")
            .param(hall.roomId()).update();
        assertThatThrownBy(() -> insertBooking(hall.roomId(), hall.facilityId(), day, "c", booker))
            .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theApiBooksPartsAndTheWholeRoomNeverOverlaps() throws Exception {
        var hall = TestRooms.create(jdbc, "taiikukan", 80, false, true);
        LocalDate day = openDay(hall.roomId(), 30);
        var ann = TestResidents.create(jdbc, "RESIDENT");
        var ben = TestResidents.create(jdbc, "RESIDENT");
        var cat = TestResidents.create(jdbc, "RESIDENT");
        String a = body(book(ann.token(), "k1-" + UUID.randomUUID(), hall.roomId(), day, "\"a\"").andExpect(status().isCreated()));
        assertThat(a).contains("\"part\":\"a\"").contains("\"slot\":\"night\"");
        assertThat(body(book(ben.token(), "k2-" + UUID.randomUUID(), hall.roomId(), day, "\"b\"").andExpect(status().isCreated())))
            .contains("\"part\":\"b\"");
        assertThat(body(book(cat.token(), "k3-" + UUID.randomUUID(), hall.roomId(), day, null).andExpect(status().isConflict())))
            .contains("\"code\":\"taken\"");

        // availability: the whole room and both parts are booked, the part view says so per part
        String base = "/api/v1/rooms/" + hall.roomId() + "/availability";
        String whole = body(mvc.perform(get(base).param("from", day.toString()).param("to", day.toString())).andExpect(status().isOk()));
        assertThat(whole).contains("{\"date\":\"" + day + "\",\"slot\":\"night\",\"start\":\"18:00\",\"end\":\"21:30\",\"status\":\"booked\"}");
        String partA = body(mvc.perform(get(base).param("from", day.toString()).param("to", day.toString()).param("part", "a"))
            .andExpect(status().isOk()));
        assertThat(partA).contains("\"part\":\"a\"").contains("\"slot\":\"night\"").contains("\"status\":\"booked\"")
            .contains("\"slot\":\"am\"");
        mvc.perform(get(base).param("from", day.toString()).param("to", day.toString()).param("part", "zz"))
            .andExpect(status().isNotFound());

        // the same key again: the same booking; the same key for the other part: refused
        String key = "same-" + UUID.randomUUID();
        LocalDate next = openDay(hall.roomId(), 52);
        String first = body(book(cat.token(), key, hall.roomId(), next, "\"a\"").andExpect(status().isCreated()));
        String again = body(book(cat.token(), key, hall.roomId(), next, "\"a\"").andExpect(status().isOk()));
        assertThat(again).isEqualTo(first);
        assertThat(body(book(cat.token(), key, hall.roomId(), next, "\"b\"").andExpect(status().isConflict())))
            .contains("\"code\":\"key-reused\"");
        // part b is still free, the whole room is not
        String nextB = body(mvc.perform(get(base).param("from", next.toString()).param("to", next.toString()).param("part", "b")));
        assertThat(nextB).contains("\"slot\":\"night\",\"part\":\"b\",\"start\":\"18:00\",\"end\":\"21:30\",\"status\":\"open\"");
    }

    @Test
    void badPartsAreClearFourHundreds() throws Exception {
        var hall = TestRooms.create(jdbc, "taiikukan", 80, false, true);
        var plain = TestRooms.create(jdbc, "kumin-kan", 20, false, false);
        LocalDate day = openDay(hall.roomId(), 35);
        LocalDate plainDay = openDay(plain.roomId(), 35);
        var who = TestResidents.create(jdbc, "RESIDENT");
        assertThat(body(book(who.token(), UUID.randomUUID().toString(), hall.roomId(), day, "\"zz\"")
            .andExpect(status().isConflict()))).contains("\"code\":\"unknown-part\"").contains("区画はありません");
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + who.token())
            .header("Idempotency-Key", UUID.randomUUID().toString()).header("Accept-Language", "en")
            .contentType("application/json")
            .content("{\"roomId\":" + plain.roomId() + ",\"date\":\"" + plainDay + "\",\"slot\":\"night\",\"part\":\"a\"}"))
            .andExpect(status().isConflict()))).contains("\"code\":\"not-splittable\"").contains("cannot be booked in parts");
        for (String bad : new String[] {"12", "\"A!\"", "\"\"", "{}", "\"" + "x".repeat(17) + "\""}) {
            assertThat(body(book(who.token(), UUID.randomUUID().toString(), hall.roomId(), day, bad)
                .andExpect(status().isBadRequest()))).as(bad).contains("\"parameter\":\"part\"");
        }
        mvc.perform(get("/api/v1/rooms/" + plain.roomId() + "/availability").param("from", plainDay.toString())
            .param("to", plainDay.toString()).param("part", "a")).andExpect(status().isNotFound());
        // the pages: an unknown part is a 404 on the room page and a 400 when booking
        mvc.perform(get("/reservations/rooms/" + hall.roomId()).param("part", "zz")).andExpect(status().isNotFound());
        mvc.perform(get("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("room", String.valueOf(plain.roomId())).param("date", plainDay.toString()).param("slot", "night")
            .param("part", "a")).andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from reservation_booking where booker_account_id = ?").param(who.id())
            .query(Long.class).single()).isZero();
    }

    @Test
    void residentsBookAPartOnThePagesAndSeeIt() throws Exception {
        var hall = TestRooms.create(jdbc, "taiikukan", 80, false, true);
        LocalDate day = openDay(hall.roomId(), 40);
        var who = TestResidents.create(jdbc, "RESIDENT");
        String bearer = "Bearer " + who.token();
        String page = body(mvc.perform(get("/reservations/rooms/" + hall.roomId()).param("part", "b")
            .param("start", day.toString())).andExpect(status().isOk()));
        assertThat(page).contains("B面").contains("aria-current=\"page\"").contains("全面")
            .contains("/account/bookings/new?room=" + hall.roomId() + "&amp;date=" + day + "&amp;slot=night&amp;part=b");
        String confirm = body(mvc.perform(get("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("room", String.valueOf(hall.roomId())).param("date", day.toString()).param("slot", "night").param("part", "b"))
            .andExpect(status().isOk()));
        assertThat(confirm).contains("区画").contains("B面").contains("name=\"part\" value=\"b\"");
        String location = mvc.perform(post("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id()))
                .param("room", String.valueOf(hall.roomId())).param("date", day.toString()).param("slot", "night")
                .param("part", "b").param("key", UUID.randomUUID().toString()).param("commercial", "false"))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.replaceAll("\\D*(\\d+).*", "$1"));
        assertThat(jdbc.sql("select part_code from reservation_booking where id = ?").param(id).query(String.class).single())
            .isEqualTo("b");
        assertThat(body(mvc.perform(get("/account/bookings/" + id).with(jp.machi.support.SignedIn.resident(who.id())).param("lang", "en"))
            .andExpect(status().isOk()))).contains("Court B");
        // now the whole room is booked, part a is free
        String whole = body(mvc.perform(get("/reservations/rooms/" + hall.roomId()).param("start", day.toString())));
        assertThat(whole).doesNotContain("date=" + day + "&amp;slot=night&amp;part=\"").contains("予約済");
        String partA = body(mvc.perform(get("/reservations/rooms/" + hall.roomId()).param("start", day.toString())
            .param("part", "a")));
        assertThat(partA).contains("date=" + day + "&amp;slot=night&amp;part=a\"");
        String wholeBook = body(mvc.perform(post("/account/bookings/new")
            .with(jp.machi.support.SignedIn.resident(TestResidents.create(jdbc, "RESIDENT").id()))
            .param("room", String.valueOf(hall.roomId())).param("date", day.toString()).param("slot", "night")
            .param("key", UUID.randomUUID().toString()).param("commercial", "false")).andExpect(status().isConflict()));
        assertThat(wholeBook).contains("先に予約");
    }

    @Test
    void staffSeeEveryPartBookingOfASlotInTheWeek() throws Exception {
        var hall = TestRooms.create(jdbc, "taiikukan", 80, false, true);
        LocalDate day = openDay(hall.roomId(), 60);
        long a = bookings.book(new BookingRequest(TestResidents.create(jdbc, "RESIDENT").id(), null, hall.roomId(), day, "night", "a", UUID.randomUUID().toString(), null, false, null)).booking().id();
        long b = bookings.book(new BookingRequest(TestResidents.create(jdbc, "RESIDENT").id(), null, hall.roomId(), day, "night", "b", UUID.randomUUID().toString(), null, false, null)).booking().id();
        String week = body(mvc.perform(get("/staff/reservations").with(StaffLogin.admin(jdbc))
            .param("facility", hall.facilityId()).param("date", day.toString())).andExpect(status().isOk()));
        assertThat(week).contains("/staff/reservations/bookings/" + a + "\"").contains("/staff/reservations/bookings/" + b + "\"")
            .contains("A面").contains("B面");
        assertThat(body(mvc.perform(get("/staff/reservations/bookings/" + b).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()))).contains("区画").contains("B面");
    }

    ResultActions book(String token, String key, long roomId, LocalDate date, String partJson) throws Exception {
        String body = "{\"roomId\":" + roomId + ",\"date\":\"" + date + "\",\"slot\":\"night\""
            + (partJson == null ? "" : ",\"part\":" + partJson) + "}";
        return mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
            .contentType("application/json").content(body));
    }
}
