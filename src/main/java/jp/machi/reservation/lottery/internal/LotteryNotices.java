package jp.machi.reservation.lottery.internal;

import java.util.List;
import jp.machi.notification.NotificationType;
import jp.machi.shared.text.LocalizedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The lottery's personal notice (module notification): each applicant's result goes to their My Page inbox and by
 * mail through {@link jp.machi.notification.PersonalNotices}, so staff can switch it off or reword it and the
 * applicant can stop it.
 */
@Configuration(proxyBeanMethods = false)
class LotteryNotices {

    static final String RESULT = "reservation.lottery-result";

    @Bean
    NotificationType lotteryResult() {
        return new NotificationType(RESULT,
            new LocalizedText("施設予約の抽選結果", "Results of facility booking lotteries"),
            new LocalizedText("抽選結果のお知らせ（((round))）", "Your lottery result (((round)))"),
            new LocalizedText("""
                ((applicant)) 様

                ((round)) の抽選を行いました。受付記号は ((reference)) です。

                ((results))

                抽選は公開した手順で誰でも検算できます。
                ((verify))

                ((confirm))""", """
                Dear ((applicant)),

                The lottery ((round)) has been drawn. Your reference is ((reference)).

                ((results))

                Anyone can recompute the draw from the published data:
                ((verify))

                ((confirm))"""),
            new LocalizedText("施設予約の抽選「((round))」に申し込まれたためお送りしています。",
                "You applied to the facility booking lottery \"((round))\"."),
            List.of("applicant", "round", "reference", "results", "won", "confirm", "verify"), true, 30);
    }
}
