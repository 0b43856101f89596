package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Resident pages and the API's rules: availability, check-and-book, my bookings, cancelling, bad input. */
@MachiTest
class FirstComeBookingTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired jp.machi.facility.Facilities facilities;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }


    jp.machi.reservation.booking.BookableRoom room() {
        // the first demo hall (other tests add facilities of their own, open every day, which may sort first)
        return service.byFacility().values().stream().flatMap(List::stream)
            .filter(r -> r.facility().id().startsWith("nerima-")).findFirst().orElseThrow();
    }

    Availability open(jp.machi.reservation.booking.BookableRoom room, int fromDays) {
        var today = service.today();
        return service.availability(room, today.plusDays(fromDays), today.plusDays(fromDays + 20)).stream()
            .filter(a -> a.status() == Availability.Status.OPEN).findFirst().orElseThrow();
    }

    @Test
    void residentsFindARoomAndSeeItsWeekAndMonthInBothLanguages() throws Exception {
        var room = room();
        assertThat(body(mvc.perform(get("/reservations")).andExpect(status().isOk()))).contains("施設を予約する")
            .contains("/reservations/rooms/" + room.room().id());
        assertThat(body(mvc.perform(get("/reservations").param("lang", "en")).andExpect(status().isOk()))).contains("Book a room");
        String week = body(mvc.perform(get("/reservations/rooms/" + room.room().id())).andExpect(status().isOk()));
        assertThat(week).contains("<caption").contains("scope=\"row\"").contains("午前").contains("空き");
        String month = body(mvc.perform(get("/reservations/rooms/" + room.room().id()).param("period", "month")
            .param("start", service.today().plusMonths(1).withDayOfMonth(1).toString()).param("lang", "en"))
            .andExpect(status().isOk()));
        assertThat(month).contains("Morning").contains("Free").contains("closed");
        mvc.perform(get("/reservations/rooms/999999999")).andExpect(status().isNotFound());
        mvc.perform(get("/reservations/rooms/abc")).andExpect(status().isNotFound());
        mvc.perform(get("/reservations/rooms/" + room.room().id()).param("start", "2026-13-45")).andExpect(status().isOk());
        assertThat(body(mvc.perform(get("/")).andExpect(status().isOk()))).contains("/reservations");
    }

    @Test
    void theAvailabilityApiAnswersSlotsAndNamesBadParameters() throws Exception {
        var room = room();
        var today = service.today();
        String json = body(mvc.perform(get("/api/v1/rooms/" + room.room().id() + "/availability")
            .param("from", today.toString()).param("to", today.plusDays(13).toString())).andExpect(status().isOk()));
        assertThat(json).contains("\"slot\":\"am\"").contains("\"start\":\"09:00\"").contains("\"status\":\"open\"")
            .contains("\"status\":\"closed\"");
        assertThat(body(mvc.perform(get("/api/v1/rooms/" + room.room().id() + "/availability").param("from", "x")
            .param("to", today.toString())).andExpect(status().isBadRequest()))).contains("\"parameter\":\"from\"");
        assertThat(body(mvc.perform(get("/api/v1/rooms/" + room.room().id() + "/availability").param("from", today.toString())
            .param("to", today.plusDays(200).toString())).andExpect(status().isBadRequest()))).contains("\"parameter\":\"to\"");
        mvc.perform(get("/api/v1/rooms/999999999/availability").param("from", today.toString()).param("to", today.toString()))
            .andExpect(status().isNotFound());
    }

    @Test
    void theApiRefusesWhatTheRulesForbidWithA409AndBadInputWithA400() throws Exception {
        var room = room();
        var who = TestResidents.create(jdbc, "NON_RESIDENT");
        var today = service.today();
        String bearer = "Bearer " + who.token();
        String ok = "{\"roomId\":" + room.room().id() + ",\"date\":\"%s\",\"slot\":\"%s\"}";
        // the first day past the booking window on which the hall is open for the morning (a closed day answers
        // "closed" first, whatever the window)
        var am = room.slot("am").orElseThrow();
        var beyond = today.plusDays(room.rules().windowDays() + 1);
        for (int i = 0; i < 60 && !BookableRooms.opensFor(facilities.hoursOn(room.facility().id(), beyond).orElse(null), am); i++) {
            beyond = beyond.plusDays(1);
        }
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).header("Idempotency-Key", "a1")
            .contentType("application/json").content(ok.formatted(beyond, "am"))).andExpect(status().isConflict())))
            .contains("outside-window");
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).header("Idempotency-Key", "a2")
            .contentType("application/json").content(ok.formatted(today.plusDays(20), "lunch"))).andExpect(status().isConflict())))
            .contains("unknown-slot");
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).header("Idempotency-Key", "a3")
            .contentType("application/json").content(ok.formatted(today.minusDays(1), "am"))).andExpect(status().isConflict())))
            .contains("\"code\"");
        mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).contentType("application/json")
            .content(ok.formatted(today.plusDays(20), "am"))).andExpect(status().isBadRequest());
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).header("Idempotency-Key", "a4")
            .contentType("application/json").content("{not json")).andExpect(status().isBadRequest()))).contains("\"parameter\":\"body\"");
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).header("Idempotency-Key", "a5")
            .contentType("application/json").content("{\"roomId\":1,\"date\":\"2026-02-30\",\"slot\":\"am\"}"))
            .andExpect(status().isBadRequest()))).contains("\"parameter\":\"date\"");
        for (String bad : new String[] {"\"abc\"", "\"\"", "1.5", "true", "null", "{}"}) {
            assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).header("Idempotency-Key", "r" + bad.hashCode())
                .contentType("application/json").content("{\"roomId\":" + bad + ",\"date\":\"2027-01-10\",\"slot\":\"am\"}"))
                .andExpect(status().isBadRequest()))).as(bad).contains("\"parameter\":\"roomId\"");
        }
        mvc.perform(post("/api/v1/bookings").header("Idempotency-Key", "a6").contentType("application/json")
            .content(ok.formatted(today.plusDays(20), "am"))).andExpect(status().isUnauthorized());
        var unregistered = TestResidents.create(jdbc, null);
        Availability slot = open(room, 20);
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + unregistered.token())
            .header("Idempotency-Key", "a7").contentType("application/json")
            .content(ok.formatted(slot.date(), slot.slot().code()))).andExpect(status().isConflict()))).contains("not-registered");
        // a closed day (the demo halls close on Mondays)
        var monday = today.plusDays(7).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", bearer).header("Idempotency-Key", "a8")
            .contentType("application/json").content(ok.formatted(monday, "am"))).andExpect(status().isConflict())))
            .contains("\"code\":\"closed\"");
        assertThat(jdbc.sql("select count(*) from reservation_booking where booker_account_id in (?, ?)")
            .params(who.id(), unregistered.id()).query(Long.class).single()).isZero();
    }

    @Test
    void aNonResidentBooksThroughTheApiPaysTheNonResidentFeeAndCancelsWithARefund() throws Exception {
        var room = room();
        var who = TestResidents.create(jdbc, "NON_RESIDENT");
        Availability slot = open(room, 30);
        String created = body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + who.token())
            .header("Idempotency-Key", "k-1").contentType("application/json")
            .content("{\"roomId\":" + room.room().id() + ",\"date\":\"" + slot.date() + "\",\"slot\":\"" + slot.slot().code() + "\"}"))
            .andExpect(status().isCreated()));
        assertThat(created).contains("\"fee\":" + room.rules().feeNonResident()).contains("\"status\":\"CONFIRMED\"");
        String id = created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        assertThat(body(mvc.perform(get("/api/v1/bookings").header("Authorization", "Bearer " + who.token()))
            .andExpect(status().isOk()))).contains("\"id\":" + id);
        String cancelled = body(mvc.perform(delete("/api/v1/bookings/" + id).header("Authorization", "Bearer " + who.token()))
            .andExpect(status().isOk()));
        assertThat(cancelled).contains("\"status\":\"CANCELLED\"").contains("\"refund\":" + room.rules().feeNonResident());
        mvc.perform(delete("/api/v1/bookings/" + id).header("Authorization", "Bearer " + who.token())).andExpect(status().isConflict());
        var other = TestResidents.create(jdbc, "RESIDENT");
        mvc.perform(delete("/api/v1/bookings/" + id).header("Authorization", "Bearer " + other.token())).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from mail_outbox where template like 'reservation/%' and recipient like ?")
            .param("booker-%").query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aResidentRegistersChecksTheAnswersBooksAndCancelsInTheBrowser() throws Exception {
        var room = room();
        var who = TestResidents.create(jdbc, null);
        String bearer = "Bearer " + who.token();
        Availability slot = open(room, 45);
        String newPath = "/account/bookings/new?room=" + room.room().id() + "&date=" + slot.date() + "&slot=" + slot.slot().code();
        String redirect = mvc.perform(get(newPath).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().is3xxRedirection())
            .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).startsWith("/account/bookings/registration");
        assertThat(body(mvc.perform(get(redirect).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk()))).contains("利用者登録");
        mvc.perform(post("/account/bookings/registration").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isBadRequest());
        mvc.perform(post("/account/bookings/registration").with(jp.machi.support.SignedIn.resident(who.id())).param("residency", "STUDENT")
            .param("room", "" + room.room().id()).param("date", slot.date().toString()).param("slot", slot.slot().code()))
            .andExpect(status().is3xxRedirection());
        String check = body(mvc.perform(get(newPath).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk()));
        assertThat(check).contains("予約内容の確認").contains("区民料金").contains("在学");
        String key = check.replaceAll("(?s).*name=\"key\" value=\"([^\"]+)\".*", "$1");
        String done = mvc.perform(post("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id())).param("room", "" + room.room().id())
            .param("date", slot.date().toString()).param("slot", slot.slot().code()).param("key", key).param("commercial", "false"))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        // a double click sends the same form again: the same booking, not a second one
        String again = mvc.perform(post("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id())).param("room", "" + room.room().id())
            .param("date", slot.date().toString()).param("slot", slot.slot().code()).param("key", key).param("commercial", "false"))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(again).isEqualTo(done);
        // the slot is held while the resident checks the fee (checkout), then confirmed
        assertThat(done).endsWith("/checkout");
        assertThat(body(mvc.perform(get(done).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk()))).contains("使用料の確認");
        done = mvc.perform(post(done.replace("/checkout", "/confirm")).with(jp.machi.support.SignedIn.resident(who.id())).param("reduction", ""))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(body(mvc.perform(get(done).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("予約が確定しました").contains("この予約を取り消す");
        assertThat(body(mvc.perform(get("/account/bookings").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("<caption").contains("予約確定");
        // somebody else asks for the same slot in the browser: a clear 409 page, no booking
        var late = TestResidents.create(jdbc, "RESIDENT");
        assertThat(body(mvc.perform(post("/account/bookings/new").with(jp.machi.support.SignedIn.resident(late.id()))
            .param("room", "" + room.room().id()).param("date", slot.date().toString()).param("slot", slot.slot().code())
            .param("key", java.util.UUID.randomUUID().toString()).param("commercial", "false")).andExpect(status().isConflict()))).contains("先に予約されました");
        String id = done.replaceAll("\\D+(\\d+).*", "$1");
        mvc.perform(post("/account/bookings/" + id + "/cancel").with(jp.machi.support.SignedIn.resident(late.id())))
            .andExpect(status().isNotFound());
        // cancelling is never one tap: without the confirmation step's answer the POST leads to the step, nothing happens
        assertThat(mvc.perform(post("/account/bookings/" + id + "/cancel").with(jp.machi.support.SignedIn.resident(who.id())))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/account/bookings/" + id + "/cancel");
        assertThat(jdbc.sql("select status from reservation_booking where id = ?").param(Long.parseLong(id)).query(String.class).single())
            .isEqualTo("CONFIRMED");
        mvc.perform(get("/account/bookings/" + id + "/cancel").with(jp.machi.support.SignedIn.resident(late.id())))
            .andExpect(status().isNotFound());
        String step = body(mvc.perform(get("/account/bookings/" + id + "/cancel").with(jp.machi.support.SignedIn.resident(who.id())))
            .andExpect(status().isOk()));
        assertThat(step).contains("この予約を取り消しますか").contains("無料で取り消せます").contains("ペナルティはありません");
        mvc.perform(post("/account/bookings/" + id + "/cancel").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("refund", step.replaceAll("(?s).*name=\"refund\" value=\"(\\d+)\".*", "$1"))
            .param("points", step.replaceAll("(?s).*name=\"points\" value=\"(\\d+)\".*", "$1")))
            .andExpect(status().is3xxRedirection());
        assertThat(body(mvc.perform(get("/account/bookings/" + id).param("lang", "en").with(jp.machi.support.SignedIn.resident(who.id())))
            .andExpect(status().isOk()))).contains("Cancelled").contains("Nothing to pay").contains("Penalty").contains("None");
        mvc.perform(get("/account/bookings/new?room=1&date=bad&slot=am").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().is4xxClientError());
    }
}
