package jp.machi.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The style sheet and scripts every page links (issue 15: the links' look-ups in the jar are now kept, see
 * {@link WebConfiguration#addResourceHandlers}): the page links them under their plain paths, and they are served,
 * again and again, with their cache header; a file that does not exist is still a 404.
 */
@MachiTest
class StaticFilesTest {

    @LocalServerPort int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void everyPageLinksItsStyleAndScriptsAndTheyAreServed() throws Exception {
        for (int round = 0; round < 2; round++) {
            String home = get("/").body();
            assertThat(home).contains("href=\"/css/machi.css\"").contains("src=\"/js/machi.js\"");
            // the webjar's link names its version (the webjars' resource chain)
            Matcher htmx = Pattern.compile("src=\"(/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js)\"").matcher(home);
            assertThat(htmx.find()).as("the page links htmx").isTrue();
            for (String path : List.of("/css/machi.css", "/js/machi.js", htmx.group(1), "/webjars/htmx.org/dist/htmx.min.js")) {
                HttpResponse<String> file = get(path);
                assertThat(file.statusCode()).as(path).isEqualTo(200);
                assertThat(file.body()).as(path).isNotBlank();
            }
            HttpResponse<String> css = get("/css/machi.css");
            assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
            assertThat(css.headers().firstValue("Cache-Control").orElse("")).contains("max-age=3600");
        }
        assertThat(get("/css/no-such-file.css").statusCode()).isEqualTo(404);
        assertThat(get("/js/no-such-file.js").statusCode()).isEqualTo(404);
    }
}
