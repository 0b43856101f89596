package jp.machi.report.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import jp.machi.report.internal.NewReport;

/**
 * A report between "send" and "confirm", kept in the session with its already processed (metadata-free)
 * photos, so the check-your-answers page works without JavaScript and without uploading twice. {@code formValues}
 * are the fields as typed, for 「内容を直す」: the form comes back filled in, with the photos still attached.
 */
record ReportDraft(NewReport report, String district, Map<String, List<String>> answerLabels,
                   Map<String, String> formValues) implements Serializable {

    static final String SESSION_KEY = "machi.report.draft";
    /** Ids of reports sent in this session, so a reporter without an account can see their photos at once. */
    static final String MINE_KEY = "machi.report.mine";
}
