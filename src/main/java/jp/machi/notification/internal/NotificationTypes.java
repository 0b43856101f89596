package jp.machi.notification.internal;

import java.util.List;
import jp.machi.notification.NotificationType;
import jp.machi.shared.text.LocalizedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The personal notice types this module feeds itself: from other modules' events it listens to (report) and from its
 * own "services you may be eligible for". Modules that know an event declare their own types and queue them through
 * {@link jp.machi.notification.PersonalNotices} (reservation: booking reminders, lottery results, group registration
 * expiry).
 */
@Configuration(proxyBeanMethods = false)
class NotificationTypes {

    @Bean
    NotificationType reportStatusChanged() {
        return new NotificationType("report.status-changed",
            new LocalizedText("まちレポの状況の変化", "Changes in the status of a report (まちレポ)"),
            new LocalizedText("まちレポ No.((id)) の状況が「((status))」になりました", "Report No. ((id)) is now \"((status))\""),
            new LocalizedText("""
                まちレポでお知らせいただいた件の状況が変わりました。

                番号: ((id))
                種類: ((category))
                状況: ((previous)) → ((status))
                ((reason))""", """
                The status of a report you made or follow has changed.

                Number: ((id))
                Kind: ((category))
                Status: ((previous)) → ((status))
                ((reason))"""),
            new LocalizedText("まちレポで通報した、または「同じ件」として登録した件の状況が変わったためお送りしています。",
                "You made this report on まちレポ or added yourself to it."),
            List.of("id", "category", "status", "previous", "reason"), true, 10);
    }

    @Bean
    NotificationType eligibility() {
        return new NotificationType(EligibilityService.TYPE,
            new LocalizedText("利用できるかもしれないサービス", "Services you may be eligible for"),
            new LocalizedText("ご案内: ((service))", "For you: ((service))"),
            new LocalizedText("((details))", "((details))"),
            new LocalizedText("マイページで教えていただいた((matched))に当てはまるためお送りしています。",
                "It matches what you told us in My Page: ((matched))."),
            List.of("service", "details", "matched"), true, 50);
    }
}
