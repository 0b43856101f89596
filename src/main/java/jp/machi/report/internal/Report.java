package jp.machi.report.internal;

import java.time.Instant;
import java.time.LocalDate;
import jp.machi.report.ReportStatus;

/** One report as stored. Personal data (reporter account, e-mail, name) is for staff only. */
public record Report(long id, String publicToken, String categoryCode, String description, double lat, double lon,
                     String address, ReportStatus status, String statusReason, String departmentCode,
                     Long assigneeAccountId, Long reporterAccountId, String reporterEmail, String reporterName,
                     boolean reporterNamePublic, String language, Long enteredByStaffId, boolean published, boolean demo,
                     Instant requestedAt, Instant updatedAt, LocalDate dueDate, Instant resolvedAt) {

    public boolean overdue(LocalDate today) {
        return status.isOpen() && dueDate.isBefore(today);
    }

    /** The name the public sees, or null when the reporter did not choose to show it. */
    public String publicName() {
        return reporterNamePublic && reporterName != null && !reporterName.isBlank() ? reporterName : null;
    }
}
