package jp.machi.search;

import java.time.Instant;
import java.util.List;

/**
 * What a search found, best match first.
 *
 * @param total      how many documents match in all
 * @param hits       the requested page of them
 * @param didYouMean a query that would find something, when this one found nothing (null otherwise)
 */
public record SearchResults(String query, long total, List<Hit> hits, String didYouMean) {

    /**
     * One result.
     *
     * @param title   in the requested language (Japanese when there is no English)
     * @param snippet a short passage with the matched words marked, as segments
     */
    public record Hit(String type, String id, String title, String url, List<Segment> snippet, Instant updated,
                      float score) {

        /** The snippet as plain text. */
        public String snippetText() {
            StringBuilder b = new StringBuilder();
            snippet.forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    /** A piece of a snippet; {@code match} when it is one of the words searched for. */
    public record Segment(String text, boolean match) {}
}
