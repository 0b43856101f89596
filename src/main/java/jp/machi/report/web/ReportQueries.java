package jp.machi.report.web;

import java.time.LocalDate;
import java.util.Map;
import jp.machi.report.ReportStatus;
import jp.machi.report.internal.ReportQuery;
import jp.machi.shared.time.MachiClock;

/** The public filters (category, status, period, bbox), shared by the list page and the GeoJSON API. */
public final class ReportQueries {

    private ReportQueries() {}

    /** The public filters; problems as message keys by field. Shared with the GeoJSON API. */
    public static ReportQuery publicQuery(String category, String status, String from, String to, double[] bbox,
                                   Map<String, String> errors) {
        ReportStatus st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = ReportStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.put("status", "report.filter.status.invalid");
            }
        }
        LocalDate f = date(from, "from", errors);
        LocalDate t = date(to, "to", errors);
        if (f != null && t != null && t.isBefore(f)) {
            errors.put("to", "report.filter.period.order");
        }
        return new ReportQuery(category == null || category.isBlank() ? null : category, st,
            f == null ? null : f.atStartOfDay(MachiClock.ZONE).toInstant(),
            t == null ? null : t.plusDays(1).atStartOfDay(MachiClock.ZONE).toInstant(), null, false, null, true, bbox,
            500, 0);
    }

    private static LocalDate date(String s, String field, Map<String, String> errors) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return jp.machi.shared.time.DateInput.parse(s).orElseGet(() -> {
            errors.put(field, "report.filter.date.invalid");
            return null;
        });
    }

}
