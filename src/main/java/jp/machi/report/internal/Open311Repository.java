package jp.machi.report.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.Report;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reads behind GET /requests: one query for the page of reports, one for all their photos. */
@Repository
public class Open311Repository {

    /** Filters of GET /requests; null = any. Only published reports are ever returned. */
    public record Filter(List<Long> ids, Collection<String> serviceCodes, Instant from, Instant to, Boolean open, int limit,
                  int offset) {}

    public record Photo(long reportId, int ordinal, String stage, int width, int height, Instant createdAt) {}

    private final JdbcClient jdbc;

    Open311Repository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Report> requests(Filter f) {
        // Only the columns GeoReport shows (never the reporter's personal data), read by position.
        StringBuilder sql = new StringBuilder("""
            select id, public_token, category_code, description, lat, lon, address, status, status_reason,
                   department_code, requested_at, updated_at, due_date
            from report where published""");
        Map<String, Object> p = new LinkedHashMap<>();
        if (f.ids() != null) {
            sql.append(" and id in (:ids)");
            p.put("ids", f.ids());
        } else {
            if (f.serviceCodes() != null) {
                sql.append(" and category_code in (:codes)");
                p.put("codes", f.serviceCodes());
            }
            if (f.from() != null) {
                sql.append(" and requested_at >= :from");
                p.put("from", Timestamp.from(f.from()));
            }
            if (f.to() != null) {
                sql.append(" and requested_at <= :to");
                p.put("to", Timestamp.from(f.to()));
            }
            if (Boolean.TRUE.equals(f.open())) {
                sql.append(" and status in ('RECEIVED', 'IN_PROGRESS')");
            } else if (Boolean.FALSE.equals(f.open())) {
                sql.append(" and status not in ('RECEIVED', 'IN_PROGRESS')");
            }
        }
        sql.append(" order by requested_at desc, id desc limit :limit offset :offset");
        p.put("limit", f.limit());
        p.put("offset", f.offset());
        return jdbc.sql(sql.toString()).params(p).query(Open311Repository::map).list();
    }

    private static Report map(ResultSet rs, int n) throws SQLException {
        return new Report(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
            rs.getDouble(6), rs.getString(7), ReportStatus.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10),
            null, null, null, null, false, null, null, true, false, instant(rs.getTimestamp(11)),
            instant(rs.getTimestamp(12)), rs.getObject(13, LocalDate.class), null);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Photos of the given reports, by report id, in order. */
    Map<Long, List<Photo>> photos(List<Long> reportIds) {
        Map<Long, List<Photo>> out = new HashMap<>();
        if (reportIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select report_id, ordinal, stage, width, height, created_at from report_photo
                where report_id in (:ids) order by report_id, ordinal""")
            .param("ids", reportIds)
            .query(rs -> {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Photo(rs.getLong(1), rs.getInt(2),
                    rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant()));
            });
        return out;
    }

    public record Note(long reportId, String text, jp.machi.report.ReportStatus statusTo, Instant createdAt) {}

    /** Answers to the category's questions, by report id, then attribute code. */
    Map<Long, Map<String, List<String>>> answers(List<Long> reportIds) {
        Map<Long, Map<String, List<String>>> out = new HashMap<>();
        if (reportIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select report_id, attribute_code, value from report_attribute_value where report_id in (:ids)
                order by report_id, attribute_code, ordinal""")
            .param("ids", reportIds)
            .query(rs -> {
                out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                    .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
            });
        return out;
    }

    /** The public updates (never internal notes), by report id, oldest first. */
    Map<Long, List<Note>> publicNotes(List<Long> reportIds) {
        Map<Long, List<Note>> out = new HashMap<>();
        if (reportIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select report_id, text, status_to, created_at from report_update
                where report_id in (:ids) and kind = 'PUBLIC' order by report_id, created_at, id""")
            .param("ids", reportIds)
            .query(rs -> {
                String to = rs.getString(3);
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Note(rs.getLong(1), rs.getString(2),
                    to == null ? null : jp.machi.report.ReportStatus.valueOf(to), rs.getTimestamp(4).toInstant()));
            });
        return out;
    }
}
