package jp.machi.inquiry.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.shared.time.MachiClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "Did this answer your question?" and the self-resolution rate. Resolved: a yes on an answer, or a resident at the
 * desk who found the answer among the FAQ shown. Not resolved: a no on an answer, or an inquiry sent. The rate is
 * resolved / (resolved + not resolved).
 */
@Repository
public class FeedbackRepository {

    public enum Source { ANSWER, DESK }

    /** Figures of one row of the statistics. */
    public record Figures(String key, long resolved, long unresolved) {
        public long total() {
            return resolved + unresolved;
        }

        /** The rate in percent, rounded; -1 when there is nothing to count. */
        public int percent() {
            return total() == 0 ? -1 : (int) Math.round(100.0 * resolved / total());
        }
    }

    private final JdbcClient jdbc;

    FeedbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Long faqId, FaqCategory category, boolean resolved, Source source) {
        jdbc.sql("insert into inquiry_feedback (faq_id, category, resolved, source) values (?, ?, ?, ?)")
            .params(faqId, category == null ? null : category.slug(), resolved, source.name()).update();
    }

    /** By month, oldest first, the last {@code months} months up to {@code today}'s (inquiries sent count as not resolved). */
    public List<Figures> byMonth(LocalDate today, int months) {
        YearMonth last = YearMonth.from(today);
        YearMonth first = last.minusMonths(months - 1L);
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            rows.put(m.toString(), new long[2]);
        }
        var from = first.atDay(1).atStartOfDay(MachiClock.ZONE).toInstant();
        jdbc.sql("""
                select to_char(at at time zone 'Asia/Tokyo', 'YYYY-MM') as m, resolved, count(*) from inquiry_feedback
                where at >= ? group by 1, 2""")
            .param(java.sql.Timestamp.from(from))
            .query((rs, n) -> { add(rows, rs.getString(1), rs.getBoolean(2), rs.getLong(3)); return 0; }).list();
        jdbc.sql("""
                select to_char(received_at at time zone 'Asia/Tokyo', 'YYYY-MM') as m, count(*) from inquiry
                where received_at >= ? and channel = 'WEB' group by 1""")
            .param(java.sql.Timestamp.from(from))
            .query((rs, n) -> { add(rows, rs.getString(1), false, rs.getLong(2)); return 0; }).list();
        List<Figures> out = new ArrayList<>();
        rows.forEach((k, v) -> out.add(new Figures(k, v[0], v[1])));
        return out;
    }

    private static void add(Map<String, long[]> rows, String key, boolean resolved, long n) {
        long[] r = rows.get(key);
        if (r != null) {
            r[resolved ? 0 : 1] += n;
        }
    }

    /** By FAQ category (answers and the desk's choices), every category with any feedback. */
    public List<Figures> byCategory() {
        return jdbc.sql("""
                select coalesce(category, 'other'), count(*) filter (where resolved), count(*) filter (where not resolved)
                from inquiry_feedback group by 1 order by 1""")
            .query((rs, n) -> new Figures(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** By FAQ entry, most answered first (the key is the FAQ id). */
    public List<Figures> byFaq(int limit) {
        return jdbc.sql("""
                select faq_id, count(*) filter (where resolved), count(*) filter (where not resolved)
                from inquiry_feedback where faq_id is not null group by 1 order by count(*) desc, 1 limit ?""")
            .param(limit)
            .query((rs, n) -> new Figures(Long.toString(rs.getLong(1)), rs.getLong(2), rs.getLong(3))).list();
    }
}
