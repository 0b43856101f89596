package jp.machi.notification.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.Notice;
import jp.machi.notification.internal.NoticeRepository;
import jp.machi.notification.internal.SubscriptionService;
import jp.machi.notification.internal.Topics;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Atom 1.0 (RFC 4287) feeds of the published notices: all of them, or per topic and area
 * ({@code /notices.atom?topic=bosai&area=豊玉北}); the 50 newest.
 */
@RestController
@Tag(name = "Notifications")
class AtomFeedController {

    private final NoticeRepository notices;
    private final Topics topics;
    private final Areas areas;
    private final WardProfile ward;
    private final SubscriptionService subscriptions;
    private final MessageSource messages;

    AtomFeedController(NoticeRepository notices, Topics topics, Areas areas, WardProfile ward,
                       SubscriptionService subscriptions, MessageSource messages) {
        this.notices = notices;
        this.topics = topics;
        this.areas = areas;
        this.ward = ward;
        this.subscriptions = subscriptions;
        this.messages = messages;
    }

    @GetMapping("/notices.atom")
    @Operation(summary = "Published notices as an Atom 1.0 feed", description = "Optional topic (code) and area (district); the 50 newest.")
    @ApiResponse(responseCode = "200", description = "The feed", content = @Content(mediaType = "application/atom+xml"))
    @ApiResponse(responseCode = "400", description = "Unknown topic or area", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> feed(@RequestParam(required = false) String topic, @RequestParam(required = false) String area,
                                Locale locale) {
        NoticeFilter filter = NoticeFilter.of(topic, area);
        Optional<ResponseEntity<Object>> problem = filter.problem(topics, areas, messages, locale);
        if (problem.isPresent()) {
            return problem.get();
        }
        String base = subscriptions.baseUrl();
        List<Notice> list = notices.published(filter.topic(), filter.area(), 50, 0);
        UriComponentsBuilder self = UriComponentsBuilder.fromUriString(base + "/notices.atom");
        UriComponentsBuilder page = UriComponentsBuilder.fromUriString(base + "/notices");
        if (filter.topic() != null) {
            self.queryParam("topic", filter.topic());
            page.queryParam("topic", filter.topic());
        }
        if (filter.area() != null) {
            self.queryParam("area", filter.area());
            page.queryParam("area", filter.area());
        }
        String selfUrl = self.build().encode().toUriString();
        String title = ward.name(locale) + " " + messages.getMessage("notification.notices.title", null, locale)
            + (filter.topic() != null ? " — " + topics.find(filter.topic()).map(t -> t.name(locale)).orElse(filter.topic()) : "")
            + (filter.area() != null ? " — " + filter.area() : "");
        Instant updated = list.isEmpty() ? Instant.EPOCH : list.getFirst().releasedAt();
        String host = java.net.URI.create(base).getHost();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"").append(locale.getLanguage().equals("en") ? "en" : "ja").append("\">\n");
        x.append("  <id>").append(esc(selfUrl)).append("</id>\n");
        x.append("  <title>").append(esc(title)).append("</title>\n");
        x.append("  <updated>").append(time(updated)).append("</updated>\n");
        x.append("  <author><name>").append(esc(ward.name(locale))).append("</name></author>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(esc(selfUrl)).append("\"/>\n");
        x.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(esc(page.build().encode().toUriString())).append("\"/>\n");
        for (Notice n : list) {
            String lang = n.textLanguage(locale.getLanguage());
            x.append("  <entry>\n");
            x.append("    <id>tag:").append(esc(host == null ? "machi" : host)).append(",2026:notice:").append(n.id()).append("</id>\n");
            x.append("    <title xml:lang=\"").append(lang).append("\">").append(esc(n.title(lang))).append("</title>\n");
            x.append("    <updated>").append(time(n.releasedAt())).append("</updated>\n");
            x.append("    <published>").append(time(n.releasedAt())).append("</published>\n");
            x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(esc(base + "/notices/" + n.id())).append("\"/>\n");
            x.append("    <category term=\"").append(esc(n.topicCode())).append("\" label=\"")
                .append(esc(topics.find(n.topicCode()).map(t -> t.name(locale)).orElse(n.topicCode()))).append("\"/>\n");
            for (String a : n.areas()) {
                x.append("    <category term=\"area:").append(esc(a)).append("\" label=\"").append(esc(a)).append("\"/>\n");
            }
            x.append("    <content type=\"text\" xml:lang=\"").append(lang).append("\">").append(esc(n.body(lang))).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8")).body(x.toString());
    }

    private static String time(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
