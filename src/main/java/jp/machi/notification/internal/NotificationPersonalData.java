package jp.machi.notification.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the notification module holds about a person, by account and by address (a subscription made before signing
 * up has no account): subscriptions, personal notices and choices, delivery records (with the address), the "about
 * me" answers. Erasure deletes subscriptions, personal notices and answers, and keeps delivery records only as counts
 * (address, account and subscription removed) so that a notice's figures stay true.
 */
@Configuration(proxyBeanMethods = false)
class NotificationPersonalData {

    record SubscriptionData(long id, String kind, Long listId, String email, String language, String status, String label,
                            List<String> topics, List<String> areas, Integer radiusMeters, Instant createdAt,
                            Instant confirmedAt) {}

    record PersonalNoticeData(String type, String title, String body, String reason, String link, Instant at, Instant readAt) {}

    record DeliveryData(long id, Long noticeId, Long personalNoticeId, String email, String status, Instant queuedAt,
                        Instant sentAt, Instant readAt) {}

    private static String where(String accountColumn, String emailColumn) {
        return "(" + accountColumn + " = :account or " + emailColumn + " in (:emails))";
    }

    private static List<String> emails(DataSubject p) {
        return p.emails().isEmpty() ? List.of("\u0000") : List.copyOf(p.emails());
    }

    @Bean
    PersonalData notificationSubscriptions(JdbcClient jdbc, SubscriptionRepository subscriptions) {
        return new PersonalData() {
            @Override
            public String name() {
                return "notification.subscriptions";
            }

            @Override
            public Object export(DataSubject p) {
                List<Long> ids = jdbc.sql("select id from notification_subscription where " + where("account_id", "email") + " order by id")
                    .param("account", p.accountId()).param("emails", emails(p)).query(Long.class).list();
                return ids.stream().map(subscriptions::find).flatMap(java.util.Optional::stream)
                    .map(s -> new SubscriptionData(s.id(), s.isList() ? "list" : "ward", s.listId(), s.email(), s.language(),
                        s.status(), s.label(), s.topics(), s.areas(), s.nearRadiusM(), s.createdAt(), s.confirmedAt()))
                    .toList();
            }

            @Override
            public void erase(DataSubject p) {
                jdbc.sql("delete from notification_subscription where " + where("account_id", "email"))
                    .param("account", p.accountId()).param("emails", emails(p)).update();
            }
        };
    }

    @Bean
    PersonalData notificationInbox(JdbcClient jdbc) {
        return new PersonalData() {
            @Override
            public String name() {
                return "notification.personal-notices";
            }

            @Override
            public Object export(DataSubject p) {
                return Map.of(
                    "notices", jdbc.sql("select type_code, title, body, reason, link, created_at, read_at from notification_personal where "
                            + where("account_id", "email") + " order by id")
                        .param("account", p.accountId()).param("emails", emails(p))
                        .query((rs, n) -> new PersonalNoticeData(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), SubscriptionRepository.instant(rs, "created_at"), SubscriptionRepository.instant(rs, "read_at")))
                        .list(),
                    "choices", jdbc.sql("select type_code, mode from notification_personal_choice where " + where("account_id", "email"))
                        .param("account", p.accountId()).param("emails", emails(p))
                        .query((rs, n) -> Map.of("type", rs.getString(1), "mode", rs.getString(2))).list());
            }

            @Override
            public void erase(DataSubject p) {
                jdbc.sql("""
                        delete from notification_delivery where personal_id in
                          (select id from notification_personal where """ + where("account_id", "email") + ")")
                    .param("account", p.accountId()).param("emails", emails(p)).update();
                jdbc.sql("delete from notification_personal where " + where("account_id", "email"))
                    .param("account", p.accountId()).param("emails", emails(p)).update();
                jdbc.sql("delete from notification_personal_choice where " + where("account_id", "email"))
                    .param("account", p.accountId()).param("emails", emails(p)).update();
            }
        };
    }

    @Bean
    PersonalData notificationDeliveries(JdbcClient jdbc) {
        return new PersonalData() {
            @Override
            public String name() {
                return "notification.deliveries";
            }

            @Override
            public Object export(DataSubject p) {
                return jdbc.sql("select id, notice_id, personal_id, email, status, queued_at, sent_at, read_at from notification_delivery where "
                        + where("account_id", "email") + " order by id")
                    .param("account", p.accountId()).param("emails", emails(p))
                    .query((rs, n) -> {
                        long notice = rs.getLong(2);
                        Long noticeId = rs.wasNull() ? null : notice;
                        long personal = rs.getLong(3);
                        Long personalId = rs.wasNull() ? null : personal;
                        return new DeliveryData(rs.getLong(1), noticeId, personalId, rs.getString(4), rs.getString(5),
                            SubscriptionRepository.instant(rs, "queued_at"), SubscriptionRepository.instant(rs, "sent_at"),
                            SubscriptionRepository.instant(rs, "read_at"));
                    })
                    .list();
            }

            @Override
            public void erase(DataSubject p) {
                jdbc.sql("update notification_delivery set email = null, account_id = null, subscription_id = null, read_at = null where "
                        + where("account_id", "email"))
                    .param("account", p.accountId()).param("emails", emails(p)).update();
                jdbc.sql("delete from notification_suppression where email in (:emails)").param("emails", emails(p)).update();
            }
        };
    }

    @Bean
    PersonalData notificationProfile(JdbcClient jdbc, EligibilityRepository profiles) {
        return new PersonalData() {
            @Override
            public String name() {
                return "notification.profile";
            }

            @Override
            public Object export(DataSubject p) {
                Profile profile = profiles.profile(p.accountId());
                return Map.of("district", profile.district() == null ? "" : profile.district(),
                    "ageBand", profile.ageBand() == null ? "" : profile.ageBand(),
                    "childrenBirthMonths", profile.children().stream().map(Object::toString).toList());
            }

            @Override
            public void erase(DataSubject p) {
                profiles.erase(p.accountId());
                jdbc.sql("delete from notification_list_staff where account_id = ?").param(p.accountId()).update();
                jdbc.sql("delete from notification_sender where account_id = ?").param(p.accountId()).update();
            }
        };
    }
}
