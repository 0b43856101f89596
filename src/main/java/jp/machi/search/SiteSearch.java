package jp.machi.search;

import java.time.Duration;
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

    /**
     * Whether the index has been built since start, waiting up to {@code wait} for the first build. Before it, a
     * search finds nothing, which would be a wrong answer: the results page and the API say "not ready yet" instead.
     */
    boolean ready(Duration wait);

    /** How long a search request waits for the first build before it is answered "not ready" (503). */
    Duration FIRST_BUILD_WAIT = Duration.ofSeconds(2);

    /** The Retry-After of that answer, in seconds: the first build takes about a second once the demo data is in. */
    long NOT_READY_RETRY_AFTER_SECONDS = 3;

    /** Catches up with every source now (normally done every few seconds); returns when the index is current. */
    void refresh();

    /**
     * The content words of a text (base forms, width and kana folded), in order: for modules that learn from
     * words, such as the inquiry desk's department proposal.
     */
    List<String> terms(String text, Locale locale);
}
