package jp.machi.report.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.mail.Mailer;
import jp.machi.report.ReportStatusChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the reporter and everyone who added themselves that a report's status changed, each in their own
 * language, with a link to the report. Runs after the change committed, in its own transaction (the outbox
 * rows are written there), through the event publication registry: if the process dies before it finishes, the
 * event is run again at the next start, and the outbox's idempotency key (the event and the recipient) keeps it
 * from mailing anyone twice.
 */
@Component
class ReportNotifications {

    private final ReportRepository reports;
    private final CategoryRepository categories;
    private final Accounts accounts;
    private final Mailer mailer;
    private final String baseUrl;

    ReportNotifications(ReportRepository reports, CategoryRepository categories, Accounts accounts, Mailer mailer,
                        jp.machi.shared.web.SiteUrl site) {
        this.reports = reports;
        this.categories = categories;
        this.accounts = accounts;
        this.mailer = mailer;
        this.baseUrl = site.base();
    }

    @ApplicationModuleListener
    void on(ReportStatusChanged event) {
        Report r = reports.find(event.reportId()).orElse(null);
        if (r == null) {
            return;
        }
        Map<String, Locale> recipients = new LinkedHashMap<>();
        if (r.reporterAccountId() != null) {
            accounts.find(r.reporterAccountId()).ifPresent(a -> add(recipients, a.email(), a.locale()));
        } else if (r.reporterEmail() != null) {
            add(recipients, r.reporterEmail(), Locale.forLanguageTag(r.language()));
        }
        for (ReportRepository.Follower f : reports.followers(r.id())) {
            if (f.accountId() != null) {
                accounts.find(f.accountId()).ifPresent(a -> add(recipients, a.email(), a.locale()));
            } else {
                add(recipients, f.email(), Locale.forLanguageTag(f.language()));
            }
        }
        Category c = categories.find(r.categoryCode()).orElse(null);
        recipients.forEach((to, locale) -> {
            boolean en = "en".equals(locale.getLanguage());
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("id", r.id());
            model.put("category", c == null ? r.categoryCode() : c.name(locale));
            model.put("status", label(event.to().name(), en));
            model.put("previous", label(event.from().name(), en));
            model.put("reason", event.reason() == null ? "" : event.reason());
            model.put("link", baseUrl + "/reports/" + r.id());
            mailer.send(to, "report/status-changed", locale, model,
                "report-status:" + event.reportId() + ":" + event.to() + ":" + event.at());
        });
    }

    private static void add(Map<String, Locale> recipients, String email, Locale locale) {
        if (email != null && !email.isBlank()) {
            recipients.putIfAbsent(email.toLowerCase(Locale.ROOT), locale == null ? Locale.JAPANESE : locale);
        }
    }

    static String label(String status, boolean en) {
        return switch (status) {
            case "RECEIVED" -> en ? "Received" : "受付";
            case "IN_PROGRESS" -> en ? "In progress" : "対応中";
            case "RESOLVED" -> en ? "Resolved" : "対応済";
            case "NOT_ACTIONABLE" -> en ? "Cannot be acted on" : "対応不可";
            case "FORWARDED" -> en ? "Forwarded to another body" : "他機関へ回付";
            default -> status;
        };
    }
}
