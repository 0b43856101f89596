package jp.machi.shared.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * How many submissions (a report, an inquiry, a consultation) one client address and one sender may make within a
 * window: the rule behind まちレポ's and the inquiry desk's limits. Counted on every attempt, refused or not, before
 * any costly work (decoding a photo, checking a file). Addresses in {@code exempt} (typically the machine itself) and
 * callers the module exempts (staff at the counter) are not counted. In memory per instance, by {@link RateLimiter};
 * the address is the one Tomcat took from {@code X-Forwarded-For} only for trusted proxies.
 */
public final class SubmissionLimits {

    /** Allowed, or refused by the {@code address} or the {@code sender} limit with the seconds until it resets. */
    public record Decision(boolean allowed, String limit, int max, long windowMinutes, long retryAfterSeconds) {

        public static final Decision ALLOWED = new Decision(true, null, 0, 0, 0);

        /** Whole minutes to wait, at least 1 (for the messages). */
        public long retryAfterMinutes() {
            return Math.max(1, (retryAfterSeconds + 59) / 60);
        }

        /** The message key of the refusal: {@code prefix + ".address"} or {@code prefix + "." + the sender kind}. */
        public String messageKey(String prefix) {
            return prefix + "." + limit;
        }

        /** The message's arguments: minutes to wait, the limit, the window in minutes. */
        public Object[] messageArgs() {
            return new Object[] {retryAfterMinutes(), max, windowMinutes};
        }
    }

    private final RateLimiter limiter;
    private final int perAddress;
    private final int perSender;
    private final Set<String> exempt;

    public SubmissionLimits(Clock clock, int perAddress, int perSender, Duration window, Set<String> exempt) {
        if (perAddress < 1 || perSender < 1) {
            throw new IllegalArgumentException("submission limits must be at least 1");
        }
        this.limiter = new RateLimiter(clock, window);
        this.perAddress = perAddress;
        this.perSender = perSender;
        this.exempt = RateLimiter.addresses(exempt);
    }

    /**
     * Counts one attempt.
     *
     * @param address    the client address ({@code request.getRemoteAddr()}), or null
     * @param sender     what identifies the sender (e.g. {@code "email:a@b"}, {@code "account:12"}), or null
     * @param senderKind the word for the sender limit in the decision ({@code email}, {@code account} ...)
     * @param notCounted true for a caller the module does not limit (staff at the counter)
     */
    public Decision attempt(String address, String sender, String senderKind, boolean notCounted) {
        if (notCounted || address != null && exempt.contains(address)) {
            return Decision.ALLOWED;
        }
        long byAddress = address == null ? 0 : limiter.hit("address:" + address, perAddress);
        long bySender = sender == null ? 0 : limiter.hit(sender, perSender);
        long windowMinutes = Math.max(1, limiter.window().toMinutes());
        if (byAddress > 0) {
            return new Decision(false, "address", perAddress, windowMinutes, byAddress);
        }
        if (bySender > 0) {
            return new Decision(false, senderKind, perSender, windowMinutes, bySender);
        }
        return Decision.ALLOWED;
    }
}
