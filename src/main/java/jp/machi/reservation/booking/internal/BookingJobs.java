package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The booking core's jobs on the wall clock: lapsed holds every minute; unpaid bookings past their deadline and the
 * payment reminders every 5 minutes; reminders of the next day's bookings every 15 minutes. The work is in the
 * services, which take the instant; tests call them directly.
 */
@Component
class BookingJobs {

    private final Cancellations cancellations;
    private final Payments payments;
    private final Reminders reminders;
    private final Clock clock;

    BookingJobs(Cancellations cancellations, Payments payments, Reminders reminders, Clock clock) {
        this.cancellations = cancellations;
        this.payments = payments;
        this.reminders = reminders;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
    void holds() {
        cancellations.expireHolds(clock.instant());
    }

    @Scheduled(initialDelay = 2, fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
    void payments() {
        payments.cancelUnpaid(clock.instant());
        payments.remind(clock.instant());
    }

    @Scheduled(initialDelay = 3, fixedDelay = 15, timeUnit = TimeUnit.MINUTES)
    void dayBefore() {
        reminders.dayBefore(clock.instant());
    }
}
