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
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/**
 * A room with the money rules (fees by rate class, refund tiers, payment deadlines, penalty points) in a facility of
 * its own, for the tests of checkout, payments and penalties, the calendar feed and the rule editor.
 */
public abstract class MoneyRoomFixture {

    @Autowired protected WebApplicationContext context;
    @Autowired protected JdbcClient jdbc;
    @Autowired protected BookableRooms service;
    @Autowired protected Bookings bookings;
    @Autowired protected Bookers bookers;
    @Autowired protected BookingService checkout;
    @Autowired protected Payments payments;
    @Autowired protected Reminders reminders;
    @Autowired protected CalendarFeed feed;
    @Autowired protected Cancellations cancellations;
    @Autowired protected Reductions reductions;
    @Autowired protected RoomRules rules;
    protected MockMvc mvc;
    protected long roomId;
    protected String facilityId;

    @BeforeEach
    protected void setUp() {
        mvc = StaffLogin.mockMvc(context);
        facilityId = "zz-money-" + UUID.randomUUID().toString().substring(0, 8);
        TestFacilities.facility(facilityId, "お金テスト会館", "Money test hall").department("kusei").address("練馬区テスト1-1")
            .openDays(1, 7, "08:00", "22:00").create(jdbc);
        roomId = TestFacilities.room(jdbc, facilityId, "会議室", "Meeting room", 20, 0);
        long rule = jdbc.sql("""
                insert into reservation_rule (room_id, window_days, cutoff_days, monthly_cap, fee_resident, fee_non_resident,
                    fee_commercial, cancel_deadline_days, pay_within_days, pay_days_before, late_cancel_days,
                    late_cancel_points, no_show_points, penalty_threshold, suspension_days)
                values (?, 200, 0, 50, 1000, 2000, 5000, 7, 10, 5, 3, 2, 3, 5, 20) returning id""")
            .param(roomId).query(Long.class).single();
        jdbc.sql("insert into reservation_refund_tier (rule_id, days_before, percent) values (?, 7, 100), (?, 3, 50)")
            .params(rule, rule).update();
    }


    protected jp.machi.reservation.booking.BookableRoom room() {
        return service.room(roomId).orElseThrow();
    }

    /** The first open slot from {@code days} days ahead. */
    protected Availability open(int days) {
        LocalDate from = service.today().plusDays(days);
        return service.availability(room(), from, from.plusDays(20)).stream()
            .filter(a -> a.status() == Availability.Status.OPEN).findFirst().orElseThrow();
    }

    protected String email(TestResidents.Resident r) {
        return jdbc.sql("select email from account where id = ?").param(r.id()).query(String.class).single();
    }

    protected String column(long bookingId, String column) {
        return jdbc.sql("select " + column + "::text from reservation_booking where id = ?").param(bookingId)
            .query(String.class).optional().orElse(null);
    }

    protected static String mailWith(String address, String subjectPart) {
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

    /** What cancelling {@code b} at noon on {@code day} would give back under the room's rule (long after booking). */
    protected jp.machi.reservation.money.Refund refundOn(Booking b, LocalDate day) {
        return MoneyTerms.refund(rules.rule(roomId, facilityId).orElseThrow(), b.fee(), b.status() == Booking.Status.CONFIRMED,
            b.date(), b.bookedAt(), day.atTime(12, 0).atZone(jp.machi.shared.time.MachiClock.ZONE).toInstant());
    }

    /** A confirmed booking made straight in the database (for days the booking rules would refuse, e.g. yesterday). */
    protected long insertConfirmed(TestResidents.Resident who, LocalDate day, String slot, String start, String end) {
        return jdbc.sql("""
                insert into reservation_booking (room_id, facility_id, use_date, slot_code, starts_at, ends_at,
                    booker_account_id, status, fee, fee_rule, idempotency_key)
                values (?, ?, ?, ?, cast(? as time), cast(? as time), ?, 'CONFIRMED', 1000, 'resident/room', ?) returning id""")
            .params(roomId, facilityId, day, slot, start, end, who.id(), UUID.randomUUID().toString())
            .query(Long.class).single();
    }

    /** The test facility's counter is closed all day on these weekdays (its weekly closing days, 休館日). */
    protected void closeOn(java.time.DayOfWeek... days) {
        for (java.time.DayOfWeek d : days) {
            TestFacilities.closeOn(jdbc, facilityId, d.getValue());
        }
    }
}
