package jp.machi.search;

import java.time.Instant;
import java.util.Objects;
import jp.machi.shared.text.LocalizedText;

/**
 * One thing the site search finds: an FAQ entry, a facility, a page. Texts are plain (no markup).
 *
 * @param type      what kind of thing it is ({@code faq}, {@code facility}, {@code page} ...): the results page's filter
 * @param id        unique within the type
 * @param title     the heading in Japanese and English (English may be empty: Japanese is shown then)
 * @param body      the text searched and shown as the snippet, in Japanese and English (either may be empty)
 * @param url       where the result links to, site-relative ({@code /faq/12}) or absolute
 * @param staffOnly true for documents only staff may find (an internal FAQ)
 * @param updated   when it last changed (null when unknown)
 */
public record SearchDocument(String type, String id, LocalizedText title, LocalizedText body, String url,
                             boolean staffOnly, Instant updated) {

    public SearchDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        body = body == null ? new LocalizedText("", "") : body;
    }
}
