package jp.machi.notification.internal;

/**
 * At most {@code perSecond} permits per second over every thread that shares it (a lane's workers, or every
 * lane for a carrier's domain): each permit has its own slot in time, so sends are spread evenly rather than in
 * bursts on the second. {@code perSecond} 0: no limit.
 */
final class RateLimiter {

    private final long intervalNanos;
    private long next;

    RateLimiter(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.next = System.nanoTime();
    }

    /** Waits for the next permit. */
    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (next < now) {
                next = now;
            }
            wait = next - now;
            next += intervalNanos;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
