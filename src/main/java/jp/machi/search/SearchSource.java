package jp.machi.search;

import java.util.List;
import java.util.Optional;

/**
 * A module's contribution to the site search. Every module that owns things residents or staff look for declares
 * a bean of this type; the search module indexes {@link #documents()} at start and whenever {@link #revision()}
 * changes (it asks every few seconds on every instance, so a change made on another instance, by an import or by
 * SQL is found too).
 *
 * <p>Keep {@link #revision()} to one cheap query (a change counter bumped by triggers, or {@code max(revision)} of
 * a column set from a sequence on every write). A source that can tell what changed since a revision answers
 * {@link #changedSince}; otherwise the index reloads all of its documents when the revision moves.
 */
public interface SearchSource {

    /** A stable name of this source, unique in the application ({@code inquiry.faq}, {@code facility}). */
    String name();

    /** A number that changes whenever any of this source's documents change. */
    long revision();

    /** Every document of this source now. */
    List<SearchDocument> documents();

    /**
     * What changed after {@code revision} (a value {@link #revision()} answered before), or empty when this
     * source cannot tell: then all of its documents are loaded again.
     */
    default Optional<Changes> changedSince(long revision) {
        return Optional.empty();
    }

    /**
     * The documents to add or replace and the ids (within their type) to remove.
     *
     * @param type the type of the removed ids
     */
    record Changes(List<SearchDocument> changed, String type, List<String> removedIds) {
        public Changes {
            changed = List.copyOf(changed);
            removedIds = List.copyOf(removedIds);
        }
    }
}
