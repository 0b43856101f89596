package jp.machi.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password and code guessing. Per account: after 5 failures the account is locked for 15 minutes,
 * doubling with every further 5 failures up to a day (kept in the database, so it holds across instances and
 * restarts). Per client address: 20 failures within 15 minutes block further attempts from that address for
 * the rest of the window (kept in memory per instance).
 */
@Component
public class LoginThrottle {

    static final int ACCOUNT_FAILURES_BEFORE_LOCK = 5;
    static final int ADDRESS_FAILURES_PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_LOCK = Duration.ofHours(24);
    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private record Window(Instant start, int failures) {}

    private final Map<String, Window> addresses = new ConcurrentHashMap<>();
    private final AccountRepository accounts;
    private final Clock clock;

    LoginThrottle(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public boolean addressBlocked(String address) {
        Window w = addresses.get(address);
        return w != null && w.failures() >= ADDRESS_FAILURES_PER_WINDOW
            && w.start().plus(WINDOW).isAfter(clock.instant());
    }

    public void addressFailed(String address) {
        if (address == null) {
            return;
        }
        Instant now = clock.instant();
        if (addresses.size() > MAX_TRACKED_ADDRESSES) {
            addresses.entrySet().removeIf(e -> e.getValue().start().plus(WINDOW).isBefore(now));
        }
        addresses.compute(address, (k, w) -> w == null || w.start().plus(WINDOW).isBefore(now)
            ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    /** Records a failed password or code for the account; locks it when the count reaches a multiple of 5. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void accountFailed(Account account) {
        int failures = account.failedLogins() + 1;
        Instant lockedUntil = account.lockedUntil();
        if (failures % ACCOUNT_FAILURES_BEFORE_LOCK == 0) {
            int rounds = Math.min(failures / ACCOUNT_FAILURES_BEFORE_LOCK - 1, 10);
            Duration lock = WINDOW.multipliedBy(1L << rounds);
            lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
        accounts.recordFailure(account.id(), failures, lockedUntil);
    }

    public void succeeded(long accountId, String address) {
        accounts.clearFailures(accountId);
    }

    /** For tests and operators: forget an address's failures. */
    public void forgetAddress(String address) {
        addresses.remove(address);
    }
}
