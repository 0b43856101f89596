package jp.machi.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.machi.shared.web.RateLimiter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password and code guessing. Per account: after 5 failures the account is locked for 15 minutes,
 * doubling with every further 5 failures up to a day (kept in the database, so it holds across instances and
 * restarts). Per client address: 20 failures within 15 minutes block further attempts from that address for
 * the rest of the window (kept in memory per instance, by the shared {@link RateLimiter}).
 */
@Component
public class LoginThrottle {

    static final int ACCOUNT_FAILURES_BEFORE_LOCK = 5;
    static final int ADDRESS_FAILURES_PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_LOCK = Duration.ofHours(24);
    /** Failures per client address (the shared fixed-window counter; only failures are counted). */
    private final RateLimiter addresses;
    private final AccountRepository accounts;
    private final Clock clock;

    LoginThrottle(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        this.addresses = new RateLimiter(clock, WINDOW);
    }

    public boolean addressBlocked(String address) {
        return address != null && addresses.blocked(address, ADDRESS_FAILURES_PER_WINDOW) > 0;
    }

    public void addressFailed(String address) {
        if (address == null) {
            return;
        }
        addresses.hit(address, ADDRESS_FAILURES_PER_WINDOW);
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
        addresses.forget(address);
    }
}
