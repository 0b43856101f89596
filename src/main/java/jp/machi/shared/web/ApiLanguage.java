package jp.machi.shared.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The language of a machine API's answers (its error messages and localised names): {@code ?lang=ja|en} when given,
 * else the site's language cookie (a browser's page calling the API speaks the page's language), else the client's
 * {@code Accept-Language} when it prefers English to Japanese, else Japanese.
 */
public final class ApiLanguage {

    private ApiLanguage() {}

    public static Locale of(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if ("en".equals(lang) || "ja".equals(lang)) {
            return Locale.of(lang);
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (WebConfiguration.LOCALE_COOKIE.equals(c.getName()) && ("en".equals(c.getValue()) || "ja".equals(c.getValue()))) {
                    return Locale.of(c.getValue());
                }
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.JAPANESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String l = range.getRange().toLowerCase(Locale.ROOT);
                if (l.startsWith("ja")) {
                    return Locale.JAPANESE;
                }
                if (l.startsWith("en")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException e) {
            // an unreadable header counts as none
        }
        return Locale.JAPANESE;
    }
}
