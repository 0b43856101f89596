package jp.machi.reservation.lottery.internal;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute: commits rounds whose window closed, draws rounds whose draw time came, then mails results in
 * batches of {@value #MAIL_BATCH} applicants (one transaction each) until none is left. The work is in
 * {@link LotteryService}, which takes the instant; tests call it directly.
 */
@Component
class LotteryJobs {

    static final int MAIL_BATCH = 500;

    private final LotteryService lottery;
    private final Clock clock;

    LotteryJobs(LotteryService lottery, Clock clock) {
        this.lottery = lottery;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    void run() {
        lottery.runDue(clock.instant());
        for (int i = 0; i < 40 && lottery.sendResults(MAIL_BATCH, clock.instant()) > 0; i++) {
            // next batch
        }
    }
}
