package jp.machi.reservation.booking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-account and per-client-address limits on booking requests (POSTs that book): at most {@code perAccount}
 * requests of one account and {@code perAddress} of one address within a fixed window. Every request counts,
 * refused or not. Addresses in {@code exemptAddresses} (by default the machine itself: benchmarks and local tools)
 * are not limited. Kept in memory per instance.
 */
@Component
public class BookingRateLimiter {

    /** The decision: allowed, or refused with the seconds after which to retry. */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    private record Window(Instant start, int count) {}

    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Set<String> exempt;

    public BookingRateLimiter(Clock clock, @Value("${machi.reservation.rate-limit.per-account:20}") int perAccount,
                       @Value("${machi.reservation.rate-limit.per-address:60}") int perAddress,
                       @Value("${machi.reservation.rate-limit.window:1m}") Duration window,
                       @Value("${machi.reservation.rate-limit.exempt-addresses:127.0.0.1,::1,0:0:0:0:0:0:0:1}") Set<String> exempt) {
        if (perAccount < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("machi.reservation.rate-limit: limits must be at least 1 and the window positive");
        }
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.exempt = Set.copyOf(exempt.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /** Counts one booking request of {@code accountId} (null when not signed in) from {@code address}. */
    public Decision request(Long accountId, String address) {
        if (address != null && exempt.contains(address)) {
            return new Decision(true, 0);
        }
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED) {
            windows.entrySet().removeIf(e -> !e.getValue().start().plus(window).isAfter(now));
        }
        long wait = 0;
        if (accountId != null) {
            wait = Math.max(wait, count("account:" + accountId, perAccount, now));
        }
        if (address != null) {
            wait = Math.max(wait, count("address:" + address, perAddress, now));
        }
        return new Decision(wait == 0, wait);
    }

    /** Adds one to the key's window; returns 0 when still within the limit, else the seconds until it resets. */
    private long count(String key, int limit, Instant now) {
        Window w = windows.compute(key, (k, old) -> old == null || !old.start().plus(window).isAfter(now)
            ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (w.count() <= limit) {
            return 0;
        }
        long millis = Duration.between(now, w.start().plus(window)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
