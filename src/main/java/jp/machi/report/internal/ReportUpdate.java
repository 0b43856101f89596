package jp.machi.report.internal;

import java.time.Instant;
import jp.machi.report.ReportStatus;

/** One entry of a report's thread: a public update or an internal note, with any status or department move. */
public record ReportUpdate(long id, long reportId, String kind, String text, ReportStatus statusFrom,
                           ReportStatus statusTo, String departmentFrom, String departmentTo, Long authorStaffId,
                           Instant createdAt) {

    public boolean isPublic() {
        return "PUBLIC".equals(kind);
    }
}
