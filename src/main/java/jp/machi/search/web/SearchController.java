package jp.machi.search.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.search.SearchObserver;
import jp.machi.search.SearchQuery;
import jp.machi.search.SearchResults;
import jp.machi.search.SiteSearch;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The results page of the header's search box, with a filter by type and pages of 20. */
@Controller
class SearchController {

    static final int PAGE_SIZE = 20;

    /** A type filter link: null type for "all". */
    record TypeFilter(String type, String labelKey, long count, boolean current) {}

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SearchController.class);

    private final SiteSearch search;
    private final MessageSource messages;
    private final org.springframework.beans.factory.ObjectProvider<SearchObserver> observers;

    SearchController(SiteSearch search, MessageSource messages,
                     org.springframework.beans.factory.ObjectProvider<SearchObserver> observers) {
        this.search = search;
        this.messages = messages;
        this.observers = observers;
    }

    @GetMapping("/search")
    String results(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
                   @RequestParam(required = false) String page, Model model, Locale locale, HttpServletRequest request,
                   HttpServletResponse response) {
        boolean staff = CurrentActor.principal().map(MachiPrincipal::isStaff).orElse(false);
        model.addAttribute("q", q == null ? "" : SearchQuery.normalise(q));
        model.addAttribute("type", type);
        if (q == null || SearchQuery.normalise(q).isEmpty()) {
            // the page itself, before anything was asked: a form, no error
            model.addAttribute("asked", false);
            return "search/results";
        }
        model.addAttribute("asked", true);
        if (!search.ready(SiteSearch.FIRST_BUILD_WAIT)) {
            // the first seconds after start: say so rather than "nothing found" (nor are the types known yet)
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(SiteSearch.NOT_READY_RETRY_AFTER_SECONDS));
            model.addAttribute("notReady", true);
            return "search/results";
        }
        List<String> types = search.types();
        int pageNo = 1;
        try {
            pageNo = page == null || page.isBlank() ? 1 : Math.max(1, Math.min(500, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            pageNo = 1;
        }
        SearchQuery.Parsed parsed = SearchQuery.parse(q, type, null, locale, staff, (pageNo - 1) * PAGE_SIZE, PAGE_SIZE,
            new HashSet<>(types));
        if (!parsed.ok()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            SearchQuery.Problem p = parsed.problem();
            model.addAttribute("error", messages.getMessage(p.messageKey() + ".page", p.args(), locale));
            model.addAttribute("errorField", p.parameter());
            return "search/results";
        }
        SearchQuery query = parsed.query();
        SearchResults results = search.search(query);
        model.addAttribute("results", results);
        observers.orderedStream().forEach(o -> {
            try {
                o.searched(request, query, results);
            } catch (RuntimeException e) {
                LOG.warn("a search observer failed: {}", e.toString());
            }
        });
        List<TypeFilter> filters = new ArrayList<>();
        if (types.size() > 1) {
            Map<String, Long> counts = new LinkedHashMap<>();
            long all = 0;
            for (String t : types) {
                long n = t.equals(query.type()) ? results.total()
                    : search.search(new SearchQuery(query.text(), t, locale, staff, 0, 1)).total();
                counts.put(t, n);
                all += n;
            }
            filters.add(new TypeFilter(null, "search.type.all", all, query.type() == null));
            counts.forEach((t, n) -> filters.add(new TypeFilter(t, "search.type." + t, n, t.equals(query.type()))));
        }
        model.addAttribute("filters", filters);
        model.addAttribute("page", pageNo);
        model.addAttribute("pages", (int) Math.min(500, (results.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("first", query.offset() + 1);
        return "search/results";
    }
}
