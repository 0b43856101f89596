package jp.machi.shared.web;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The public address of the site ({@code MACHI_BASE_URL}, property {@code machi.base-url}), read in one place: links in
 * mails, {@code Location} headers, URLs inside API answers and feeds. Trailing slashes are removed, so
 * {@code url("/reports/1")} never has two.
 */
@Component
public class SiteUrl {

    private final String base;

    public SiteUrl(@Value("${machi.base-url:http://localhost:8080}") String base) {
        String b = base == null ? "" : base.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = b;
    }

    /** The address without a trailing slash, e.g. {@code https://machi.example.jp}. */
    public String base() {
        return base;
    }

    /** The absolute URL of a path of the site ({@code path} starts with {@code /}). */
    public String url(String path) {
        return base + path;
    }

    /** The host name, for identifiers such as iCalendar UIDs ({@code machi.invalid} when the address has none). */
    public String host() {
        try {
            String h = URI.create(base).getHost();
            return h == null ? "machi.invalid" : h;
        } catch (IllegalArgumentException e) {
            return "machi.invalid";
        }
    }

    @Override
    public String toString() {
        return base;
    }
}
