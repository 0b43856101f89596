package jp.machi.report.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import jp.machi.shared.web.SubmissionLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many まちレポ submissions one client address and one reporter may send within a window (issue 16: 1,449
 * reports from one address in an hour). Counted on every attempt to send — the report form's POST, the API's and
 * Open311's — before any photo is decoded, refused or not (the shared {@link SubmissionLimits}). The reporter is the
 * e-mail address given (anonymous) or the signed-in account. Staff are not limited (they enter reports at the counter). Addresses in
 * {@code exempt-addresses} (by default the machine itself) are not limited.
 */
@Component
public class ReportRateLimits {

    private final SubmissionLimits limits;

    ReportRateLimits(Clock clock, @Value("${machi.report.rate-limit.per-address:20}") int perAddress,
                     @Value("${machi.report.rate-limit.per-email:5}") int perReporter,
                     @Value("${machi.report.rate-limit.window:1h}") Duration window,
                     @Value("${machi.report.rate-limit.exempt-addresses:127.0.0.1,::1,0:0:0:0:0:0:0:1}") Set<String> exempt) {
        this.limits = new SubmissionLimits(clock, perAddress, perReporter, window, exempt);
    }

    /**
     * Counts one attempt to send a report. A refusal's message keys are {@code report.rateLimited.address|email} on
     * pages and {@code report.api.rateLimited.address|email} in the machine APIs.
     *
     * @param address   the client address ({@code request.getRemoteAddr()})
     * @param email     the e-mail address given with the report, or null
     * @param accountId the signed-in resident (or the resident a staff member acts for), or null
     * @param staff     true when a staff member sends it
     */
    public SubmissionLimits.Decision submission(String address, String email, Long accountId, boolean staff) {
        String reporter = accountId != null ? "account:" + accountId
            : email != null && !email.isBlank() ? "email:" + email.strip().toLowerCase(Locale.ROOT) : null;
        return limits.attempt(address, reporter, "email", staff);
    }
}
