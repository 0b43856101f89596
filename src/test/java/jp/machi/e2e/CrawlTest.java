package jp.machi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Follows every link reachable from the home page — as a visitor, a resident and a system admin, in Japanese
 * and English, on a 360-px phone screen — and checks each page: no server error, no axe violation, no sideways
 * scrolling.
 */
class CrawlTest extends BrowserTest {

    /** A guard against a crawl that never ends; the admin's crawl reaches about 120 pages today. */
    private static final int MAX_PAGES = 400;

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"visitor,ja", "visitor,en", "resident,ja", "resident,en", "admin,ja", "auditor,en"})
    void everyReachablePageIsHealthyAndAccessible(String who, String language) {
        context.close();
        context = newContext(language, 360);
        page = context.newPage();
        switch (who) {
            case "resident" -> signIn(page, "resident@demo.machi.example");
            case "admin" -> signInStaff(page, "admin@demo.machi.example");
            case "auditor" -> signInStaff(page, "auditor@demo.machi.example");
            default -> { }
        }
        open("/?lang=" + language);
        List<String> visited = crawl(page, language);
        System.out.println("CrawlTest " + who + "/" + language + ": " + visited.size() + " pages");
        assertThat(visited.size()).isGreaterThan(3).as("the crawl stopped at its cap: raise MAX_PAGES").isLessThan(MAX_PAGES);
    }

    /** The shape of a URL: path segments and query values holding digits become '*'. */
    static String kind(String pathAndQuery) {
        String[] parts = pathAndQuery.split("\\?", 2);
        StringBuilder kind = new StringBuilder();
        for (String segment : parts[0].split("/")) {
            kind.append(segment.matches(".*\\d.*") ? "*" : segment).append('/');
        }
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                kind.append('?').append(pair.replaceAll("=.*", "=*"));
            }
        }
        return kind.toString();
    }

    private List<String> crawl(Page p, String language) {
        String origin = "http://localhost:" + port;
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(queue);
        List<String> visited = new ArrayList<>();
        java.util.Map<String, Integer> kinds = new java.util.HashMap<>();
        while (!queue.isEmpty() && visited.size() < MAX_PAGES) {
            String path = queue.poll();
            Response response = p.navigate(origin + path);
            assertThat(response.status()).as("status of " + path).isLessThan(500);
            if (!response.headers().getOrDefault("content-type", "").startsWith("text/html")) {
                continue; // a photo or file that a page links to (e.g. a report's full-size photo): it answered, it is no page
            }
            assertThat(p.locator("html").getAttribute("lang")).as("lang of " + path).isEqualTo(language);
            assertAccessible(p);
            assertNoHorizontalOverflow(p);
            visited.add(path);
            @SuppressWarnings("unchecked")
            // links marked as downloads (a file, not a page) are not pages to check
            List<String> hrefs = (List<String>) p.evaluate(
                "() => Array.from(document.querySelectorAll('a[href]:not([download])')).map(a => a.href)");
            for (String href : hrefs) {
                URI uri = URI.create(href);
                if (uri.getHost() == null || !uri.getHost().equals("localhost") || uri.getPort() != port) {
                    continue;
                }
                String next = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                if (next.contains("lang=") || next.startsWith("/api/") || next.startsWith("/actuator")
                    || uri.getRawPath().matches(".*\\.(csv|ics|json|atom|ttl|jsonld|geojson|xml)$")
                    || next.startsWith("/webjars") || uri.getRawPath().contains("#")) {
                    continue;
                }
                // Pages of one kind (a facility, a result page) are alike: two of each kind are enough.
                if (seen.add(next) && kinds.merge(kind(next), 1, Integer::sum) <= 2) {
                    queue.add(next);
                }
            }
        }
        return visited;
    }
}
