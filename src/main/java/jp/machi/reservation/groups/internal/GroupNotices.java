package jp.machi.reservation.groups.internal;

import java.util.List;
import jp.machi.notification.NotificationType;
import jp.machi.shared.text.LocalizedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The groups' personal notice (module notification): a group's registration (団体登録) is approved for a period, and
 * {@link GroupExpiryReminders} tells its representative when the end is near, through
 * {@link jp.machi.notification.PersonalNotices} — so staff can switch it off or reword it and the representative can
 * stop it. This is the ward's "contract expiry reminder" of issue 12: the registration is the one agreement with the
 * ward in Machi that runs out and must be renewed.
 */
@Configuration(proxyBeanMethods = false)
class GroupNotices {

    static final String EXPIRY = "reservation.group-expiry";

    @Bean
    NotificationType groupExpiry() {
        return new NotificationType(EXPIRY,
            new LocalizedText("団体登録の有効期限のお知らせ", "Group registrations about to end"),
            new LocalizedText("団体登録の有効期限が近づいています（((group))）", "Your group registration ends soon (((group)))"),
            new LocalizedText("""
                施設予約の団体「((group))」の登録の有効期限は ((date)) です（あと ((days)) 日）。

                期限が過ぎると、団体として施設を予約できなくなります。
                引き続き団体として利用する場合は、期限までにマイページの「団体登録」から更新を申請してください。
                区の職員が確認して、登録を延長します。""", """
                The registration of your group "((group))" for facility bookings ends on ((date)) (in ((days)) days).

                After that, the group can no longer book facilities. To go on booking as a group, please ask for a
                renewal before then, under "Group registration" on My Page; ward staff check it and extend the
                registration."""),
            new LocalizedText("施設予約の団体「((group))」の代表者として登録されているためお送りしています。",
                "You are the representative of the group \"((group))\" registered for facility bookings."),
            List.of("group", "date", "days"), true, 25);
    }
}
