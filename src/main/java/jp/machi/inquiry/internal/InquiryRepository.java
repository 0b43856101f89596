package jp.machi.inquiry.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inquiry tables ({@code inquiry}, {@code inquiry_message}, {@code inquiry_attachment}, routing examples, templates). */
@Repository
public class InquiryRepository {

    private static final String COLUMNS = """
        id, channel, department_code, proposed_department, status, assignee_account_id, resident_account_id,
        contact_name, contact_email, contact_phone, language, received_at, due_on, first_reply_at, closed_at,
        entered_by, demo, erased""";

    private final JdbcClient jdbc;

    InquiryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Inquiry row(ResultSet rs) throws SQLException {
        Long assignee = nullableLong(rs, "assignee_account_id");
        Long resident = nullableLong(rs, "resident_account_id");
        Long enteredBy = nullableLong(rs, "entered_by");
        return new Inquiry(rs.getLong("id"), Inquiry.Channel.valueOf(rs.getString("channel")),
            rs.getString("department_code"), rs.getString("proposed_department"),
            Inquiry.Status.valueOf(rs.getString("status")), assignee, resident, rs.getString("contact_name"),
            rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("language"),
            instant(rs, "received_at"), rs.getDate("due_on").toLocalDate(), instant(rs, "first_reply_at"),
            instant(rs, "closed_at"), enteredBy, rs.getBoolean("demo"), rs.getBoolean("erased"));
    }

    /** What a new inquiry holds. */
    public record New(Inquiry.Channel channel, String departmentCode, String proposedDepartment, Long residentAccountId,
                      String contactName, String contactEmail, String contactPhone, String language, String tokenHash,
                      Instant receivedAt, LocalDate dueOn, Long enteredBy, boolean demo) {}

    public long insert(New n) {
        return jdbc.sql("""
                insert into inquiry (channel, department_code, proposed_department, status, resident_account_id, contact_name,
                    contact_email, contact_phone, language, access_token_hash, received_at, due_on, entered_by, demo)
                values (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(n.channel().name(), n.departmentCode(), n.proposedDepartment(), n.residentAccountId(),
                n.contactName(), n.contactEmail(), n.contactPhone(), n.language(), n.tokenHash(),
                Timestamp.from(n.receivedAt()), n.dueOn(), n.enteredBy(), n.demo())
            .query(Long.class).single();
    }

    public long addMessage(long inquiryId, Inquiry.Message.Kind kind, String body, Long author, String from, String to,
                           Instant at) {
        return jdbc.sql("""
                insert into inquiry_message (inquiry_id, kind, body, author_account_id, from_department, to_department, created_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(inquiryId, kind.name(), body, author, from, to, Timestamp.from(at)).query(Long.class).single();
    }

    public void addAttachment(long inquiryId, long messageId, String filename, String contentType, byte[] content) {
        jdbc.sql("""
                insert into inquiry_attachment (inquiry_id, message_id, filename, content_type, content, size)
                values (?, ?, ?, ?, ?, ?)""")
            .params(inquiryId, messageId, filename, contentType, content, content.length).update();
    }

    public Optional<Inquiry> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from inquiry where id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    /** Inquiries sent without an account from {@code email} (any case), newest first, at most {@code limit}. */
    public List<Inquiry> sentWithoutAccountFrom(String email, int limit) {
        return jdbc.sql("select " + COLUMNS + " from inquiry where resident_account_id is null and not erased "
                + "and access_token_hash is not null and lower(contact_email) = lower(?) order by received_at desc limit ?")
            .params(email, limit).query((rs, n) -> row(rs)).list();
    }

    /** Replaces the thread's secret link (the old one stops working). */
    public void setTokenHash(long id, String hash) {
        jdbc.sql("update inquiry set access_token_hash = ? where id = ?").params(hash, id).update();
    }

    public Optional<Inquiry> findByTokenHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from inquiry where access_token_hash = ? and not erased").param(hash)
            .query((rs, n) -> row(rs)).optional();
    }

    public List<Inquiry.Message> messages(long inquiryId) {
        return jdbc.sql("""
                select id, kind, body, author_account_id, from_department, to_department, created_at
                from inquiry_message where inquiry_id = ? order by id""")
            .param(inquiryId)
            .query((rs, n) -> new Inquiry.Message(rs.getLong(1), Inquiry.Message.Kind.valueOf(rs.getString(2)),
                rs.getString(3), nullableLong(rs, "author_account_id"), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant()))
            .list();
    }

    public List<Inquiry.Attachment> attachments(long inquiryId) {
        return jdbc.sql("select id, message_id, filename, content_type, size from inquiry_attachment where inquiry_id = ? order by id")
            .param(inquiryId)
            .query((rs, n) -> new Inquiry.Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getInt(5)))
            .list();
    }

    public Optional<byte[]> attachmentContent(long inquiryId, long attachmentId) {
        return jdbc.sql("select content from inquiry_attachment where inquiry_id = ? and id = ?")
            .params(inquiryId, attachmentId).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** A line of a queue: the inquiry and the first words of its first message. */
    public record QueueRow(Inquiry inquiry, String excerpt) {}

    /** The queue: inquiries of these departments by status (null: every open or answered one), oldest due first. */
    public List<QueueRow> queue(Collection<String> departments, Inquiry.Status status, Long assignee, int limit) {
        if (departments.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select i." + COLUMNS + """
            , (select left(m.body, 60) from inquiry_message m where m.inquiry_id = i.id and m.kind = 'RESIDENT' order by m.id limit 1) as excerpt
            from inquiry i where department_code in (:departments) and not erased""");
        Map<String, Object> p = new HashMap<>();
        p.put("departments", departments);
        if (status != null) {
            sql.append(" and status = :status");
            p.put("status", status.name());
        } else {
            sql.append(" and status <> 'CLOSED'");
        }
        if (assignee != null) {
            sql.append(" and assignee_account_id = :assignee");
            p.put("assignee", assignee);
        }
        sql.append(" order by (status = 'OPEN') desc, due_on, i.id limit :limit");
        p.put("limit", limit);
        return jdbc.sql(sql.toString()).params(p)
            .query((rs, n) -> new QueueRow(row(rs), rs.getString("excerpt"))).list();
    }

    /** Open inquiries per department (for the staff menu line). */
    public Map<String, Integer> openCounts() {
        Map<String, Integer> out = new HashMap<>();
        jdbc.sql("select department_code, count(*) from inquiry where status = 'OPEN' and not erased group by 1")
            .query((rs, n) -> out.put(rs.getString(1), rs.getInt(2))).list();
        return out;
    }

    public List<Inquiry> ofResident(long accountId) {
        return jdbc.sql("select " + COLUMNS + " from inquiry where resident_account_id = ? and not erased order by id desc")
            .param(accountId).query((rs, n) -> row(rs)).list();
    }

    public void setDepartment(long id, String department) {
        jdbc.sql("update inquiry set department_code = ?, assignee_account_id = null where id = ?")
            .params(department, id).update();
    }

    public void setAssignee(long id, Long assignee) {
        jdbc.sql("update inquiry set assignee_account_id = ? where id = ?").params(assignee, id).update();
    }

    public void setStatus(long id, Inquiry.Status status, Instant at) {
        Timestamp t = Timestamp.from(at);
        jdbc.sql("update inquiry set status = ?, closed_at = ?, first_reply_at = coalesce(first_reply_at, ?) where id = ?")
            .params(status.name(), status == Inquiry.Status.CLOSED ? t : null,
                status == Inquiry.Status.ANSWERED ? t : null, id)
            .update();
    }

    public void setDueOn(long id, LocalDate due) {
        jdbc.sql("update inquiry set due_on = ? where id = ?").params(due, id).update();
    }

    // ---- routing examples --------------------------------------------------------------------------------------

    /** Records (or corrects) the department staff routed this inquiry to. */
    public void routed(long inquiryId, String text, String department) {
        jdbc.sql("""
                insert into inquiry_routing_example (inquiry_id, text, department_code) values (?, ?, ?)
                on conflict (inquiry_id) do update set text = excluded.text, department_code = excluded.department_code,
                    revision = nextval('inquiry_routing_revision')""")
            .params(inquiryId, text, department).update();
    }

    public record Example(String text, String department) {}

    public List<Example> routingExamples() {
        return jdbc.sql("select text, department_code from inquiry_routing_example order by inquiry_id")
            .query((rs, n) -> new Example(rs.getString(1), rs.getString(2))).list();
    }

    /** Changes whenever an example is added or corrected. */
    public String routingRevision() {
        return jdbc.sql("select count(*) || ':' || coalesce(max(revision), 0) from inquiry_routing_example")
            .query(String.class).single();
    }

    // ---- reply templates ---------------------------------------------------------------------------------------

    public record Template(long id, String departmentCode, String title, String body) {}

    public List<Template> templates(Collection<String> departments) {
        return jdbc.sql("select id, department_code, title, body from inquiry_reply_template where department_code is null "
                + (departments.isEmpty() ? "" : "or department_code in (:d) ") + "order by department_code nulls first, id")
            .params(departments.isEmpty() ? Map.of() : Map.of("d", departments))
            .query((rs, n) -> new Template(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    public Optional<Template> template(long id) {
        return jdbc.sql("select id, department_code, title, body from inquiry_reply_template where id = ?").param(id)
            .query((rs, n) -> new Template(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
    }

    public long insertTemplate(String department, String title, String body) {
        return jdbc.sql("insert into inquiry_reply_template (department_code, title, body) values (?, ?, ?) returning id")
            .params(department, title, body).query(Long.class).single();
    }

    public void deleteTemplate(long id) {
        jdbc.sql("delete from inquiry_reply_template where id = ?").param(id).update();
    }

    public long countTemplates() {
        return jdbc.sql("select count(*) from inquiry_reply_template").query(Long.class).single();
    }

    public long countDemo() {
        return jdbc.sql("select count(*) from inquiry where demo").query(Long.class).single();
    }

    // ---- personal data -----------------------------------------------------------------------------------------

    /** The inquiries of an account, or sent without one from one of these addresses. */
    public List<Inquiry> ofPerson(long accountId, java.util.Set<String> emails) {
        List<String> mails = emails.isEmpty() ? List.of("") : List.copyOf(emails);
        return jdbc.sql("select " + COLUMNS + " " + """
                 from inquiry where (resident_account_id = :id or (resident_account_id is null and lower(contact_email) in (:emails)))
                 and not erased order by id""")
            .param("id", accountId).param("emails", mails).query((rs, n) -> row(rs)).list();
    }

    /** Forgets the person: contact, texts they wrote and their files; the ward's replies and dates stay. */
    public void erasePerson(long accountId, java.util.Set<String> emails) {
        for (Inquiry i : ofPerson(accountId, emails)) {
            long id = i.id();
            jdbc.sql("delete from inquiry_attachment where inquiry_id = ?").param(id).update();
            jdbc.sql("update inquiry_message set body = '', author_account_id = null where inquiry_id = ? and kind = 'RESIDENT'").param(id).update();
            jdbc.sql("delete from inquiry_routing_example where inquiry_id = ?").param(id).update();
            jdbc.sql("""
                    update inquiry set resident_account_id = null, contact_name = null, contact_email = null,
                        contact_phone = null, access_token_hash = null, erased = true where id = ?""")
                .param(id).update();
        }
    }
}
