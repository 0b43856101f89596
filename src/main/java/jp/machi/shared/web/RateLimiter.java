package jp.machi.shared.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters by key, in memory per instance: the one implementation behind the booking limits
 * (reservation), the per-address sign-in throttle (identity) and the まちレポ submission limits (report). A key is
 * whatever the caller counts by, e.g. {@code "address:" + request.getRemoteAddr()} — the client address that
 * Tomcat already took from {@code X-Forwarded-For} only when the connection came from a trusted proxy
 * ({@code MACHI_TRUSTED_PROXIES}), so a client cannot choose its own key. Counters of windows that have ended are
 * dropped once more than 100,000 keys are held.
 */
public final class RateLimiter {

    /** Loopback in its three spellings: the machine itself (benchmarks, local tools). */
    public static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");

    private static final int MAX_TRACKED = 100_000;

    private record Window(Instant start, int count) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;

    public RateLimiter(Clock clock, Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A rate limit's window must be positive");
        }
        this.clock = clock;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /**
     * Counts one request of {@code key}; returns 0 when the count is still within {@code limit}, else the seconds
     * until the window ends (at least 1). Every request counts, refused or not.
     */
    public long hit(String key, int limit) {
        Instant now = clock.instant();
        prune(now);
        Window w = windows.compute(key, (k, old) -> old == null || ended(old, now)
            ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return w.count() <= limit ? 0 : secondsLeft(w, now);
    }

    /** Without counting: 0 when {@code key} has fewer than {@code limit} requests in its window, else the seconds left. */
    public long blocked(String key, int limit) {
        Instant now = clock.instant();
        Window w = windows.get(key);
        return w == null || ended(w, now) || w.count() < limit ? 0 : secondsLeft(w, now);
    }

    /** Forgets a key's count (for tests and operators). */
    public void forget(String key) {
        windows.remove(key);
    }

    /** Addresses from configuration, stripped, empty ones dropped. */
    public static Set<String> addresses(Collection<String> configured) {
        return Set.copyOf(configured.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private boolean ended(Window w, Instant now) {
        return !w.start().plus(window).isAfter(now);
    }

    private long secondsLeft(Window w, Instant now) {
        long millis = Duration.between(now, w.start().plus(window)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void prune(Instant now) {
        if (windows.size() > MAX_TRACKED) {
            windows.entrySet().removeIf(e -> ended(e.getValue(), now));
        }
    }
}
