package jp.machi.reservation.booking;

import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Pattern;
import jp.machi.reservation.TestResidents;
import jp.machi.shared.security.CurrentActor;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The staff week as a grid (rooms and slots × days), and a free slot that starts a booking for a caller through the
 * resident desk's proxy booking.
 */
@MachiTest
class StaffCalendarGridTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    MockMvc mvc;
    static final java.time.format.DateTimeFormatter H_MM = java.time.format.DateTimeFormatter.ofPattern("H:mm");

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    BookableRoom demoHall() {
        return service.byFacility().values().stream().flatMap(List::stream)
            .filter(r -> r.facility().id().startsWith("nerima-")).findFirst().orElseThrow();
    }

    Availability freeSlot(BookableRoom room, int days) {
        var today = service.today();
        return service.availability(room, today.plusDays(days), today.plusDays(days + 30)).stream()
            .filter(a -> a.status() == Availability.Status.OPEN && a.reason() == null).findFirst().orElseThrow();
    }

    /** The booking form's address as the slot page passes it to the desk (query characters encoded). */
    static String deskNext(BookableRoom room, Availability a) {
        return "/account/bookings/new?room%3D" + room.room().id() + "%26date%3D" + a.date() + "%26slot%3D" + a.slot().code();
    }

    @Test
    void theWeekIsAGridOfRoomsAndSlotsByDayWhoseFreeSlotsStartABooking() throws Exception {
        BookableRoom room = demoHall();
        Availability free = freeSlot(room, 25);
        String week = body(mvc.perform(get("/staff/reservations").param("facility", room.facility().id())
            .param("date", free.date().toString()).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        // seven day columns after the room-and-slot column; a row per room and slot
        assertThat(Pattern.compile("<th scope=\"col\"").matcher(week).results().count()).isEqualTo(8);
        assertThat(week).contains("室場・コマ × 日").contains("staff-grid-room").contains(free.slot().label(java.util.Locale.JAPANESE) + " "
            + H_MM.format(free.slot().start()) + "–" + H_MM.format(free.slot().end()));
        String link = "/staff/reservations/book?room=" + room.room().id() + "&amp;date=" + free.date() + "&amp;slot="
            + free.slot().code();
        assertThat(week).contains(link).contains("を電話・窓口の方のために予約する");
        assertThat(body(mvc.perform(get("/staff/reservations").param("facility", room.facility().id()).param("lang", "en")
            .param("date", free.date().toString()).with(StaffLogin.admin(jdbc))).andExpect(status().isOk())))
            .contains("room and slot × day").contains("for a caller").doesNotContain("''");

        // the slot page: not acting for anyone yet, so the way on is the resident desk, which brings the staff back
        String book = body(mvc.perform(get("/staff/reservations/book").param("room", "" + room.room().id())
            .param("date", free.date().toString()).param("slot", free.slot().code()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()));
        String next = "/account/bookings/new?room=" + room.room().id() + "&date=" + free.date() + "&slot=" + free.slot().code();
        assertThat(book).contains(room.room().name().in(java.util.Locale.JAPANESE)).contains("令和")
            .contains("/staff/residents?next=" + deskNext(room, free))
            .contains("予約する方を探す").contains("href=\"/facilities/" + room.facility().id() + "\"");

        // the desk keeps where to go on: search, the resident's page, and starting to act lands on the booking form
        var caller = TestResidents.create(jdbc, "RESIDENT", "電話 カケル" + System.nanoTime() % 100000);
        String name = jdbc.sql("select display_name from account where id = ?").param(caller.id()).query(String.class).single();
        String desk = body(mvc.perform(get("/staff/residents").param("q", name).param("next", next)
            .with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        assertThat(desk).contains("name=\"next\"").contains("施設予約の途中です").contains("/staff/residents/" + caller.id() + "?next=");
        assertThat(body(mvc.perform(get("/staff/residents/" + caller.id()).param("next", next).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()))).contains("name=\"next\"").contains("施設予約の確認画面に進みます");
        mvc.perform(post("/staff/residents/" + caller.id() + "/proxy").param("next", next).with(csrf()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(next));
        // anything but a resident page of this site is ignored
        for (String bad : new String[] {"https://evil.example/account/", "//evil.example/account/x", "/staff/reservations",
            "/account/../staff", "/account/x?y=<script>"}) {
            mvc.perform(post("/staff/residents/" + caller.id() + "/proxy").param("next", bad).with(csrf()).with(StaffLogin.admin(jdbc)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/account?acting"));
        }

        // already acting for the caller: the slot page goes straight to the caller's booking form
        String acting = body(mvc.perform(get("/staff/reservations/book").param("room", "" + room.room().id())
            .param("date", free.date().toString()).param("slot", free.slot().code()).with(StaffLogin.admin(jdbc))
            .sessionAttr(CurrentActor.PROXY_SESSION_KEY, new CurrentActor.ProxySubject(caller.id(), name)))
            .andExpect(status().isOk()));
        assertThat(acting).contains(name + " さんの予約として進む").contains("href=\"" + next.replace("&", "&amp;") + "\"");
    }

    @Test
    void theSlotPageRefusesWhatStaffMayNotSeeOrWhatDoesNotExist() throws Exception {
        BookableRoom room = demoHall();
        Availability free = freeSlot(room, 30);
        mvc.perform(get("/staff/reservations/book").param("room", "" + room.room().id()).param("date", free.date().toString())
            .param("slot", free.slot().code()).with(StaffLogin.staff(jdbc))).andExpect(status().isNotFound());
        mvc.perform(get("/staff/reservations/book").param("room", "999999999").param("date", free.date().toString())
            .param("slot", free.slot().code()).with(StaffLogin.admin(jdbc))).andExpect(status().isNotFound());
        mvc.perform(get("/staff/reservations/book").param("room", "x").with(StaffLogin.admin(jdbc))).andExpect(status().isNotFound());
        mvc.perform(get("/staff/reservations/book").param("room", "" + room.room().id()).param("date", "2026-02-30")
            .param("slot", free.slot().code()).with(StaffLogin.admin(jdbc))).andExpect(status().isBadRequest());
        mvc.perform(get("/staff/reservations/book").param("room", "" + room.room().id()).param("date", free.date().toString())
            .param("slot", "no-such-slot").with(StaffLogin.admin(jdbc))).andExpect(status().isBadRequest());
        // a booked slot says so instead of offering to book it
        var who = TestResidents.create(jdbc, "RESIDENT");
        context.getBean(Bookings.class).book(new BookingRequest(who.id(), null, room.room().id(), free.date(), free.slot().code(),
            null, java.util.UUID.randomUUID().toString(), null, false, null));
        String booked = body(mvc.perform(get("/staff/reservations/book").param("room", "" + room.room().id())
            .param("date", free.date().toString()).param("slot", free.slot().code()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()));
        assertThat(booked).contains("いまは予約できません（予約済）").doesNotContain("/staff/residents?next=" + deskNext(room, free) + "\"");
    }

    @Test
    void theWeekLinksSayWhereTheyLeadAndEndingTheActingReturnsToTheWeek() throws Exception {
        BookableRoom room = demoHall();
        Availability free = freeSlot(room, 21);
        String week = body(mvc.perform(get("/staff/reservations").param("facility", room.facility().id())
            .param("date", free.date().toString()).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        java.time.LocalDate from = BookableRooms.weekStart(free.date());
        java.time.LocalDate next = from.plusDays(7);
        assertThat(week).contains("class=\"week-nav\"").contains("rel=\"next\"").contains("rel=\"prev\"")
            .contains("次の週（" + next.getMonthValue() + "月" + next.getDayOfMonth() + "日〜")
            .contains("今週に戻る");
        assertThat(body(mvc.perform(get("/staff/reservations").param("facility", room.facility().id()).param("lang", "en")
            .param("date", free.date().toString()).with(StaffLogin.admin(jdbc))).andExpect(status().isOk())))
            .contains("Next week (" + next.getDayOfMonth() + " ").contains("Back to this week");

        // stopping to act for a caller goes back to the week the booking was made from; anything else to the desk
        var caller = TestResidents.create(jdbc, "RESIDENT", "週 モドル" + System.nanoTime() % 100000);
        String weekPath = "/staff/reservations?facility=" + room.facility().id() + "&date=" + free.date();
        mvc.perform(post("/staff/proxy/end").param("next", weekPath).with(csrf()).with(StaffLogin.admin(jdbc))
                .sessionAttr(CurrentActor.PROXY_SESSION_KEY, new CurrentActor.ProxySubject(caller.id(), "x")))
            .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(weekPath));
        for (String bad : new String[] {"https://evil.example/staff/", "//evil.example/staff/x", "/account/bookings",
            "/staff/../account", "/staff/x?y=<script>"}) {
            mvc.perform(post("/staff/proxy/end").param("next", bad).with(csrf()).with(StaffLogin.admin(jdbc)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/staff/residents"));
        }
    }
}
