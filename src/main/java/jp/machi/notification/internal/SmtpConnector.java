package jp.machi.notification.internal;

import jp.machi.mail.JakartaMailStreams;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Opens SMTP connections to the server the mail module uses ({@code spring.mail.*}, i.e. {@code MACHI_SMTP_*}),
 * with Jakarta Mail directly: a worker keeps one {@link Transport} open for a whole session of messages instead of
 * one connection per mail. Time-outs are set so that a hung server cannot block a worker.
 */
@Component
public class SmtpConnector {

    static {
        // name Jakarta Mail's stream provider before the first message is built (56 % of the workers' CPU otherwise)
        JakartaMailStreams.nameProvider();
    }

    private final MailProperties mail;
    private final Session session;

    @org.springframework.beans.factory.annotation.Autowired
    SmtpConnector(Environment environment) {
        this(Binder.get(environment).bind("spring.mail", MailProperties.class).orElseGet(MailProperties::new));
    }

    SmtpConnector(MailProperties mail) {
        this.mail = mail;
        Properties p = new Properties();
        p.putAll(mail.getProperties());
        p.putIfAbsent("mail.smtp.connectiontimeout", "5000");
        p.putIfAbsent("mail.smtp.timeout", "10000");
        p.putIfAbsent("mail.smtp.writetimeout", "10000");
        p.putIfAbsent("mail.smtp.quitwait", "false");
        if (mail.getHost() != null) {
            p.put("mail.smtp.host", mail.getHost());
        }
        if (mail.getPort() != null) {
            p.put("mail.smtp.port", String.valueOf(mail.getPort()));
        }
        this.session = Session.getInstance(p);
    }

    /** True when an SMTP host is configured; otherwise deliveries wait QUEUED. */
    public boolean configured() {
        return mail.getHost() != null && !mail.getHost().isBlank();
    }

    public Session session() {
        return session;
    }

    /** A connected transport; the caller closes it. */
    public Transport connect() throws MessagingException {
        Transport t = session.getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        String user = mail.getUsername() == null || mail.getUsername().isBlank() ? null : mail.getUsername();
        t.connect(mail.getHost(), mail.getPort() == null ? -1 : mail.getPort(), user, user == null ? null : mail.getPassword());
        return t;
    }
}
