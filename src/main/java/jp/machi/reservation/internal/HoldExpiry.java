package jp.machi.reservation.internal;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every minute: provisional bookings whose hold ran out are cancelled and their slots freed. */
@Component
class HoldExpiry {

    private final ReservationService service;
    private final Clock clock;

    HoldExpiry(ReservationService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    void run() {
        service.expireHolds(clock.instant());
    }
}
