package jp.machi.audit.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.audit.internal.AuditDetailJson;
import jp.machi.audit.internal.AuditDetails;
import jp.machi.ward.WardProfile;
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
    private final AuditDetails details;
    private final WardProfile ward;

    AuditWords(MessageSource messages, AuditDetails details, WardProfile ward) {
        this.messages = messages;
        this.details = details;
        this.ward = ward;
    }

    /**
     * The row's description in the auditor's language: entries recorded with a message key are said from it (in
     * Japanese or English); older entries, recorded only in English, through {@link #detail(String)}. Null when
     * neither works: the page shows the English text as recorded.
     */
    public String said(AuditRow row) {
        if (row.detailKey() != null) {
            String said = details.say(row.detailKey(), AuditDetailJson.read(row.detailArgs()),
                LocaleContextHolder.getLocale());
            if (said != null) {
                return said;
            }
        }
        return detail(row.detail());
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

    /**
     * The entry's recorded description in the auditor's language: modules record it in English (sealed in the chain,
     * never rewritten), and {@code audit.detail.<first words>} translates it, with what followed those words (names,
     * numbers) as {@code {0}}; the longest known beginning wins. For entries recorded before descriptions had keys. Null when the auditor reads English or no
     * translation is known: the page shows the record as written.
     */
    public String detail(String detail) {
        Locale locale = LocaleContextHolder.getLocale();
        if (detail == null || detail.isBlank() || "en".equals(locale.getLanguage())) {
            return null;
        }
        String[] words = detail.strip().split("\\s+");
        for (int n = Math.min(words.length, 14); n > 0; n--) {
            String slug = slug(String.join(" ", java.util.Arrays.copyOfRange(words, 0, n)));
            if (slug.isEmpty()) {
                continue;
            }
            String rest = String.join(" ", java.util.Arrays.copyOfRange(words, n, words.length));
            String said = messages.getMessage("audit.detail." + slug, new Object[] {rest}, null, locale);
            if (said != null) {
                return said;
            }
        }
        return null;
    }

    /** The language a description was written in, for the page's {@code lang}: English when it has no other letters. */
    public String writtenIn(String detail) {
        return detail != null && detail.chars().allMatch(c -> c < 128) ? "en" : null;
    }

    /** "Ward-wide notice approved" as "ward-wide-notice-approved": lower case, anything else between words a hyphen. */
    static String slug(String words) {
        return words.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /**
     * "account:12" as 「アカウント番号 12」, "facility:f1/room:3" as 「施設 f1 / 部屋 3」, "rule:room:3" as 「予約の規則 部屋 3」,
     * whole subjects such as "audit:log" by {@code audit.subject.whole.<subject, ':' as '.'>}, departments by their
     * names in the ward profile; a subject no module has named as it was recorded.
     */
    public String subject(String subject) {
        if (subject == null) {
            return null;
        }
        Locale locale = LocaleContextHolder.getLocale();
        List<String> parts = new ArrayList<>();
        for (String part : subject.split("/")) {
            parts.add(part(part, locale, 0));
        }
        return String.join(" / ", parts);
    }

    private String part(String s, Locale locale, int depth) {
        String whole = messages.getMessage("audit.subject.whole." + s.replace(':', '.'), null, null, locale);
        if (whole != null) {
            return whole;
        }
        Matcher m = TYPED.matcher(s);
        if (m.matches() && depth < 3) {
            String type = messages.getMessage("audit.subject." + m.group(1), null, null, locale);
            if (type != null) {
                String rest = m.group(1).startsWith("department")
                    ? String.join(", ", java.util.Arrays.stream(m.group(2).split(","))
                        .map(c -> ward.department(c).map(d -> d.label(locale)).orElse(c)).toList())
                    : part(m.group(2), locale, depth + 1);
                return type + " " + rest;
            }
        }
        return s;
    }
}
