package jp.machi.report.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import jp.machi.shared.web.RateLimiter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many まちレポ submissions one client address and one reporter may send within a window (issue 16: 1,449
 * reports from one address in an hour). Counted on every attempt to send — the report form's POST, the API's and
 * Open311's — before any photo is decoded, refused or not. The reporter is the e-mail address given (anonymous) or
 * the signed-in account. Staff are not limited (they enter reports at the counter). Addresses in
 * {@code exempt-addresses} (by default the machine itself) are not limited. In memory per instance, by the shared
 * {@link RateLimiter}; the address is the one Tomcat took from {@code X-Forwarded-For} only for trusted proxies.
 */
@Component
public class ReportRateLimits {

    /** Allowed, or refused by the {@code address} or {@code email} limit with the seconds until it resets. */
    public record Decision(boolean allowed, String limit, int max, long windowMinutes, long retryAfterSeconds) {

        static final Decision ALLOWED = new Decision(true, null, 0, 0, 0);

        /** Whole minutes to wait, at least 1 (for the messages). */
        public long retryAfterMinutes() {
            return Math.max(1, (retryAfterSeconds + 59) / 60);
        }

        /** The message key of the refusal on a page: {@code report.rateLimited.address} or {@code .email}. */
        public String messageKey() {
            return "report.rateLimited." + limit;
        }

        /** The message key of the refusal in the machine APIs (no form to keep). */
        public String apiMessageKey() {
            return "report.api.rateLimited." + limit;
        }

        /** The message's arguments: minutes to wait, the limit, the window in minutes. */
        public Object[] messageArgs() {
            return new Object[] {retryAfterMinutes(), max, windowMinutes};
        }
    }

    private final RateLimiter limiter;
    private final int perAddress;
    private final int perReporter;
    private final Set<String> exempt;

    ReportRateLimits(Clock clock, @Value("${machi.report.rate-limit.per-address:20}") int perAddress,
                     @Value("${machi.report.rate-limit.per-email:5}") int perReporter,
                     @Value("${machi.report.rate-limit.window:1h}") Duration window,
                     @Value("${machi.report.rate-limit.exempt-addresses:127.0.0.1,::1,0:0:0:0:0:0:0:1}") Set<String> exempt) {
        if (perAddress < 1 || perReporter < 1) {
            throw new IllegalArgumentException("machi.report.rate-limit: limits must be at least 1");
        }
        this.limiter = new RateLimiter(clock, window);
        this.perAddress = perAddress;
        this.perReporter = perReporter;
        this.exempt = RateLimiter.addresses(exempt);
    }

    private long windowMinutes() {
        return Math.max(1, limiter.window().toMinutes());
    }

    /**
     * Counts one attempt to send a report.
     *
     * @param address   the client address ({@code request.getRemoteAddr()})
     * @param email     the e-mail address given with the report, or null
     * @param accountId the signed-in resident (or the resident a staff member acts for), or null
     * @param staff     true when a staff member sends it
     */
    public Decision submission(String address, String email, Long accountId, boolean staff) {
        if (staff || address != null && exempt.contains(address)) {
            return Decision.ALLOWED;
        }
        long byAddress = address == null ? 0 : limiter.hit("address:" + address, perAddress);
        String reporter = accountId != null ? "account:" + accountId
            : email != null && !email.isBlank() ? "email:" + email.strip().toLowerCase(Locale.ROOT) : null;
        long byReporter = reporter == null ? 0 : limiter.hit(reporter, perReporter);
        if (byAddress > 0) {
            return new Decision(false, "address", perAddress, windowMinutes(), byAddress);
        }
        if (byReporter > 0) {
            return new Decision(false, "email", perReporter, windowMinutes(), byReporter);
        }
        return Decision.ALLOWED;
    }
}
