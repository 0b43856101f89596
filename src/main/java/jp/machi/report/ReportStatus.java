package jp.machi.report;

/**
 * Where a report stands. Open311 knows only {@code open} and {@code closed}; the fine-grained status is kept
 * for residents and the {@code extensions} of the API.
 */
public enum ReportStatus {
    /** 受付 */
    RECEIVED,
    /** 対応中 */
    IN_PROGRESS,
    /** 対応済 */
    RESOLVED,
    /** 対応不可: needs a public reason */
    NOT_ACTIONABLE,
    /** 他機関へ回付 (e.g. Tokyo Metropolitan Government, the police): needs a public reason */
    FORWARDED;

    public boolean isOpen() {
        return this == RECEIVED || this == IN_PROGRESS;
    }

    /** The Open311 status: open or closed. */
    public String open311() {
        return isOpen() ? "open" : "closed";
    }

    public boolean requiresReason() {
        return this == NOT_ACTIONABLE || this == FORWARDED;
    }

    /** The CSS modifier and message key part, e.g. {@code in-progress}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The status as residents read it, in Japanese or English. */
    public String label(java.util.Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        return switch (this) {
            case RECEIVED -> en ? "Received" : "受付";
            case IN_PROGRESS -> en ? "In progress" : "対応中";
            case RESOLVED -> en ? "Resolved" : "対応済";
            case NOT_ACTIONABLE -> en ? "Cannot be acted on" : "対応不可";
            case FORWARDED -> en ? "Forwarded to another body" : "他機関へ回付";
        };
    }
}
