package jp.machi.report.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.machi.shared.time.MachiClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Figures for the public statistics page: published reports only, months in Japan time. */
@Repository
public class ReportStatistics {

    /** Reports of one category in one month (category null = all categories). */
    public record Cell(String category, YearMonth month, long total, long resolved) {}

    /** Totals of one category over the period (category null = all), median days to resolve (null if none). */
    public record Summary(String category, long total, long resolved, Double medianDays) {
        public int resolvedPercent() {
            return total == 0 ? 0 : (int) Math.round(100.0 * resolved / total);
        }
    }

    private final JdbcClient jdbc;

    public ReportStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Cell> byCategoryAndMonth(Instant from) {
        return jdbc.sql("""
                select category_code, to_char(requested_at at time zone :zone, 'YYYY-MM') as month, count(*) as total,
                  count(*) filter (where status = 'RESOLVED') as resolved
                from report where published and requested_at >= :from group by 1, 2 order by 2, 1""")
            .param("zone", MachiClock.ZONE.getId()).param("from", Timestamp.from(from))
            .query((rs, n) -> new Cell(rs.getString(1), YearMonth.parse(rs.getString(2)), rs.getLong(3), rs.getLong(4)))
            .list();
    }

    /** One summary per category that has reports, then the overall one (category null) last. */
    public List<Summary> summaries(Instant from) {
        List<Summary> out = new ArrayList<>();
        jdbc.sql("""
                select category_code, count(*), count(*) filter (where status = 'RESOLVED'),
                  percentile_cont(0.5) within group (order by extract(epoch from resolved_at - requested_at) / 86400.0)
                    filter (where status = 'RESOLVED' and resolved_at is not null)
                from report where published and requested_at >= :from
                group by grouping sets ((category_code), ()) order by grouping(category_code), 1""")
            .param("from", Timestamp.from(from))
            .query(rs -> {
                double median = rs.getDouble(4);
                out.add(new Summary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.wasNull() ? null : median));
            });
        return out;
    }

    public static Map<String, Map<YearMonth, Long>> matrix(List<Cell> cells) {
        Map<String, Map<YearMonth, Long>> m = new HashMap<>();
        for (Cell c : cells) {
            m.computeIfAbsent(c.category(), k -> new HashMap<>()).merge(c.month(), c.total(), Long::sum);
        }
        return m;
    }
}
