package jp.machi.inquiry.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The FAQ tables ({@code inquiry_faq}, {@code inquiry_faq_link}); the one writer of both. */
@Repository
public class FaqRepository {

    private static final String COLUMNS = """
        id, question_ja, question_en, answer_ja, answer_en, category, department_code, staff_only, status, review_on,
        review_notified_on, source_inquiry_id, demo, revision, created_at, updated_at""";

    private final JdbcClient jdbc;

    FaqRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Faq row(ResultSet rs) throws SQLException {
        java.sql.Date review = rs.getDate("review_on");
        java.sql.Date notified = rs.getDate("review_notified_on");
        long source = rs.getLong("source_inquiry_id");
        Long sourceId = rs.wasNull() ? null : source;
        return new Faq(rs.getLong("id"), rs.getString("question_ja"), rs.getString("question_en"),
            rs.getString("answer_ja"), rs.getString("answer_en"),
            FaqCategory.bySlug(rs.getString("category")).orElse(FaqCategory.OTHER), rs.getString("department_code"),
            rs.getBoolean("staff_only"), Faq.Status.valueOf(rs.getString("status")),
            review == null ? null : review.toLocalDate(), notified == null ? null : notified.toLocalDate(),
            sourceId, rs.getBoolean("demo"), rs.getLong("revision"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), List.of());
    }

    public Optional<Faq> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from inquiry_faq where id = ?").param(id).query((rs, n) -> row(rs))
            .optional().map(f -> f.withLinks(links(List.of(f.id())).getOrDefault(f.id(), List.of())));
    }

    /** Entries by filter (null for any), newest change first, with their links. */
    public List<Faq> list(Faq.Status status, FaqCategory category, Collection<String> departments, Boolean staffOnly,
                          boolean reviewDueOnly, LocalDate today, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from inquiry_faq where true");
        Map<String, Object> p = new HashMap<>();
        if (status != null) {
            sql.append(" and status = :status");
            p.put("status", status.name());
        }
        if (category != null) {
            sql.append(" and category = :category");
            p.put("category", category.slug());
        }
        if (departments != null) {
            if (departments.isEmpty()) {
                return List.of();
            }
            sql.append(" and department_code in (:departments)");
            p.put("departments", departments);
        }
        if (staffOnly != null) {
            sql.append(" and staff_only = :staffOnly");
            p.put("staffOnly", staffOnly);
        }
        if (reviewDueOnly) {
            sql.append(" and status = 'PUBLISHED' and review_on <= :today");
            p.put("today", today);
        }
        sql.append(status == Faq.Status.PUBLISHED && !reviewDueOnly ? " order by id" : " order by updated_at desc, id desc");
        sql.append(" limit :limit");
        p.put("limit", limit);
        List<Faq> faqs = jdbc.sql(sql.toString()).params(p).query((rs, n) -> row(rs)).list();
        Map<Long, List<Faq.Link>> links = links(faqs.stream().map(Faq::id).toList());
        return faqs.stream().map(f -> f.withLinks(links.getOrDefault(f.id(), List.of()))).toList();
    }

    /** Published entries of one category (or every one), public only unless {@code staff}, in id order. */
    public List<Faq> published(FaqCategory category, boolean staff) {
        String sql = "select " + COLUMNS + " from inquiry_faq where status = 'PUBLISHED'"
            + (staff ? "" : " and not staff_only") + (category == null ? "" : " and category = :category") + " order by id";
        var spec = jdbc.sql(sql);
        if (category != null) {
            spec = spec.param("category", category.slug());
        }
        return spec.query((rs, n) -> row(rs)).list();
    }

    /** How many published entries each category has (public only unless {@code staff}). */
    public Map<FaqCategory, Integer> countsByCategory(boolean staff) {
        Map<FaqCategory, Integer> counts = new java.util.EnumMap<>(FaqCategory.class);
        jdbc.sql("select category, count(*) from inquiry_faq where status = 'PUBLISHED'" + (staff ? "" : " and not staff_only")
                + " group by category")
            .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list()
            .forEach(e -> FaqCategory.bySlug(e.getKey()).ifPresent(c -> counts.put(c, e.getValue())));
        return counts;
    }

    public Map<Long, List<Faq.Link>> links(Collection<Long> ids) {
        Map<Long, List<Faq.Link>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select faq_id, path, label_ja, label_en from inquiry_faq_link where faq_id in (:ids) order by faq_id, position")
            .param("ids", ids)
            .query((rs, n) -> Map.entry(rs.getLong(1), new Faq.Link(rs.getString(2), rs.getString(3), rs.getString(4))))
            .list().forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    /** The fields staff edit. */
    public record Content(String questionJa, String questionEn, String answerJa, String answerEn, FaqCategory category,
                          String departmentCode, boolean staffOnly, LocalDate reviewOn, List<Faq.Link> links) {}

    public long insert(Content c, Faq.Status status, Long sourceInquiryId, boolean demo, Long staffId) {
        long id = jdbc.sql("""
                insert into inquiry_faq (question_ja, question_en, answer_ja, answer_en, category, department_code, staff_only,
                    status, review_on, source_inquiry_id, demo, created_by, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(c.questionJa(), nz(c.questionEn()), c.answerJa(), nz(c.answerEn()), c.category().slug(),
                c.departmentCode(), c.staffOnly(), status.name(), c.reviewOn(), sourceInquiryId, demo, staffId, staffId)
            .query(Long.class).single();
        replaceLinks(id, c.links());
        return id;
    }

    public void update(long id, Content c, Long staffId) {
        jdbc.sql("""
                update inquiry_faq set question_ja = ?, question_en = ?, answer_ja = ?, answer_en = ?, category = ?,
                    department_code = ?, staff_only = ?, review_on = ?, updated_at = now(), updated_by = ?
                where id = ?""")
            .params(c.questionJa(), nz(c.questionEn()), c.answerJa(), nz(c.answerEn()), c.category().slug(),
                c.departmentCode(), c.staffOnly(), c.reviewOn(), staffId, id)
            .update();
        replaceLinks(id, c.links());
    }

    public void setStatus(long id, Faq.Status status, Long staffId) {
        jdbc.sql("""
                update inquiry_faq set status = ?, updated_at = now(), updated_by = ? where id = ?""").params(status.name(), staffId, id).update();
    }

    private void replaceLinks(long id, List<Faq.Link> links) {
        jdbc.sql("delete from inquiry_faq_link where faq_id = ?").param(id).update();
        int pos = 0;
        for (Faq.Link l : links) {
            jdbc.sql("insert into inquiry_faq_link (faq_id, position, path, label_ja, label_en) values (?, ?, ?, ?, ?)")
                .params(id, pos++, l.path(), l.labelJa(), nz(l.labelEn())).update();
        }
    }

    /** The highest revision (0 for none): the search source's change counter. */
    public long revision() {
        return jdbc.sql("select coalesce(max(revision), 0) from inquiry_faq").query(Long.class).single();
    }

    /** Every entry written after {@code revision}, whatever its status. */
    public List<Faq> changedSince(long revision) {
        return jdbc.sql("select " + COLUMNS + " from inquiry_faq where revision > ? order by revision")
            .param(revision).query((rs, n) -> row(rs)).list();
    }

    /** Published entries due for review whose department has not been told about this review date. */
    public List<Faq> reviewsToAnnounce(LocalDate today) {
        return jdbc.sql("select " + COLUMNS + " " + """
                 from inquiry_faq where status = 'PUBLISHED' and review_on <= ?
                 and (review_notified_on is null or review_notified_on <> review_on) order by department_code, id""")
            .param(today).query((rs, n) -> row(rs)).list();
    }

    public void markAnnounced(long id, LocalDate reviewOn) {
        jdbc.sql("update inquiry_faq set review_notified_on = ? where id = ?").params(reviewOn, id).update();
    }

    public long countDemo() {
        return jdbc.sql("select count(*) from inquiry_faq where demo").query(Long.class).single();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static Timestamp ts(java.time.Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
