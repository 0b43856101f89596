package jp.machi.report.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.report.ReportStatus;
import jp.machi.shared.image.GeoPoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reports, their answers, photos, followers and thread. */
@Repository
public class ReportRepository {

    private final JdbcClient jdbc;

    public ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static Report map(ResultSet rs, int n) throws SQLException {
        return new Report(rs.getLong("id"), rs.getString("public_token"), rs.getString("category_code"),
            rs.getString("description"), rs.getDouble("lat"), rs.getDouble("lon"), rs.getString("address"),
            ReportStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), rs.getString("department_code"),
            (Long) rs.getObject("assignee_account_id"), (Long) rs.getObject("reporter_account_id"),
            rs.getString("reporter_email"), rs.getString("reporter_name"), rs.getBoolean("reporter_name_public"),
            rs.getString("language"), (Long) rs.getObject("entered_by_staff_id"), rs.getBoolean("published"),
            rs.getBoolean("demo"), instant(rs, "requested_at"), instant(rs, "updated_at"),
            rs.getObject("due_date", LocalDate.class), instant(rs, "resolved_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    public long insert(Report r) {
        return jdbc.sql("""
                insert into report (public_token, category_code, description, lat, lon, address, status, status_reason,
                  department_code, assignee_account_id, reporter_account_id, reporter_email, reporter_name,
                  reporter_name_public, language, entered_by_staff_id, published, demo, requested_at, updated_at,
                  due_date, resolved_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(r.publicToken(), r.categoryCode(), r.description(), r.lat(), r.lon(), r.address(), r.status().name(),
                r.statusReason(), r.departmentCode(), r.assigneeAccountId(), r.reporterAccountId(), r.reporterEmail(),
                r.reporterName(), r.reporterNamePublic(), r.language(), r.enteredByStaffId(), r.published(), r.demo(),
                ts(r.requestedAt()), ts(r.updatedAt()), r.dueDate(), ts(r.resolvedAt()))
            .query(Long.class).single();
    }

    public Optional<Report> find(long id) {
        return jdbc.sql("select * from report where id = ?").param(id).query(ReportRepository::map).optional();
    }

    public Optional<Report> findForUpdate(long id) {
        return jdbc.sql("select * from report where id = ? for update").param(id).query(ReportRepository::map).optional();
    }

    public Optional<Report> findByToken(String token) {
        return jdbc.sql("select * from report where public_token = ?").param(token).query(ReportRepository::map).optional();
    }

    public List<Report> search(ReportQuery q) {
        StringBuilder sql = new StringBuilder("select * from report where true");
        Map<String, Object> p = new LinkedHashMap<>();
        if (q.categoryCode() != null) {
            sql.append(" and category_code = :category");
            p.put("category", q.categoryCode());
        }
        if (q.status() != null) {
            sql.append(" and status = :status");
            p.put("status", q.status().name());
        }
        if (Boolean.TRUE.equals(q.openOnly())) {
            sql.append(" and status in ('RECEIVED', 'IN_PROGRESS')");
        } else if (Boolean.FALSE.equals(q.openOnly())) {
            sql.append(" and status not in ('RECEIVED', 'IN_PROGRESS')");
        }
        if (q.overdueOnly()) {
            sql.append(" and status in ('RECEIVED', 'IN_PROGRESS') and due_date < :today");
            p.put("today", LocalDate.now(jp.machi.shared.time.MachiClock.ZONE));
        }
        if (q.from() != null) {
            sql.append(" and requested_at >= :from");
            p.put("from", ts(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and requested_at < :to");
            p.put("to", ts(q.to()));
        }
        if (q.departments() != null) {
            if (q.departments().isEmpty()) {
                return List.of();
            }
            sql.append(" and department_code in (:departments)");
            p.put("departments", q.departments());
        }
        if (q.publishedOnly()) {
            sql.append(" and published");
        }
        if (q.bbox() != null) {
            sql.append(" and lon between :minLon and :maxLon and lat between :minLat and :maxLat");
            p.put("minLon", q.bbox()[0]);
            p.put("minLat", q.bbox()[1]);
            p.put("maxLon", q.bbox()[2]);
            p.put("maxLat", q.bbox()[3]);
        }
        sql.append(" order by requested_at desc, id desc limit :limit offset :offset");
        p.put("limit", q.limit());
        p.put("offset", q.offset());
        return jdbc.sql(sql.toString()).params(p).query(ReportRepository::map).list();
    }

    /** A person's own reports (newest first) and the reports they follow, for their My Page. */
    public List<Report> sentBy(long accountId, int limit) {
        return jdbc.sql("select * from report where reporter_account_id = ? order by requested_at desc, id desc limit ?")
            .params(accountId, limit).query(ReportRepository::map).list();
    }

    public List<Report> followedBy(long accountId, int limit) {
        return jdbc.sql("""
                select r.* from report r join report_follower f on f.report_id = r.id
                 where f.account_id = ? order by f.created_at desc, r.id desc limit ?""")
            .params(accountId, limit).query(ReportRepository::map).list();
    }

    /** How many reports the person sent, and how many of them are still open: one query for My Page. */
    public long[] sentCounts(long accountId) {
        return jdbc.sql("""
                select count(*), count(*) filter (where status in ('RECEIVED', 'IN_PROGRESS'))
                  from report where reporter_account_id = ?""")
            .param(accountId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** Open reports of the category within roughly {@code metres} of the point (a box, then the exact distance). */
    public List<Report> nearbyOpen(String category, double lat, double lon, double metres) {
        double dLat = metres / 111_320d;
        double dLon = metres / (111_320d * Math.cos(Math.toRadians(lat)));
        return jdbc.sql("""
                select * from report where category_code = ? and status in ('RECEIVED', 'IN_PROGRESS')
                  and lat between ? and ? and lon between ? and ? order by requested_at desc limit 50""")
            .params(category, lat - dLat, lat + dLat, lon - dLon, lon + dLon)
            .query(ReportRepository::map).list().stream()
            .filter(r -> GeoPoint.metres(lat, lon, r.lat(), r.lon()) <= metres).toList();
    }

    public void update(Report r) {
        jdbc.sql("""
                update report set status = ?, status_reason = ?, department_code = ?, assignee_account_id = ?,
                  published = ?, updated_at = ?, due_date = ?, resolved_at = ? where id = ?""")
            .params(r.status().name(), r.statusReason(), r.departmentCode(), r.assigneeAccountId(), r.published(),
                ts(r.updatedAt()), r.dueDate(), ts(r.resolvedAt()), r.id())
            .update();
    }

    public void insertAnswer(long reportId, String attribute, int ordinal, String value) {
        jdbc.sql("insert into report_attribute_value (report_id, attribute_code, ordinal, value) values (?, ?, ?, ?)")
            .params(reportId, attribute, ordinal, value).update();
    }

    /** Answers by attribute code (several values for a multivaluelist), in order. */
    public Map<String, List<String>> answers(long reportId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        jdbc.sql("select attribute_code, value from report_attribute_value where report_id = ? order by attribute_code, ordinal")
            .param(reportId)
            .query(rs -> {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            });
        return out;
    }

    public long insertPhoto(long reportId, String stage, jp.machi.shared.image.ProcessedImage p, Instant now) {
        return jdbc.sql("""
                insert into report_photo (report_id, ordinal, stage, content_type, web_image, width, height, thumbnail,
                  thumb_width, thumb_height, created_at)
                values (?, (select coalesce(max(ordinal), 0) + 1 from report_photo where report_id = ?), ?, 'image/jpeg',
                  ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(reportId, reportId, stage, p.web(), p.width(), p.height(), p.thumbnail(), p.thumbWidth(),
                p.thumbHeight(), ts(now))
            .query(Long.class).single();
    }

    public List<ReportPhoto> photos(long reportId) {
        return jdbc.sql("""
                select id, report_id, ordinal, stage, width, height, thumb_width, thumb_height, redacted
                from report_photo where report_id = ? order by ordinal""")
            .param(reportId)
            .query((rs, n) -> new ReportPhoto(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getBoolean(9)))
            .list();
    }

    /** Photos of many reports at once (one query), by report id, in order. */
    public Map<Long, List<ReportPhoto>> photos(java.util.Collection<Long> reportIds) {
        Map<Long, List<ReportPhoto>> out = new java.util.HashMap<>();
        if (reportIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select id, report_id, ordinal, stage, width, height, thumb_width, thumb_height, redacted
                from report_photo where report_id in (:ids) order by report_id, ordinal""")
            .param("ids", reportIds)
            .query(rs -> {
                out.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new ReportPhoto(rs.getLong(1),
                    rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                    rs.getBoolean(9)));
            });
        return out;
    }

    /** The stored web image (thumbnail = false) or thumbnail of the report's n-th photo. */
    public Optional<byte[]> photoBytes(long reportId, int ordinal, boolean thumbnail) {
        return jdbc.sql("select " + (thumbnail ? "thumbnail" : "web_image")
                + " from report_photo where report_id = ? and ordinal = ?")
            .params(reportId, ordinal).query(byte[].class).optional();
    }

    public void replacePhoto(long reportId, int ordinal, jp.machi.shared.image.ProcessedImage p) {
        jdbc.sql("""
                update report_photo set web_image = ?, width = ?, height = ?, thumbnail = ?, thumb_width = ?,
                  thumb_height = ?, redacted = true where report_id = ? and ordinal = ?""")
            .params(p.web(), p.width(), p.height(), p.thumbnail(), p.thumbWidth(), p.thumbHeight(), reportId, ordinal)
            .update();
    }

    public boolean addFollower(long reportId, Long accountId, String email, String language, Instant now) {
        String sql = accountId != null
            ? "select count(*) from report_follower where report_id = ? and account_id = ?"
            : "select count(*) from report_follower where report_id = ? and lower(email) = lower(?)";
        if (jdbc.sql(sql).params(reportId, accountId != null ? accountId : email).query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("insert into report_follower (report_id, account_id, email, language, created_at) values (?, ?, ?, ?, ?)")
            .params(reportId, accountId, accountId != null ? null : email, language, ts(now)).update();
        return true;
    }

    public record Follower(Long accountId, String email, String language) {}

    public List<Follower> followers(long reportId) {
        return jdbc.sql("select account_id, email, language from report_follower where report_id = ? order by id")
            .param(reportId)
            .query((rs, n) -> new Follower((Long) rs.getObject(1), rs.getString(2), rs.getString(3))).list();
    }

    public void insertUpdate(long reportId, String kind, String text, ReportStatus from, ReportStatus to,
                             String deptFrom, String deptTo, Long author, Instant now) {
        jdbc.sql("""
                insert into report_update (report_id, kind, text, status_from, status_to, department_from, department_to,
                  author_staff_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(reportId, kind, text == null ? "" : text, from == null ? null : from.name(),
                to == null ? null : to.name(), deptFrom, deptTo, author, ts(now))
            .update();
    }

    public List<ReportUpdate> updates(long reportId, boolean publicOnly) {
        return jdbc.sql("select * from report_update where report_id = ?" + (publicOnly ? " and kind = 'PUBLIC'" : "")
                + " order by created_at, id")
            .param(reportId)
            .query((rs, n) -> new ReportUpdate(rs.getLong("id"), rs.getLong("report_id"), rs.getString("kind"),
                rs.getString("text"), status(rs.getString("status_from")), status(rs.getString("status_to")),
                rs.getString("department_from"), rs.getString("department_to"),
                (Long) rs.getObject("author_staff_id"), instant(rs, "created_at")))
            .list();
    }

    private static ReportStatus status(String s) {
        return s == null ? null : ReportStatus.valueOf(s);
    }

    public record ResponseTemplate(long id, String departmentCode, String title, String text) {}

    public List<ResponseTemplate> templates(String departmentCode) {
        return jdbc.sql("select * from report_response_template where department_code = ? order by title")
            .param(departmentCode)
            .query((rs, n) -> new ResponseTemplate(rs.getLong("id"), rs.getString("department_code"),
                rs.getString("title"), rs.getString("text"))).list();
    }

    public void insertTemplateIfMissing(String departmentCode, String title, String text) {
        jdbc.sql("""
                insert into report_response_template (department_code, title, text) values (?, ?, ?)
                on conflict (department_code, title) do nothing""")
            .params(departmentCode, title, text).update();
    }

    public long countDemo() {
        return jdbc.sql("select count(*) from report where demo").query(Long.class).single();
    }

    public long openPublishedCount() {
        return jdbc.sql("select count(*) from report where published and status in ('RECEIVED', 'IN_PROGRESS')")
            .query(Long.class).single();
    }
}
