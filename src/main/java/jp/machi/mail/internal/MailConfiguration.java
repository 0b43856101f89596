package jp.machi.mail.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The mail module's settings. Scheduling is enabled here because the outbox's retry and retention jobs
 * ({@link OutboxDelivery}) need it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    static {
        // every mail the outbox renders has encoded headers: spare each the ServiceLoader scan (see JakartaMailStreams)
        jp.machi.mail.JakartaMailStreams.nameProvider();
    }

    @Bean
    MailSettings mailSettings(@Value("${machi.mail.from}") String from,
                              jp.machi.shared.web.SiteUrl site,
                              @Value("${spring.mail.host:}") String smtpHost,
                              @Value("${machi.mail.retention:30d}") Duration retention) {
        MailSettings settings = new MailSettings(from, site.base(), MailSettings.smtpConfigured(smtpHost), retention);
        if (settings.smtpConfigured()) {
            log.info("Mail is delivered by SMTP via {} from {}", smtpHost, settings.from());
        } else {
            log.info("No SMTP server configured (MACHI_SMTP_HOST): mail is kept in the outbox at /staff/outbox and not sent");
        }
        return settings;
    }
}
