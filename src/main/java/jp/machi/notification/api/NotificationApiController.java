package jp.machi.notification.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.Notice;
import jp.machi.notification.internal.NoticeDraft;
import jp.machi.notification.internal.NoticeRepository;
import jp.machi.notification.internal.NoticeService;
import jp.machi.notification.internal.PersonalNoticeService;
import jp.machi.notification.internal.Priority;
import jp.machi.notification.internal.Problem;
import jp.machi.notification.internal.Subscription;
import jp.machi.notification.internal.SubscriptionInput;
import jp.machi.notification.internal.SubscriptionService;
import jp.machi.notification.internal.Topics;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.ApiLanguage;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification API: topics and areas, subscribing (double opt-in), sending a notice with a staff token, a
 * notice with its delivery counts, the public list, and the RFC 8058 one-click unsubscribe. Errors are RFC 9457
 * problem details naming the parameter; a refused request stores nothing, and no answer tells whether an address
 * is subscribed.
 */
@RestController
@Tag(name = "Notifications", description = "情報メール: topics, areas, subscriptions, notices (お知らせ) and their delivery")
class NotificationApiController {

    static final int MAX_BODY = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Topics topics;
    private final Areas areas;
    private final SubscriptionService subscriptions;
    private final NoticeService notices;
    private final NoticeRepository noticeRepository;
    private final PersonalNoticeService personal;
    private final Accounts accounts;
    private final MessageSource messages;

    NotificationApiController(Topics topics, Areas areas, SubscriptionService subscriptions, NoticeService notices,
                              NoticeRepository noticeRepository, PersonalNoticeService personal, Accounts accounts,
                              MessageSource messages) {
        this.topics = topics;
        this.areas = areas;
        this.subscriptions = subscriptions;
        this.notices = notices;
        this.noticeRepository = noticeRepository;
        this.personal = personal;
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping(value = "/api/v1/notification/topics", produces = "application/json")
    @Operation(summary = "Topics one can subscribe to", description = "[{code, name}]; `name` is in the answer's language, "
        + "chosen as for the areas (?lang=ja|en, else the site's language cookie, else Accept-Language when it prefers "
        + "English, else Japanese).")
    List<Map<String, String>> topics(jakarta.servlet.http.HttpServletRequest request) {
        Locale locale = ApiLanguage.of(request);
        return topics.active().stream().map(t -> Map.of("code", t.code(), "name", t.name(locale))).toList();
    }

    @GetMapping(value = "/api/v1/notification/areas", produces = "application/json")
    @Operation(summary = "Areas one can subscribe to", description = "The ward's districts (町丁目) as [{code, name}], in the "
        + "ward's order. `code` is the district's name as the ward writes it (豊玉北), the value a subscription's `areas` "
        + "takes in any language; `name` is in the answer's language (?lang=ja|en, else the site's language cookie, else "
        + "Accept-Language when it prefers English, else Japanese): in English the romanised name (Toyotamakita) where "
        + "the ward gives one, else as written.")
    List<Map<String, String>> areas(jakarta.servlet.http.HttpServletRequest request) {
        Locale locale = ApiLanguage.of(request);
        return areas.districts().stream().map(d -> Map.of("code", d, "name", areas.name(d, locale))).toList();
    }

    @PostMapping(value = "/api/v1/subscriptions", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Subscribe an address (double opt-in)",
        description = "Body {\"email\", \"topics\": [code], \"areas\": [code], \"language\": \"ja|en\", \"near\": {\"lat\", \"lon\", "
            + "\"radiusMeters\"}} (areas and near optional: none means the whole ward). Always 202 for a valid request: a "
            + "confirmation mail goes to the address (or, when it already subscribes, a mail with its preference page); the "
            + "answer is the same either way. At most one mail per address per 10 minutes.",
        requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject("{\"email\": \"hanako@example.com\", \"topics\": [\"bosai\"], \"areas\": [\"豊玉北\"], \"language\": \"ja\"}"))))
    @ApiResponse(responseCode = "202", description = "Accepted; a mail went to the address")
    @ApiResponse(responseCode = "400", description = "Bad input (problem details naming the parameter); nothing stored",
        content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> subscribe(@RequestBody(required = false) String body, Locale locale) {
        JsonNode json = parse(body);
        if (json == null) {
            return ApiProblems.of(HttpStatus.BAD_REQUEST, "body", "notification.api.body", messages, locale);
        }
        List<Problem> problems = new ArrayList<>();
        SubscriptionInput in = input(json, problems);
        JsonNode channel = json.path("channel");
        if (!channel.isMissingNode() && !channel.isNull() && !(channel.isString() && "email".equals(channel.asString()))) {
            problems.add(Problem.of("channel", "notification.api.channel"));
        }
        if (!json.path("email").isMissingNode() && !json.path("email").isString()) {
            problems.add(Problem.of("email", "notification.email.invalid"));
        }
        if (!problems.isEmpty()) {
            return ApiProblems.of(HttpStatus.BAD_REQUEST, problems, messages, locale);
        }
        try {
            subscriptions.request(json.path("email").isString() ? json.path("email").asString() : null, in);
        } catch (Problem.Rejected e) {
            return ApiProblems.of(HttpStatus.BAD_REQUEST, e.problems(), messages, locale);
        }
        return ResponseEntity.accepted().body(Map.of("status", "accepted",
            "message", messages.getMessage("notification.api.subscribed", null, locale)));
    }

    /** Reads topics, areas, near and language; wrong types become problems. */
    private static SubscriptionInput input(JsonNode json, List<Problem> problems) {
        List<String> topicCodes = strings(json.path("topics"), "topics", problems);
        List<String> areaCodes = strings(json.path("areas"), "areas", problems);
        Double lat = null;
        Double lon = null;
        Integer radius = null;
        JsonNode near = json.path("near");
        if (!near.isMissingNode() && !near.isNull()) {
            if (!near.isObject() || !near.path("lat").isNumber() || !near.path("lon").isNumber()
                || !near.path("radiusMeters").isIntegralNumber() || !near.path("radiusMeters").canConvertToInt()) {
                problems.add(Problem.of("near", "notification.subscribe.near.incomplete"));
            } else {
                lat = near.path("lat").asDouble();
                lon = near.path("lon").asDouble();
                radius = near.path("radiusMeters").asInt();
            }
        }
        String language = null;
        JsonNode lang = json.path("language");
        if (!lang.isMissingNode() && !lang.isNull()) {
            language = lang.isString() ? lang.asString() : "?";
        }
        return new SubscriptionInput(topicCodes, areaCodes, lat, lon, radius, language);
    }

    private static List<String> strings(JsonNode node, String field, List<Problem> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 200) {
            problems.add(Problem.of(field, "notification.api.list"));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isString()) {
                problems.add(Problem.of(field, "notification.api.list"));
                return List.of();
            }
            values.add(v.asString());
        }
        return values;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- the signed-in person's own subscriptions (personal token) ----

    @GetMapping(value = "/api/v1/subscriptions", produces = "application/json")
    @Operation(summary = "My subscriptions (personal API token)")
    @ApiResponse(responseCode = "401", description = "No token", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> mine(Locale locale) {
        Optional<AccountSummary> me = me();
        if (me.isEmpty()) {
            return ApiProblems.of(HttpStatus.UNAUTHORIZED, "Authorization", "notification.api.signIn", messages, locale);
        }
        return ResponseEntity.ok(subscriptions.ofAccount(me.get()).stream().map(this::json).toList());
    }

    @GetMapping(value = "/api/v1/subscriptions/{id}", produces = "application/json")
    @Operation(summary = "One of my subscriptions (personal API token)",
        description = "Someone else's subscription answers 404, exactly like one that does not exist.")
    ResponseEntity<Object> one(@PathVariable String id, Locale locale) {
        Optional<AccountSummary> me = me();
        if (me.isEmpty()) {
            return ApiProblems.of(HttpStatus.UNAUTHORIZED, "Authorization", "notification.api.signIn", messages, locale);
        }
        Optional<Subscription> s = own(id, me.get());
        return s.<ResponseEntity<Object>>map(x -> ResponseEntity.ok(json(x)))
            .orElseGet(() -> ApiProblems.of(HttpStatus.NOT_FOUND, "id", "notification.api.subscription.notFound", messages, locale));
    }

    @DeleteMapping(value = "/api/v1/subscriptions/{id}", produces = "application/json")
    @Operation(summary = "End one of my subscriptions (personal API token)")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ApiResponse(responseCode = "404", description = "Not one of mine", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> end(@PathVariable String id, Locale locale) {
        Optional<AccountSummary> me = me();
        if (me.isEmpty()) {
            return ApiProblems.of(HttpStatus.UNAUTHORIZED, "Authorization", "notification.api.signIn", messages, locale);
        }
        Optional<Subscription> s = own(id, me.get());
        if (s.isEmpty()) {
            return ApiProblems.of(HttpStatus.NOT_FOUND, "id", "notification.api.subscription.notFound", messages, locale);
        }
        subscriptions.end(s.get(), "API");
        return ResponseEntity.noContent().build();
    }

    private Optional<AccountSummary> me() {
        return CurrentActor.principal().filter(p -> !p.isStaff()).flatMap(p -> accounts.find(p.accountId()));
    }

    private Optional<Subscription> own(String id, AccountSummary me) {
        Long parsed = parseId(id);
        return parsed == null ? Optional.empty()
            : subscriptions.find(parsed).filter(s -> s.accountId() != null && s.accountId() == me.id());
    }

    private Map<String, Object> json(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.isList() ? "list" : "ward");
        if (s.isList()) {
            m.put("listId", s.listId());
        }
        m.put("email", s.email());
        m.put("status", s.status().toLowerCase(Locale.ROOT));
        m.put("language", s.language());
        m.put("channel", "email");
        m.put("topics", s.topics());
        m.put("areas", s.areas());
        if (s.hasPoint()) {
            m.put("near", Map.of("lat", s.nearLat(), "lon", s.nearLon(), "radiusMeters", s.nearRadiusM()));
        }
        return m;
    }

    static Long parseId(String id) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(id);
    }

    // ---- notices ----

    @PostMapping(value = "/api/v1/notices", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Send a notice (staff token)",
        description = "Body {\"title\", \"body\", \"topic\": code, \"areas\": [code], \"priority\": \"emergency|normal|bulk\", "
            + "\"language\": \"ja|en\", \"expiresAt\"?, \"scheduledAt\"? (ISO-8601 with offset)}. An empty areas is ward-wide. "
            + "Emergency notices go out at once and need the sender to be on the ward's duty role; ward-wide normal and bulk "
            + "notices wait for a second sender's approval (status awaiting_approval); others are sent (sending) or scheduled.",
        requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject("{\"title\": \"大雨警報\", \"body\": \"区内に大雨警報が発表されました。\", \"topic\": \"bosai\", \"areas\": [], \"priority\": \"emergency\", \"language\": \"ja\"}"))))
    @ApiResponse(responseCode = "201", description = "{id, status}")
    @ApiResponse(responseCode = "400", description = "Bad input; nothing stored", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No staff token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a sender, or an emergency from staff not on duty; nothing stored",
        content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> send(@RequestBody(required = false) String body, Locale locale) {
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me == null) {
            return ApiProblems.of(HttpStatus.UNAUTHORIZED, "Authorization", "notification.api.staffToken", messages, locale);
        }
        if (!me.isStaff()) {
            return ApiProblems.of(HttpStatus.FORBIDDEN, "Authorization", "notification.api.staffToken", messages, locale);
        }
        JsonNode json = parse(body);
        if (json == null) {
            return ApiProblems.of(HttpStatus.BAD_REQUEST, "body", "notification.api.body", messages, locale);
        }
        List<Problem> problems = new ArrayList<>();
        String title = text(json, "title", problems);
        String text = text(json, "body", problems);
        String topic = text(json, "topic", problems);
        List<String> areaCodes = strings(json.path("areas"), "areas", problems);
        String priorityText = text(json, "priority", problems);
        Priority priority = Priority.parse(priorityText).orElse(null);
        if (priority == null) {
            problems.add(Problem.of("priority", priorityText == null ? "notification.notice.priority.required" : "notification.notice.priority.invalid"));
        }
        String language = text(json, "language", problems);
        if (language == null) {
            language = "ja";
        } else if (!language.equals("ja") && !language.equals("en")) {
            problems.add(Problem.of("language", "notification.subscribe.language.invalid"));
        }
        Instant expires = instant(json, "expiresAt", problems);
        Instant scheduled = instant(json, "scheduledAt", problems);
        if (!problems.isEmpty()) {
            return ApiProblems.of(HttpStatus.BAD_REQUEST, problems, messages, locale);
        }
        boolean en = "en".equals(language);
        NoticeDraft draft = new NoticeDraft(topic, null, areaCodes, priority, en ? null : title, en ? null : text,
            en ? title : null, en ? text : null, expires, scheduled);
        try {
            Notice n = notices.createAndSend(draft, me.accountId());
            return ResponseEntity.created(URI.create(subscriptions.baseUrl() + "/api/v1/notices/" + n.id()))
                .body(Map.of("id", n.id(), "status", n.apiStatus()));
        } catch (Problem.Rejected e) {
            List<Problem> renamed = e.problems().stream()
                .map(p -> new Problem(p.field().replaceAll("(Ja|En)$", ""), p.key(), p.args())).toList();
            return ApiProblems.of(HttpStatus.BAD_REQUEST, renamed, messages, locale);
        } catch (Problem.Forbidden e) {
            return ApiProblems.of(HttpStatus.FORBIDDEN, "Authorization", e.key(), messages, locale);
        }
    }

    private static String text(JsonNode json, String field, List<Problem> problems) {
        JsonNode v = json.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            problems.add(Problem.of(field, "notification.api.text"));
            return null;
        }
        return v.asString();
    }

    private static Instant instant(JsonNode json, String field, List<Problem> problems) {
        String s = text(json, field, problems);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(Problem.of(field, "notification.api.instant"));
            return null;
        }
    }

    @GetMapping(value = "/api/v1/notices/{id}", produces = "application/json")
    @Operation(summary = "One notice with its delivery counts",
        description = "{id, status, recipients, delivery: {queued, sent, failed, bounced}, ...}. Published ward notices are "
            + "public; drafts, notices awaiting approval and lists' notices need the token of staff who may send them (404 otherwise).")
    @ApiResponse(responseCode = "404", description = "No such notice (or not visible to the caller)",
        content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> notice(@Parameter(description = "Notice id") @PathVariable String id, Locale locale) {
        Long parsed = parseId(id);
        Optional<Notice> n = parsed == null ? Optional.empty() : notices.find(parsed);
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        boolean staffView = n.isPresent() && me != null && me.isStaff() && notices.mayWrite(me.accountId(), n.get().listId());
        if (n.isEmpty() || !(n.get().isPublic() || staffView)) {
            return ApiProblems.of(HttpStatus.NOT_FOUND, "id", "notification.api.notice.notFound", messages, locale);
        }
        Map<String, Object> m = json(n.get(), locale);
        Map<String, Long> counts = noticeRepository.deliveryCounts(n.get().id());
        m.put("recipients", n.get().recipients());
        m.put("delivery", Map.of("queued", counts.get("QUEUED") + counts.get("SENDING"), "sent", counts.get("SENT"),
            "failed", counts.get("FAILED"), "bounced", counts.get("BOUNCED")));
        return ResponseEntity.ok(m);
    }

    @GetMapping(value = "/api/v1/notices", produces = "application/json")
    @Operation(summary = "Published notices, newest first",
        description = "Filtered by topic (code) and area (a district: notices for it and ward-wide ones); 50 per page.")
    @ApiResponse(responseCode = "400", description = "Unknown topic or area", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> published(@RequestParam(required = false) String topic, @RequestParam(required = false) String area,
                                     @RequestParam(required = false) String page, Locale locale) {
        NoticeFilter filter = NoticeFilter.of(topic, area);
        Optional<ResponseEntity<Object>> problem = filter.problem(topics, areas, messages, locale);
        if (problem.isPresent()) {
            return problem.get();
        }
        int p = 1;
        if (page != null) {
            Long parsed = parseId(page);
            if (parsed == null || parsed < 1 || parsed > 10_000) {
                return ApiProblems.of(HttpStatus.BAD_REQUEST, "page", "notification.api.page", messages, locale);
            }
            p = parsed.intValue();
        }
        List<Map<String, Object>> items = noticeRepository.published(filter.topic(), filter.area(), 50, (p - 1) * 50).stream()
            .map(n -> json(n, locale)).toList();
        return ResponseEntity.ok(Map.of("page", p, "total", noticeRepository.countPublished(filter.topic(), filter.area()), "notices", items));
    }

    private Map<String, Object> json(Notice n, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("status", n.apiStatus());
        if (n.isList()) {
            m.put("listId", n.listId());
        } else {
            m.put("topic", n.topicCode());
            m.put("areas", n.areas());
        }
        m.put("priority", n.priority().api());
        m.put("title", n.title(locale));
        m.put("body", n.body(locale));
        m.put("language", n.textLanguage(locale.getLanguage()));
        m.put("releasedAt", n.releasedAt() == null ? null : n.releasedAt().toString());
        m.put("expiresAt", n.expiresAt() == null ? null : n.expiresAt().toString());
        m.put("url", subscriptions.baseUrl() + "/notices/" + n.id());
        return m;
    }

    // ---- RFC 8058 one-click ----

    @PostMapping(value = "/api/v1/notification/unsubscribe/{token}", produces = "application/json")
    @Operation(summary = "One-click unsubscribe (RFC 8058)",
        description = "The address of every mail's List-Unsubscribe header. The mail client POSTs List-Unsubscribe=One-Click; "
            + "no sign-in, cookie or CSRF token. Ends the topic the mail was for (a list's mail: the list; a personal notice: "
            + "that kind of notice). Idempotent. A GET shows the page with a button instead.")
    @ApiResponse(responseCode = "200", description = "Unsubscribed (also when it already was)")
    @ApiResponse(responseCode = "404", description = "Not a valid link", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> oneClick(@PathVariable String token, Locale locale) {
        boolean done = token != null && token.contains(".p-") ? personal.stop(token) : subscriptions.unsubscribe(token, "ONE_CLICK");
        if (!done) {
            return ApiProblems.of(HttpStatus.NOT_FOUND, "token", "notification.unsubscribe.invalid", messages, locale);
        }
        return ResponseEntity.ok(Map.of("status", "unsubscribed"));
    }

    @GetMapping("/api/v1/notification/unsubscribe/{token}")
    @Operation(summary = "The one-click address opened in a browser: redirects to the page with the button", hidden = true)
    ResponseEntity<Void> oneClickPage(@PathVariable String token) {
        String path = token != null && token.contains(".p-") ? "/notifications/stop/" : "/notifications/unsubscribe/";
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
            .location(URI.create(path + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))).build();
    }
}
