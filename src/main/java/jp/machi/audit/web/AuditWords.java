package jp.machi.audit.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Audit entries in the auditor's words ({@code ${@auditWords.action(code)}}): each module names its actions in its
 * own message bundle as {@code audit.action.<action>}; subjects such as {@code account:12} read 「アカウント番号 12」.
 */
@Component("auditWords")
public class AuditWords {

    private static final Pattern TYPED = Pattern.compile("^([a-z][a-z-]*):(.+)$");

    private final MessageSource messages;

    AuditWords(MessageSource messages) {
        this.messages = messages;
    }

    /** The action in words, or "other action" for one no module has named (the code stays beside it on the page). */
    public String action(String code) {
        Locale locale = LocaleContextHolder.getLocale();
        String label = code == null ? null : messages.getMessage("audit.action." + code, null, null, locale);
        return label != null ? label : messages.getMessage("audit.action.other", null, "?", locale);
    }

    /** Whether a module has named this action. */
    public boolean named(String code) {
        return code != null && messages.getMessage("audit.action." + code, null, null, LocaleContextHolder.getLocale()) != null;
    }

    /** "account:12" as 「アカウント番号 12」; other subjects as they were recorded. */
    public String subject(String subject) {
        if (subject == null) {
            return null;
        }
        Matcher m = TYPED.matcher(subject);
        if (m.matches()) {
            String type = messages.getMessage("audit.subject." + m.group(1), null, null, LocaleContextHolder.getLocale());
            if (type != null) {
                return type + " " + m.group(2);
            }
        }
        return subject;
    }
}
