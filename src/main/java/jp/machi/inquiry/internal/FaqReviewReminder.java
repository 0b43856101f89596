package jp.machi.inquiry.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.mail.Mailer;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When an FAQ entry passes its review date, its department is told by mail (to the department's address in the
 * ward profile), once per review date; the staff FAQ list shows the entries due. Runs every hour; the mail's
 * idempotency key makes a second instance harmless.
 */
@Component
public class FaqReviewReminder {

    private final FaqRepository faqs;
    private final Mailer mailer;
    private final WardProfile ward;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String baseUrl;

    FaqReviewReminder(FaqRepository faqs, Mailer mailer, WardProfile ward, AuditLog audit, TransactionTemplate tx,
                      Clock clock, jp.machi.shared.web.SiteUrl site) {
        this.faqs = faqs;
        this.mailer = mailer;
        this.ward = ward;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = site.base();
    }

    @Scheduled(initialDelayString = "${machi.inquiry.review-check-delay:PT2M}", fixedDelayString = "PT1H")
    void scheduled() {
        run();
    }

    /** Tells every department of its entries due for review; answers how many departments were told. */
    public int run() {
        LocalDate today = LocalDate.now(clock.withZone(MachiClock.ZONE));
        return tx.execute(s -> {
            Map<String, List<Faq>> byDepartment = faqs.reviewsToAnnounce(today).stream()
                .collect(Collectors.groupingBy(Faq::departmentCode, LinkedHashMap::new, Collectors.toList()));
            int told = 0;
            for (var e : byDepartment.entrySet()) {
                var dept = ward.department(e.getKey());
                if (dept.isEmpty() || dept.get().email() == null || dept.get().email().isBlank()) {
                    continue;
                }
                List<String> lines = e.getValue().stream()
                    .map(f -> "・" + f.questionJa() + "（" + f.reviewOn() + "）\n  " + baseUrl + "/staff/faq/" + f.id())
                    .toList();
                mailer.send(dept.get().email(), "inquiry/faq-review", Locale.JAPANESE,
                    Map.of("department", dept.get().label(Locale.JAPANESE), "count", lines.size(),
                        "entries", String.join("\n", lines), "link", baseUrl + "/staff/faq?review=due"),
                    "faq-review:" + e.getKey() + ":" + today + ":" + e.getValue().stream().map(f -> Long.toString(f.id()))
                        .collect(Collectors.joining(",")));
                for (Faq f : e.getValue()) {
                    faqs.markAnnounced(f.id(), f.reviewOn());
                }
                audit.record(AuditEvent.system("inquiry.faq.reviewDue", null, "department:" + e.getKey(),
                    AuditDetail.of("inquiry.audit.faq.reviewDue", AuditDetail.department(e.getKey()), lines.size())));
                told++;
            }
            return told;
        });
    }
}
