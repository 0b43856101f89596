package jp.machi.reservation.internal;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The money jobs on the wall clock: unpaid bookings past their deadline are cancelled and payment reminders sent
 * every 5 minutes; reminders of the next day's bookings every 15 minutes (each booking is reminded once).
 */
@Component
class MoneyJobs {

    private final Money money;
    private final Clock clock;

    MoneyJobs(Money money, Clock clock) {
        this.money = money;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 2, fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
    void payments() {
        money.cancelUnpaid(clock.instant());
        money.remindPayment(clock.instant());
    }

    @Scheduled(initialDelay = 3, fixedDelay = 15, timeUnit = TimeUnit.MINUTES)
    void dayBefore() {
        money.remindDayBefore(clock.instant());
    }
}
