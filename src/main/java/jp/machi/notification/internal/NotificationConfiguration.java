package jp.machi.notification.internal;

import java.util.List;
import jp.machi.shared.security.Role;
import jp.machi.shared.security.TokenScope;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The module's settings ({@link NotificationSettings}); scheduling for its jobs; the API token scope for senders. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationSettings.class, BounceSettings.class})
@EnableScheduling
public class NotificationConfiguration {

    /** The scope of a staff API token that sends notices and reads their delivery counts. */
    public static final String SEND_SCOPE = "notices:send";

    /**
     * Senders' tokens: send a notice, read notices (with their delivery counts, also drafts and lists' notices the
     * sender may write), and the topic and area codes to send with. Being a sender (and on duty for emergencies)
     * is still checked on every request.
     */
    @Bean
    TokenScope noticesSendScope() {
        return new TokenScope(SEND_SCOPE, "notification.scope.send", Role.STAFF,
            List.of("POST /api/v1/notices", "GET /api/v1/notices", "GET /api/v1/notices/**",
                "GET /api/v1/notification/topics", "GET /api/v1/notification/areas"));
    }
}
