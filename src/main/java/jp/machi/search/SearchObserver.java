package jp.machi.search;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Told of every search a person makes on the site's search page (the header's box, {@code /search}); not of the API
 * nor of other modules' own searches. A contribution type: a module declares a bean to learn what searches lead to —
 * the inquiry module counts a search that is not followed by an inquiry from the same browser session as
 * self-resolved. Called after the results were found, on the request's thread; an observer must not fail the search
 * (exceptions are logged and ignored) and must not keep the query text with anything that names a person.
 */
public interface SearchObserver {

    /** A search of {@code query} found {@code results} (the page shown). */
    void searched(HttpServletRequest request, SearchQuery query, SearchResults results);
}
