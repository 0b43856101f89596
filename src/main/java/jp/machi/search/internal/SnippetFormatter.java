package jp.machi.search.internal;

import java.util.ArrayList;
import java.util.List;
import jp.machi.search.SearchResults.Segment;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * The best passage as segments (plain text and matched words), cut to about {@code max} characters around the first
 * match with "…" where text was left out. Segments, not HTML: the page marks matches with {@code <mark>} through the
 * template (escaped as any text) and the API sends plain text.
 */
final class SnippetFormatter extends PassageFormatter {

    private final int max;

    SnippetFormatter(int max) {
        this.max = max;
    }

    @Override
    public Object format(Passage[] passages, String content) {
        if (passages.length == 0 || passages[0].getNumMatches() == 0) {
            return List.of();
        }
        Passage p = passages[0];
        int start = p.getStartOffset();
        int end = p.getEndOffset();
        int firstMatch = p.getMatchStarts()[0];
        if (end - start > max) {
            start = Math.max(start, firstMatch - max / 3);
            end = Math.min(end, start + max);
        }
        List<Segment> out = new ArrayList<>();
        if (start > 0) {
            out.add(new Segment("…", false));
        }
        int pos = start;
        for (int i = 0; i < p.getNumMatches(); i++) {
            int ms = Math.max(p.getMatchStarts()[i], pos);
            int me = Math.min(p.getMatchEnds()[i], end);
            if (ms >= end) {
                break;
            }
            if (me <= ms) {
                continue;
            }
            if (ms > pos) {
                out.add(new Segment(clean(content.substring(pos, ms)), false));
            }
            out.add(new Segment(clean(content.substring(ms, me)), true));
            pos = me;
        }
        if (pos < end) {
            out.add(new Segment(clean(content.substring(pos, end)), false));
        }
        if (end < content.length()) {
            out.add(new Segment("…", false));
        }
        return out;
    }

    private static String clean(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /** The beginning of a text, at most {@code max} characters, with "…" when cut. */
    static String lead(String text, int max) {
        String t = clean(text == null ? "" : text.strip());
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }
}
