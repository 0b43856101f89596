package jp.machi.audit.web;

/**
 * The search form as typed, every field a string so that nothing fails while binding; {@link AuditFilters}
 * turns it into a query or field errors.
 */
public record AuditSearchForm(String action, String actor, String subject, String from, String to, String text,
                              String page) {

    public static final AuditSearchForm EMPTY = new AuditSearchForm(null, null, null, null, null, null, null);

    /** The field's value without surrounding spaces, never null (also used by the template). */
    public String value(String field) {
        String v = switch (field) {
            case "action" -> action;
            case "actor" -> actor;
            case "subject" -> subject;
            case "from" -> from;
            case "to" -> to;
            case "text" -> text;
            case "page" -> page;
            default -> null;
        };
        return v == null ? "" : v.strip();
    }
}
