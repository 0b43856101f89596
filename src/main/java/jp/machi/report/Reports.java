package jp.machi.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What other modules may ask about reports. */
public interface Reports {

    /** The status of a report, if it exists. */
    Optional<ReportStatus> statusOf(long reportId);

    /** How many published reports are open (for dashboards). */
    long openPublishedCount();

    /**
     * Who hears about a report's changes: its reporter, then those who added themselves ("同じ件"), each person once
     * (by account, or by address for people without one).
     */
    List<ReportWatcher> watchers(long reportId);

    /** The name of a report's category in a language, if the report exists. */
    Optional<String> categoryName(long reportId, Locale locale);
}
