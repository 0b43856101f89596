package jp.machi.identity;

import java.util.Locale;

/** What other modules may know of an account: enough to address a person and to write to them. */
public record AccountSummary(long id, boolean staff, String displayName, String email, String preferredLanguage) {

    public Locale locale() {
        return Locale.forLanguageTag(preferredLanguage);
    }
}
