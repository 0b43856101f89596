package jp.machi.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import jp.machi.facility.Facilities;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.groups.GroupRefusal;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.rules.Slot;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's second kind of room: the example sports room of three 区民館 books on a two-hour grid under its own
 * rule (window, same-day booking, fees) and only for people of the ward; the meeting rooms keep 午前/午後/夜間.
 */
@MachiTest
class DemoDataTest {

    @Autowired Facilities facilities;
    @Autowired BookableRooms reservations;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    @Autowired jp.machi.reservation.booking.internal.Cancellations cancellations;
    @Autowired JdbcClient jdbc;

    @Test
    void theDemoSportsRoomHasATwoHourGridItsOwnRuleAndIsForPeopleOfTheWardOnly() {
        var sports = facilities.allBookableRooms().stream()
            .filter(r -> "Sports room (example)".equals(r.name().in(Locale.ENGLISH))).toList();
        assertThat(sports).hasSize(3);
        var room = reservations.room(sports.get(0).id()).orElseThrow();
        assertThat(room.slots()).extracting(Slot::code).containsExactly("s09", "s11", "s13", "s15", "s17", "s19");
        assertThat(room.slots().get(0).label(Locale.JAPANESE)).isEqualTo("9–11時");
        assertThat(room.rules().windowDays()).isEqualTo(60);
        assertThat(room.rules().cutoffDays()).isZero();
        assertThat(room.rules().scope()).isEqualTo("room");
        assertThat(jp.machi.reservation.money.MoneyTerms.fee(room.rules(), true, false, "s19").amount()).isEqualTo(1000);

        var meeting = facilities.bookableRooms(room.facility().id()).stream().filter(r -> r.name().in(Locale.JAPANESE).startsWith("集会室A"))
            .findFirst().orElseThrow();
        assertThat(reservations.room(meeting.id()).orElseThrow().slots()).extracting(Slot::code).contains("am", "pm", "night");

        // a resident books 19–21時 on a weekday ten days ahead; a non-resident is refused the 17–19時 slot
        LocalDate day = reservations.today().plusDays(10);
        while (day.getDayOfWeek() == DayOfWeek.MONDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        LocalDate useDay = day;
        var resident = TestResidents.create(jdbc, "RESIDENT");
        var booked = bookings.book(new BookingRequest(resident.id(), null, room.room().id(), useDay, "s19", null, UUID.randomUUID().toString(), null, false, null));
        assertThat(booked.created()).isTrue();
        assertThat(booked.booking().fee()).isEqualTo(1000);
        var outsider = TestResidents.create(jdbc, "NON_RESIDENT");
        assertThatThrownBy(() -> bookings.book(new BookingRequest(outsider.id(), null, room.room().id(), useDay, "s17", null, UUID.randomUUID().toString(), null, false, null)))
            .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(GroupRefusal.NON_RESIDENTS_NOT_ALLOWED));
        cancellations.byBooker(resident.id(), booked.booking().id());
    }
}
