package jp.machi.search.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import jp.machi.search.SearchQuery;
import jp.machi.search.SearchResults;
import jp.machi.search.SiteSearch;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search}: the site search for machines. */
@RestController
@Tag(name = "Search", description = "Site search over FAQ, facilities and pages (Japanese and English)")
class SearchApiController {

    /** The answer. */
    record Answer(String query, long total, List<Result> results,
                  @Schema(description = "a query that would find something, when this one found nothing")
                  String didYouMean) {}

    /** One result, best match first. */
    record Result(String type, String id, String title,
                  @Schema(description = "site-relative or absolute") String url,
                  @Schema(description = "a passage of the text around the matched words, plain text") String snippet) {}

    private final SiteSearch search;

    SearchApiController(SiteSearch search) {
        this.search = search;
    }

    @Operation(summary = "Search FAQ, facilities and pages",
        description = "Plain words (Japanese or English); nothing is read as query syntax. Staff (with a staff token) "
            + "also find staff-only FAQ.",
        responses = {
            @ApiResponse(responseCode = "200", description = "results, best match first"),
            @ApiResponse(responseCode = "400", description = "a bad parameter, named in `parameter`",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class))),
            @ApiResponse(responseCode = "503", description = "the index is still being built (the first seconds after "
                + "Machi starts; code `not-ready`): no answer rather than a wrong \"nothing found\"; `Retry-After` says "
                + "when to ask again",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))})
    @GetMapping(value = "/api/v1/search", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Answer> search(
        @Parameter(description = "the words, 1 to 200 characters") @RequestParam(required = false) String q,
        @Parameter(description = "faq, facility or page (any type the index holds); all when absent")
        @RequestParam(required = false) String type,
        @Parameter(description = "ja (default) or en: the language of titles and snippets")
        @RequestParam(required = false) String lang,
        @Parameter(description = "1 to 50, default 10") @RequestParam(required = false) String limit,
        HttpServletResponse response) {
        if (lang != null && !lang.isBlank() && !lang.strip().equals("ja") && !lang.strip().equals("en")) {
            throw ApiProblem.badRequest("lang", "search.error.lang");
        }
        Locale locale = lang != null && lang.strip().equals("en") ? Locale.ENGLISH : Locale.JAPANESE;
        // the first seconds after start: no answer rather than a wrong "nothing found" (and the types are unknown)
        if (!search.ready(SiteSearch.FIRST_BUILD_WAIT)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(SiteSearch.NOT_READY_RETRY_AFTER_SECONDS));
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "not-ready", null, "search.notReady");
        }
        boolean staff = CurrentActor.principal().map(MachiPrincipal::isStaff).orElse(false);
        SearchQuery.Parsed parsed = SearchQuery.parse(q, type, limit, locale, staff, 0, 10,
            new HashSet<>(knownTypes()));
        if (!parsed.ok()) {
            throw ApiProblem.badRequest(parsed.problem().parameter(), parsed.problem().messageKey(), parsed.problem().args());
        }
        SearchResults r = search.search(parsed.query());
        return ResponseEntity.ok(new Answer(r.query(), r.total(), r.hits().stream()
            .map(h -> new Result(h.type(), h.id(), h.title(), h.url(), h.snippetText())).toList(), r.didYouMean()));
    }

    private List<String> knownTypes() {
        List<String> types = new java.util.ArrayList<>(search.types());
        for (String t : List.of("faq", "facility", "page")) {
            if (!types.contains(t)) {
                types.add(t);
            }
        }
        return types;
    }
}
