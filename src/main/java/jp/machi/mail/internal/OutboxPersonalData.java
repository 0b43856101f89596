package jp.machi.mail.internal;

import java.time.Instant;
import java.util.List;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mails Machi wrote to a person's addresses. The export lists when, what and whether it was delivered — not the
 * bodies, which can hold one-time links. Deleting the account deletes the mails (the outbox is a delivery log, kept
 * 30 days at most anyway).
 */
@Component
class OutboxPersonalData implements PersonalData {

    record SentMail(Instant createdAt, String to, String subject, String kind, String status, Instant sentAt) {}

    private final JdbcClient jdbc;

    OutboxPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "mail.outbox";
    }

    @Override
    public Object export(DataSubject person) {
        if (person.emails().isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select created_at, recipient, subject, template, status, sent_at from mail_outbox
                 where lower(recipient) in (:emails) order by created_at, id""")
            .param("emails", List.copyOf(person.emails()))
            .query((rs, n) -> new SentMail(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
            .list();
    }

    @Override
    public void erase(DataSubject person) {
        if (!person.emails().isEmpty()) {
            jdbc.sql("delete from mail_outbox where lower(recipient) in (:emails)")
                .param("emails", List.copyOf(person.emails())).update();
        }
    }
}
