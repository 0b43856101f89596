package jp.machi.search;

import java.util.List;
import java.util.Locale;

/** The site search, for other modules (the inquiry desk shows matching FAQ first). */
public interface SiteSearch {

    /** The types to choose from on the results page, in display order. */
    List<String> types();

    /**
     * Searches. The query is plain words: nothing in it is read as search syntax. Never throws for odd text; a
     * query that is too long or empty is refused by {@link SearchQuery#parse} before it gets here.
     */
    SearchResults search(SearchQuery query);

    /** Catches up with every source now (normally done every few seconds); returns when the index is current. */
    void refresh();

    /**
     * The content words of a text (base forms, width and kana folded), in order: for modules that learn from
     * words, such as the inquiry desk's department proposal.
     */
    List<String> terms(String text, Locale locale);
}
