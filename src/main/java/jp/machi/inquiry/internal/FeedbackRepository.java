package jp.machi.inquiry.internal;

import java.time.Instant;
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
 * "Did this answer your question?" and the self-resolution rate. Resolved: a yes on an answer, a resident at the
 * desk who found the answer among the FAQ shown, or a site search (a {@link SearchVisits visit}) that ended without an
 * inquiry. Not resolved: a no on an answer, or an inquiry sent from the web. The rate is
 * resolved / (resolved + not resolved). A search followed by an inquiry is counted once, as that inquiry: by month
 * every web inquiry counts; by category and FAQ (inquiries have neither) the search that preceded it carries it.
 * Visits still inside the window are not counted yet.
 */
@Repository
public class FeedbackRepository {

    public enum Source { ANSWER, DESK }

    /**
     * Figures of one row of the statistics; {@code resolved} includes {@code searchesResolved}, and
     * {@code unresolved} the inquiries that followed a search ({@code searchesToInquiry}).
     */
    public record Figures(String key, long resolved, long unresolved, long searchesResolved, long searchesToInquiry) {

        public Figures(String key, long resolved, long unresolved) {
            this(key, resolved, unresolved, 0, 0);
        }

        public long total() {
            return resolved + unresolved;
        }

        /** The rate in percent, rounded; -1 when there is nothing to count. */
        public int percent() {
            return total() == 0 ? -1 : (int) Math.round(100.0 * resolved / total());
        }
    }

    private final JdbcClient jdbc;
    private final SearchVisits visits;

    FeedbackRepository(JdbcClient jdbc, SearchVisits visits) {
        this.jdbc = jdbc;
        this.visits = visits;
    }

    public void record(Long faqId, FaqCategory category, boolean resolved, Source source) {
        jdbc.sql("insert into inquiry_feedback (faq_id, category, resolved, source) values (?, ?, ?, ?)")
            .params(faqId, category == null ? null : category.slug(), resolved, source.name()).update();
    }

    /**
     * By month, oldest first, the last {@code months} months up to {@code today}'s (inquiries sent count as not
     * resolved; searches whose window ended before {@code now}, by the month they began).
     */
    public List<Figures> byMonth(LocalDate today, int months, Instant now) {
        YearMonth last = YearMonth.from(today);
        YearMonth first = last.minusMonths(months - 1L);
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            rows.put(m.toString(), new long[4]);
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
        jdbc.sql("""
                select to_char(first_at at time zone 'Asia/Tokyo', 'YYYY-MM') as m,
                       count(*) filter (where inquiry_at is null), count(*) filter (where inquiry_at is not null)
                from inquiry_search_visit where first_at >= ? and (inquiry_at is not null or last_at < ?) group by 1""")
            .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(now.minus(visits.window())))
            .query((rs, n) -> {
                long[] r = rows.get(rs.getString(1));
                if (r != null) {
                    // resolved searches count as resolved; a search followed by an inquiry is already that inquiry
                    r[0] += rs.getLong(2);
                    r[2] += rs.getLong(2);
                    r[3] += rs.getLong(3);
                }
                return 0;
            }).list();
        List<Figures> out = new ArrayList<>();
        rows.forEach((k, v) -> out.add(new Figures(k, v[0], v[1], v[2], v[3])));
        return out;
    }

    private static void add(Map<String, long[]> rows, String key, boolean resolved, long n) {
        long[] r = rows.get(key);
        if (r != null) {
            r[resolved ? 0 : 1] += n;
        }
    }

    /**
     * By FAQ category (answers, the desk's choices and site searches by the category of the answer they led to),
     * every category with any; searches whose window ended before {@code now}.
     */
    public List<Figures> byCategory(Instant now) {
        return jdbc.sql("""
                select key, sum(yes) + sum(searched), sum(no) + sum(asked), sum(searched), sum(asked) from (
                  select coalesce(category, 'other') as key, count(*) filter (where resolved) as yes,
                         count(*) filter (where not resolved) as no, 0 as searched, 0 as asked
                  from inquiry_feedback group by 1
                  union all
                  select category, 0, 0, count(*) filter (where inquiry_at is null), count(*) filter (where inquiry_at is not null)
                  from inquiry_search_visit where category is not null and (inquiry_at is not null or last_at < ?) group by 1
                ) f group by key order by key""")
            .param(java.sql.Timestamp.from(now.minus(visits.window())))
            .query((rs, n) -> new Figures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))).list();
    }

    /** By FAQ entry, most counted first (the key is the FAQ id); searches whose window ended before {@code now}. */
    public List<Figures> byFaq(int limit, Instant now) {
        return jdbc.sql("""
                select key, sum(yes) + sum(searched), sum(no) + sum(asked), sum(searched), sum(asked) from (
                  select faq_id as key, count(*) filter (where resolved) as yes, count(*) filter (where not resolved) as no,
                         0 as searched, 0 as asked
                  from inquiry_feedback where faq_id is not null group by 1
                  union all
                  select faq_id, 0, 0, count(*) filter (where inquiry_at is null), count(*) filter (where inquiry_at is not null)
                  from inquiry_search_visit where faq_id is not null and (inquiry_at is not null or last_at < ?) group by 1
                ) f group by key order by sum(yes) + sum(no) + sum(searched) + sum(asked) desc, key limit ?""")
            .params(java.sql.Timestamp.from(now.minus(visits.window())), limit)
            .query((rs, n) -> new Figures(Long.toString(rs.getLong(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5))).list();
    }
}
