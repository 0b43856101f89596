package jp.machi.report;

import java.util.Optional;

/** What other modules may ask about reports. */
public interface Reports {

    /** The status of a report, if it exists. */
    Optional<ReportStatus> statusOf(long reportId);

    /** How many published reports are open (for dashboards). */
    long openPublishedCount();
}
