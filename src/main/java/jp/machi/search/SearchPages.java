package jp.machi.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.machi.shared.text.LocalizedText;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

/**
 * A {@link SearchSource} of fixed pages whose text lives in message bundles (the about page, the privacy page, a
 * help page). A module declares one bean: {@code SearchPages.of("portal.pages", messages, new Page("/about",
 * "about.title", "about.p1", ...))}. The texts are read in Japanese and English when the index loads them; the
 * revision is constant (the texts change only with a new release, which rebuilds the index at start).
 */
public final class SearchPages implements SearchSource {

    /** A page: its path, the message key of its title and the keys of its paragraphs. */
    public record Page(String path, String titleKey, String... bodyKeys) {}

    private final String name;
    private final MessageSource messages;
    private final List<Page> pages;

    private SearchPages(String name, MessageSource messages, List<Page> pages) {
        this.name = name;
        this.messages = messages;
        this.pages = List.copyOf(pages);
    }

    public static SearchPages of(String name, MessageSource messages, Page... pages) {
        return new SearchPages(name, messages, List.of(pages));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long revision() {
        return 1;
    }

    @Override
    public List<SearchDocument> documents() {
        List<SearchDocument> docs = new ArrayList<>();
        for (Page p : pages) {
            LocalizedText title = new LocalizedText(text(p.titleKey(), Locale.JAPANESE), text(p.titleKey(), Locale.ENGLISH));
            StringBuilder ja = new StringBuilder();
            StringBuilder en = new StringBuilder();
            for (String key : p.bodyKeys()) {
                ja.append(text(key, Locale.JAPANESE)).append('\n');
                en.append(text(key, Locale.ENGLISH)).append('\n');
            }
            docs.add(new SearchDocument("page", p.path(), title, new LocalizedText(ja.toString().strip(),
                en.toString().strip()), p.path(), false, null));
        }
        return docs;
    }

    private String text(String key, Locale locale) {
        try {
            // {0}-style placeholders stay as they are: the index wants the words, not a rendered sentence
            return messages.getMessage(key, null, locale);
        } catch (NoSuchMessageException e) {
            return "";
        }
    }
}
