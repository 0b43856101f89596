package jp.machi.report.internal;

import java.time.Instant;
import java.util.Collection;
import jp.machi.report.ReportStatus;

/**
 * Filters for lists of reports. Null means "any". {@code departments} null = all departments (the public list
 * or staff granted all); {@code publishedOnly} for the public.
 */
public record ReportQuery(String categoryCode, ReportStatus status, Instant from, Instant to, Boolean openOnly,
                          boolean overdueOnly, Collection<String> departments, boolean publishedOnly,
                          double[] bbox, int limit, int offset) {

    public static ReportQuery publicList() {
        return new ReportQuery(null, null, null, null, null, false, null, true, null, 500, 0);
    }
}
