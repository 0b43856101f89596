package jp.machi.notification.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.machi.identity.Accounts;
import jp.machi.notification.PersonalNotice;
import jp.machi.report.ReportStatusChanged;
import jp.machi.report.ReportWatcher;
import jp.machi.report.Reports;
import jp.machi.shared.web.SiteUrl;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A report's new status becomes a personal notice to its reporter and everyone who added themselves, each in their
 * own language (the report module no longer mails them itself). Runs after the change committed, through the event
 * publication registry; if it is run again after a crash, the personal notice's key (report, status, time) keeps it
 * from notifying anyone twice.
 */
@Component
class ReportStatusNotices {

    static final String TYPE = "report.status-changed";

    private final Reports reports;
    private final Accounts accounts;
    private final PersonalNoticeService notices;
    private final String baseUrl;

    ReportStatusNotices(Reports reports, Accounts accounts, PersonalNoticeService notices, SiteUrl siteUrl) {
        this.reports = reports;
        this.accounts = accounts;
        this.notices = notices;
        this.baseUrl = siteUrl.base();
    }

    @ApplicationModuleListener
    void on(ReportStatusChanged event) {
        String key = "report:" + event.reportId() + ":" + event.to() + ":" + event.at();
        for (ReportWatcher w : reports.watchers(event.reportId())) {
            String language = w.accountId() != null
                ? accounts.find(w.accountId()).map(a -> a.preferredLanguage()).orElse("ja")
                : w.language();
            Locale locale = Locale.forLanguageTag("en".equals(language) ? "en" : "ja");
            boolean en = "en".equals(locale.getLanguage());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("id", String.valueOf(event.reportId()));
            values.put("category", reports.categoryName(event.reportId(), locale).orElse(""));
            values.put("status", event.to().label(locale));
            values.put("previous", event.from().label(locale));
            values.put("reason", event.reason() == null || event.reason().isBlank() ? "" : (en ? "Reason: " : "理由: ") + event.reason());
            String link = baseUrl + "/reports/" + event.reportId();
            notices.send(w.accountId() != null
                ? PersonalNotice.toAccount(TYPE, key, w.accountId(), values, link)
                : PersonalNotice.toAddress(TYPE, key, w.email(), language, values, link));
        }
    }
}
