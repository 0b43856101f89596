package jp.machi.inquiry.internal;

import java.util.List;
import jp.machi.notification.NotificationType;
import jp.machi.shared.text.LocalizedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inquiry desk's personal notice (module notification): a staff reply to a signed-in resident's inquiry goes to
 * their My Page inbox and, unless they chose My Page only, by mail through
 * {@link jp.machi.notification.PersonalNotices}, saying why it came and how to stop it. Residents who wrote without an
 * account (a reply address only) keep the desk's own reply mail: they have no inbox.
 */
@Configuration(proxyBeanMethods = false)
class InquiryNotices {

    static final String REPLY = "inquiry.reply";

    @Bean
    NotificationType inquiryReply() {
        return new NotificationType(REPLY,
            new LocalizedText("お問い合わせへのお返事", "Replies to your inquiries"),
            new LocalizedText("お問い合わせへのお返事（受付番号 ((id))）", "Reply to your inquiry (No. ((id)))"),
            new LocalizedText("""
                お問い合わせ（受付番号 ((id))）に、((department))からお返事します。

                ----
                ((reply))
                ----

                やりとりの確認と追加の書き込みは、マイページの「お問い合わせ」からどうぞ。""", """
                ((department)) replies to your inquiry (No. ((id))):

                ----
                ((reply))
                ----

                See the thread and write more under "Inquiries" on My Page."""),
            new LocalizedText("区へのお問い合わせ（受付番号 ((id))）をログインして送られたためお送りしています。",
                "You sent an inquiry to the ward (No. ((id))) while signed in."),
            List.of("id", "department", "reply"), true, 35);
    }
}
