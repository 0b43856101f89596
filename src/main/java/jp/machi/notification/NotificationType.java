package jp.machi.notification;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.shared.text.LocalizedText;

/**
 * A kind of personal notice (a booking reminder, a report's new status ...), declared as a bean by the module that
 * knows the event, or by this module for events it listens to. Staff switch each type on or off and may reword it
 * ({@code /staff/notifications/rules}); until they do, the wording here is used.
 *
 * <p>Texts use placeholders in double parentheses, {@code ((report))}, filled from the values of a
 * {@link PersonalNotice}; only the declared {@code placeholders} may be used.
 *
 * @param code             stable, {@code <module>.<what>}, e.g. {@code report.status-changed}
 * @param name             what staff and residents call it (「まちレポの状況の変化」)
 * @param subject          the default subject (a mail's subject, the inbox title)
 * @param body             the default body
 * @param reason           why the person gets it, in one sentence (shown under every such notice)
 * @param placeholders     the names the texts may use
 * @param enabledByDefault whether the rule is on until staff decide
 * @param order            position in the staff's and the resident's lists
 */
public record NotificationType(String code, LocalizedText name, LocalizedText subject, LocalizedText body,
                               LocalizedText reason, List<String> placeholders, boolean enabledByDefault, int order) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([a-zA-Z][a-zA-Z0-9_-]*)\\)\\)");

    public NotificationType {
        if (code == null || code.length() > 60 || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a notification type code: " + code);
        }
        placeholders = List.copyOf(placeholders);
        for (LocalizedText t : List.of(subject, body, reason)) {
            for (String text : new String[] {t.ja(), t.en()}) {
                for (String p : placeholdersIn(text)) {
                    if (!placeholders.contains(p)) {
                        throw new IllegalArgumentException(code + " uses the undeclared placeholder ((" + p + "))");
                    }
                }
            }
        }
    }

    /** The placeholder names a text uses, in order of appearance (with repeats). */
    public static List<String> placeholdersIn(String text) {
        if (text == null) {
            return List.of();
        }
        Matcher m = PLACEHOLDER.matcher(text);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
