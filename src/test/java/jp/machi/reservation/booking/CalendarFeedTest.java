package jp.machi.reservation.booking;

import jp.machi.facility.TestFacilities;
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

/** The private iCalendar feed of a person's bookings behind a secret address that can be replaced. */
@MachiTest
class CalendarFeedTest extends MoneyRoomFixture {

    @Test
    void theCalendarFeedIsValidICalendarBehindASecretAddress() throws Exception {
        var who = TestResidents.create(jdbc, "RESIDENT");
        String bearer = "Bearer " + who.token();
        // a long address: its LOCATION line has to be folded
        TestFacilities.setAddress(jdbc, facilityId, "東京都練馬区テスト町一丁目二番三号、テスト会館ビル四階; 入口は北側".repeat(2));
        Availability slot = open(25);
        Booking b = checkout.bookNow(who.id(), roomId, slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), false, null)
            .booking();
        assertThat(body(mvc.perform(get("/account/bookings").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("カレンダー用のアドレスを作る");
        mvc.perform(post("/account/bookings/calendar-feed").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().is3xxRedirection());
        String token = jdbc.sql("select token from reservation_calendar_feed where account_id = ?").param(who.id())
            .query(String.class).single();
        assertThat(body(mvc.perform(get("/account/bookings").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("/calendar/" + token + ".ics");
        var response = mvc.perform(get("/calendar/" + token + ".ics")).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/calendar");
        String ics = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").endsWith("END:VCALENDAR\r\n")
            .contains("UID:booking-" + b.id() + "@").contains("DTSTAMP:").contains("STATUS:CONFIRMED")
            .contains("SUMMARY:施設予約 お金テスト会館 会議室");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        String start = slot.date().atTime(slot.slot().start()).atZone(java.time.ZoneId.of("Asia/Tokyo"))
            .withZoneSameInstant(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        assertThat(ics).contains("DTSTART:" + start);
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics).contains("\r\n ");
        // wrong and old tokens are 404
        mvc.perform(get("/calendar/" + "x".repeat(43) + ".ics")).andExpect(status().isNotFound());
        mvc.perform(get("/calendar/short.ics")).andExpect(status().isNotFound());
        mvc.perform(post("/account/bookings/calendar-feed").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().is3xxRedirection());
        mvc.perform(get("/calendar/" + token + ".ics")).andExpect(status().isNotFound());
    }
}
