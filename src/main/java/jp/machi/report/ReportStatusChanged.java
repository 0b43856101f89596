package jp.machi.report;

import java.time.Instant;

/**
 * A report's status changed (published after the change committed).
 *
 * @param reportId the report (Open311 service_request_id)
 * @param from     the status before
 * @param to       the status now
 * @param reason   the public reason, or null
 * @param at       when
 */
public record ReportStatusChanged(long reportId, ReportStatus from, ReportStatus to, String reason, Instant at) {}
