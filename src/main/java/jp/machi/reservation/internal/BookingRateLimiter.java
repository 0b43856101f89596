package jp.machi.reservation.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import jp.machi.shared.web.RateLimiter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-account and per-client-address limits on booking requests (POSTs that book): at most {@code perAccount}
 * requests of one account and {@code perAddress} of one address within a fixed window. Every request counts,
 * refused or not. Addresses in {@code exemptAddresses} (by default the machine itself: benchmarks and local tools)
 * are not limited. Kept in memory per instance, by the shared {@link RateLimiter}.
 */
@Component
public class BookingRateLimiter {

    /** The decision: allowed, or refused with the seconds after which to retry. */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    private final RateLimiter limiter;
    private final int perAccount;
    private final int perAddress;
    private final Set<String> exempt;

    public BookingRateLimiter(Clock clock, @Value("${machi.reservation.rate-limit.per-account:20}") int perAccount,
                       @Value("${machi.reservation.rate-limit.per-address:60}") int perAddress,
                       @Value("${machi.reservation.rate-limit.window:1m}") Duration window,
                       @Value("${machi.reservation.rate-limit.exempt-addresses:127.0.0.1,::1,0:0:0:0:0:0:0:1}") Set<String> exempt) {
        if (perAccount < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("machi.reservation.rate-limit: limits must be at least 1 and the window positive");
        }
        this.limiter = new RateLimiter(clock, window);
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.exempt = RateLimiter.addresses(exempt);
    }

    /** Counts one booking request of {@code accountId} (null when not signed in) from {@code address}. */
    public Decision request(Long accountId, String address) {
        if (address != null && exempt.contains(address)) {
            return new Decision(true, 0);
        }
        long wait = 0;
        if (accountId != null) {
            wait = Math.max(wait, limiter.hit("account:" + accountId, perAccount));
        }
        if (address != null) {
            wait = Math.max(wait, limiter.hit("address:" + address, perAddress));
        }
        return new Decision(wait == 0, wait);
    }
}
