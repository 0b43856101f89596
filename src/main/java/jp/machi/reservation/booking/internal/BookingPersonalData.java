package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Booking;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the booking core holds about a person, for 自己情報の開示 and for account deletion: the booker registration (with
 * the kind of document a counter saw, penalty points and suspension), the bookings (with their idempotency keys) and
 * the secret address of the calendar feed. Erasure: a paid booking stays for the ward's accounts without anything that
 * points to the person (a still active one is cancelled, its whole fee to refund); every other booking (with the
 * penalties that name it), the registration and the feed are deleted. The erasers of the parts do not depend on each
 * other's order.
 */
@Configuration(proxyBeanMethods = false)
class BookingPersonalData {

    /** One booking as the person is shown it (no staff member's account). */
    record BookingRecord(long id, long roomId, String facilityId, LocalDate date, String slot, LocalTime start,
                         LocalTime end, String part, String status, int fee, String feeRule, boolean commercial,
                         Integer feeBeforeReduction, String reduction, String reductionState, Instant bookedAt,
                         Instant paidAt, Instant cancelledAt, Integer refund, Instant checkedInAt, Instant noShowAt,
                         Long groupId, String idempotencyKey, boolean bookedByStaffForYou) {

        static BookingRecord of(Booking b) {
            return new BookingRecord(b.id(), b.roomId(), b.facilityId(), b.date(), b.slotCode(), b.start(), b.end(),
                b.part(), b.status().name(), b.fee(), b.feeRule(), b.commercial(), b.baseFee(),
                b.reduction() == null ? null : b.reduction().code(), b.reduction() == null ? null : b.reduction().state(),
                b.createdAt(), b.paidAt(), b.cancelledAt(), b.refund(), b.checkedInAt(), b.noShowAt(), b.groupId(),
                b.idempotencyKey(), b.proxyStaffId() != null);
        }
    }

    /** The registration as the person is shown it. */
    record BookerRecord(String residency, Instant declaredAt, String documentSeenAtCounter, Instant documentSeenAt,
                        int penaltyPoints, LocalDate suspendedUntil) {

        static BookerRecord of(Booker b) {
            return new BookerRecord(b.residency().name(), b.declaredAt(), b.evidenceKind(), b.evidenceCheckedAt(),
                b.penaltyPoints(), b.suspendedUntil());
        }
    }

    @Bean
    PersonalData reservationBookings(BookingRepository bookings, Clock clock) {
        return new PersonalData() {
            @Override
            public String name() {
                return "reservation.bookings";
            }

            @Override
            public Object export(DataSubject person) {
                return bookings.ofBooker(person.accountId()).stream().map(BookingRecord::of).toList();
            }

            @Override
            public void erase(DataSubject person) {
                bookings.erase(person.accountId(), clock.instant());
            }
        };
    }

    @Bean
    PersonalData reservationBooker(BookerRepository bookers) {
        return new PersonalData() {
            @Override
            public String name() {
                return "reservation.booker";
            }

            @Override
            public Object export(DataSubject person) {
                return bookers.find(person.accountId()).map(b -> List.<Object>of(BookerRecord.of(b))).orElse(List.of());
            }

            @Override
            public void erase(DataSubject person) {
                bookers.delete(person.accountId());
            }
        };
    }

    @Bean
    PersonalData reservationCalendarFeed(CalendarFeed feed, CalendarFeedRepository repository) {
        return new PersonalData() {
            @Override
            public String name() {
                return "reservation.calendar-feed";
            }

            @Override
            public Object export(DataSubject person) {
                return repository.token(person.accountId()).map(t -> List.<Object>of(Map.of("secretAddressToken", t))).orElse(List.of());
            }

            @Override
            public void erase(DataSubject person) {
                feed.erase(person.accountId());
            }
        };
    }
}
