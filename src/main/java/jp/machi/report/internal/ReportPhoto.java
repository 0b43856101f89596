package jp.machi.report.internal;

/** A stored photo without its bytes. Stage BEFORE comes from the reporter, AFTER from staff. */
public record ReportPhoto(long id, long reportId, int ordinal, String stage, int width, int height, int thumbWidth,
                          int thumbHeight, boolean redacted) {

    public boolean after() {
        return "AFTER".equals(stage);
    }
}
