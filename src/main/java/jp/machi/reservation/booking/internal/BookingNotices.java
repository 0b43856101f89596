package jp.machi.reservation.booking.internal;

import java.util.List;
import jp.machi.notification.NotificationType;
import jp.machi.shared.text.LocalizedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The booking core's personal notices (module notification): the reminder the day before a booking goes to the
 * booker's My Page inbox and by mail through {@link jp.machi.notification.PersonalNotices}, so staff can switch it off
 * or reword it and the booker can stop it. The other booking mails (confirmed, cancelled, payment due …) are
 * transactional answers to the booker's own action and stay the booking core's mail.
 */
@Configuration(proxyBeanMethods = false)
class BookingNotices {

    static final String REMINDER = "reservation.booking-reminder";

    @Bean
    NotificationType bookingReminder() {
        return new NotificationType(REMINDER,
            new LocalizedText("施設予約の前日のお知らせ", "Reminder the day before a facility booking"),
            new LocalizedText("明日のご予約: ((facility)) ((room))（予約番号 ((id))）",
                "Your booking tomorrow: ((facility)), ((room)) (booking ((id)))"),
            new LocalizedText("""
                明日、次の予約があります。

                予約番号: ((id))
                施設: ((facility))
                室場: ((room))
                利用日: ((date)) ((slot))（((time))）
                ((payment))
                ご利用にならない場合は取り消してください。連絡なく利用されないと、ペナルティの点数が付きます。""", """
                You have this booking tomorrow.

                Booking: ((id))
                Facility: ((facility))
                Room: ((room))
                Date: ((date)), ((slot)) (((time)))
                ((payment))
                If you will not come, please cancel. Not coming without cancelling earns penalty points."""),
            new LocalizedText("施設予約で((facility))の((room))（((date))）を予約されたためお送りしています。",
                "You booked ((room)) at ((facility)) for ((date)) on the ward's facility booking."),
            List.of("id", "facility", "room", "date", "slot", "time", "payment"), true, 20);
    }
}
