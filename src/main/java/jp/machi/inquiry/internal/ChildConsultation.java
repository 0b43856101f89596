package jp.machi.inquiry.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.StaffScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The children's consultation (子どもの相談): anonymous threads, no account, no personal data asked. A thread is
 * reached only by its secret link (Machi keeps the SHA-256 of the secret, so a lost link cannot be found again).
 * Staff of the designated department ({@code machi.inquiry.child-consultation-department}) answer.
 */
@Service
public class ChildConsultation {

    public static final int MAX_TEXT = 2000;

    public record Thread(long id, Instant createdAt, Instant lastMessageAt, boolean waiting, boolean closed) {}

    public record Message(long id, boolean fromChild, String body, Instant createdAt) {}

    private final JdbcClient jdbc;
    private final StaffScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final String department;

    ChildConsultation(JdbcClient jdbc, StaffScope scope, AuditLog audit, Clock clock,
                      @Value("${machi.inquiry.child-consultation-department:kosodate-shien}") String department) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
        this.department = department;
    }

    public String department() {
        return department;
    }

    /** Designated staff: those who see the configured department's work. */
    public boolean designated(long staffId) {
        return scope.canSee(staffId, department);
    }

    /** Starts a thread; answers the secret for the link (shown once, never stored). */
    @Transactional
    public String start(String text) {
        String token = InquiryService.newToken();
        Instant now = clock.instant();
        long id = jdbc.sql("insert into inquiry_child_thread (token_hash, created_at, last_message_at) values (?, ?, ?) returning id")
            .params(InquiryService.hash(token), Timestamp.from(now), Timestamp.from(now)).query(Long.class).single();
        addMessage(id, true, Texts.clean(text), null, now);
        return token;
    }

    public Optional<Thread> byToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,64}")) {
            return Optional.empty();
        }
        return jdbc.sql("select id, created_at, last_message_at, waiting, closed from inquiry_child_thread where token_hash = ?")
            .param(InquiryService.hash(token)).query((rs, n) -> thread(rs)).optional();
    }

    public Optional<Thread> find(long id) {
        return jdbc.sql("select id, created_at, last_message_at, waiting, closed from inquiry_child_thread where id = ?")
            .param(id).query((rs, n) -> thread(rs)).optional();
    }

    private static Thread thread(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Thread(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
            rs.getBoolean(5));
    }

    public List<Message> messages(long threadId) {
        return jdbc.sql("select id, from_child, body, created_at from inquiry_child_message where thread_id = ? order by id")
            .param(threadId)
            .query((rs, n) -> new Message(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
            .list();
    }

    @Transactional
    public void childWrites(long threadId, String text) {
        addMessage(threadId, true, Texts.clean(text), null, clock.instant());
    }

    /** The threads for staff: waiting for an answer first, then the latest. */
    public List<Thread> queue(boolean includeClosed) {
        return jdbc.sql("select id, created_at, last_message_at, waiting, closed from inquiry_child_thread"
                + (includeClosed ? "" : " where not closed") + " order by waiting desc, last_message_at desc limit 200")
            .query((rs, n) -> thread(rs)).list();
    }

    @Transactional
    public Thread openForStaff(long staffId, long threadId) {
        Thread t = find(threadId).orElseThrow(InquiryService.NotFound::new);
        audit.record(AuditEvent.byCurrentActor("inquiry.child.read", null, "child-thread:" + threadId,
            AuditDetail.of("inquiry.audit.child.read")));
        return t;
    }

    @Transactional
    public void staffReplies(long staffId, long threadId, String text) {
        find(threadId).orElseThrow(InquiryService.NotFound::new);
        addMessage(threadId, false, Texts.clean(text), staffId, clock.instant());
        audit.record(AuditEvent.byCurrentActor("inquiry.child.reply", null, "child-thread:" + threadId,
            AuditDetail.of("inquiry.audit.child.reply")));
    }

    @Transactional
    public void close(long staffId, long threadId, boolean closed) {
        jdbc.sql("update inquiry_child_thread set closed = ?, waiting = case when ? then false else waiting end where id = ?")
            .params(closed, closed, threadId).update();
        audit.record(AuditEvent.byCurrentActor(closed ? "inquiry.child.close" : "inquiry.child.reopen", null,
            "child-thread:" + threadId, AuditDetail.of(closed ? "inquiry.audit.child.close" : "inquiry.audit.child.reopen")));
    }

    private void addMessage(long threadId, boolean fromChild, String body, Long staffId, Instant at) {
        jdbc.sql("insert into inquiry_child_message (thread_id, from_child, body, staff_account_id, created_at) values (?, ?, ?, ?, ?)")
            .params(threadId, fromChild, body, staffId, Timestamp.from(at)).update();
        jdbc.sql("update inquiry_child_thread set last_message_at = ?, waiting = ?, closed = case when ? then false else closed end where id = ?")
            .params(Timestamp.from(at), fromChild, fromChild, threadId).update();
    }

    public long countDemo() {
        return jdbc.sql("select count(*) from inquiry_child_thread where demo").query(Long.class).single();
    }
}
