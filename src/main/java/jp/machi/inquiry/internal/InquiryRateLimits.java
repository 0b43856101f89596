package jp.machi.inquiry.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import jp.machi.shared.web.SubmissionLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many messages one client address and one sender may send to the ward within a window: new inquiries at the
 * desk, new children's consultations, and messages written on a thread (a visitor's secret link or My Page). Without
 * it, the anonymous forms let one machine fill the departments' queues. Counted on every attempt, before attachments
 * are checked; staff entering an inquiry at the counter are not counted; addresses in {@code exempt-addresses} (by
 * default the machine itself) neither. The sender is the e-mail address given, the signed-in account, or the thread.
 * A refusal is 429 with {@code Retry-After}, the form kept, and the message {@code inquiry.rateLimited.<limit>}
 * ({@code inquiry.children.rateLimited} on the children's pages, worded for a child).
 */
@Component
public class InquiryRateLimits {

    private final SubmissionLimits limits;

    InquiryRateLimits(Clock clock, @Value("${machi.inquiry.rate-limit.per-address:20}") int perAddress,
                      @Value("${machi.inquiry.rate-limit.per-sender:5}") int perSender,
                      @Value("${machi.inquiry.rate-limit.window:1h}") Duration window,
                      @Value("${machi.inquiry.rate-limit.exempt-addresses:127.0.0.1,::1,0:0:0:0:0:0:0:1}") Set<String> exempt) {
        this.limits = new SubmissionLimits(clock, perAddress, perSender, window, exempt);
    }

    /** A new inquiry at the desk: by address, and by the e-mail address or account that sends it. */
    public SubmissionLimits.Decision newInquiry(String address, String email, Long accountId, boolean staff) {
        String sender = accountId != null ? "account:" + accountId
            : email != null && !email.isBlank() ? "email:" + email.strip().toLowerCase(Locale.ROOT) : null;
        return limits.attempt(address, sender, "sender", staff);
    }

    /** A new children's consultation (no name, no address): by address only. */
    public SubmissionLimits.Decision newConsultation(String address) {
        return limits.attempt(address, null, "sender", false);
    }

    /** A message on an existing thread ({@code thread} names it, e.g. {@code "inquiry:12"}): by address and thread. */
    public SubmissionLimits.Decision threadMessage(String address, String thread) {
        return limits.attempt(address, "thread:" + thread, "sender", false);
    }
}
