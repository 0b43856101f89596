package jp.machi.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16 item 5, the machine APIs: every parameter of every operation in the OpenAPI document ({@code /v3/api-docs},
 * which must therefore describe each operation truthfully — query, path and header parameters and the fields of JSON,
 * form and multipart bodies) gets bad values; no answer may be a 5xx, and a refused write stores nothing. The operations
 * are read from the document at run time, so a new endpoint is fuzzed without touching this test.
 *
 * <p>Each try is one bad value sent to every (operation, parameter) pair alone, the other path variables set to
 * {@code 1} and other required query parameters to their documented example; writes carry only the fuzzed field, so
 * they are always incomplete and must be refused. API calls carry the demo resident's token. Fixed seed and tries:
 * {@link FuzzSupport}.
 */
class ApiFuzzTest {

    record Target(String method, String path, String name, String in, Map<String, String> defaults, String bodyType) {
        @Override
        public String toString() {
            return method + " " + path + " " + in + ":" + name;
        }
    }

    static List<Target> targets;
    static JdbcClient jdbc;
    static int port;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void discover() throws Exception {
        ApplicationContext context = FuzzSupport.context();
        jdbc = context.getBean(JdbcClient.class);
        port = Integer.parseInt(context.getBean(Environment.class).getProperty("local.server.port"));
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(docs.statusCode()).isEqualTo(200);
        targets = targets(JsonMapper.builder().build().readTree(docs.body()));
    }

    static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Every (operation, parameter) of the document, with the operation's other required parameters' examples. */
    static List<Target> targets(JsonNode doc) {
        List<Target> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                Map<String, String> defaults = new LinkedHashMap<>();
                List<String[]> parameters = new ArrayList<>();
                JsonNode params = op.getValue().get("parameters");
                if (params != null) {
                    for (JsonNode p : params) {
                        String in = p.get("in").asString();
                        String name = p.get("name").asString();
                        parameters.add(new String[] {name, in});
                        if (p.path("required").asBoolean(false) || "path".equals(in)) {
                            defaults.put(in + ":" + name, example(name, p.path("schema"), p.path("example")));
                        }
                    }
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                for (Map.Entry<String, JsonNode> type : content.properties()) {
                    JsonNode schema = resolve(doc, type.getValue().path("schema"));
                    for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
                        parameters.add(new String[] {field.getKey(), "body:" + type.getKey()});
                    }
                }
                for (String[] p : parameters) {
                    String bodyType = p[1].startsWith("body:") ? p[1].substring(5) : null;
                    out.add(new Target(method, path.getKey(), p[0], bodyType == null ? p[1] : "body", defaults, bodyType));
                }
                if (parameters.isEmpty()) {
                    out.add(new Target(method, path.getKey(), null, "none", defaults, null));
                }
            }
        }
        return out;
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema.has("$ref")) {
            String[] ref = schema.get("$ref").asString().replace("#/", "").split("/");
            JsonNode n = doc;
            for (String r : ref) {
                n = n.path(r);
            }
            return n;
        }
        return schema;
    }

    static String example(String name, JsonNode schema, JsonNode example) {
        if (!example.isMissingNode() && !example.isNull()) {
            return example.asString();
        }
        if (schema.has("example")) {
            return schema.get("example").asString();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asString();
        }
        return name.equals("format") ? "json" : "1";
    }

    static Stream<String> badValues() {
        return FuzzSupport.badValues(FuzzSupport.TRIES).stream();
    }

    @ParameterizedTest(name = "try {index}")
    @MethodSource("badValues")
    void noBadValueInAnyParameterOfAnyOperationGivesA5xxOrStoresAnything(String value) throws Exception {
        assertThat(targets).as("operations in /v3/api-docs").hasSizeGreaterThan(20);
        for (Target t : targets) {
            boolean write = !t.method().equals("GET") && !t.method().equals("HEAD");
            Map<String, Long> before = write ? FuzzSupport.storedRows(jdbc) : null;
            HttpResponse<String> r = send(t, value);
            assertThat(r.statusCode()).as(t + " = " + printable(value) + " → " + r.body()).isLessThan(500);
            if (write) {
                assertThat(FuzzSupport.grown(before, FuzzSupport.storedRows(jdbc)))
                    .as(t + " = " + printable(value) + " stored rows (" + r.statusCode() + ")").isEmpty();
            }
        }
    }

    static HttpResponse<String> send(Target t, String value) throws Exception {
        String path = t.path();
        StringBuilder query = new StringBuilder();
        for (Iterator<Map.Entry<String, String>> it = t.defaults().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> d = it.next();
            String[] key = d.getKey().split(":", 2);
            boolean fuzzed = key[1].equals(t.name()) && key[0].equals(t.in());
            String v = fuzzed ? value : d.getValue();
            if (key[0].equals("path")) {
                path = path.replace("{" + key[1] + "}", URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
            } else if (key[0].equals("query") && !t.method().equals("POST")) {
                append(query, key[1], v);
            }
        }
        if ("query".equals(t.in()) && !t.defaults().containsKey("query:" + t.name())) {
            append(query, t.name(), value);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path + (query.isEmpty() ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(30));
        if (path.startsWith("/api/")) {
            b.header("Authorization", "Bearer demo-resident-token");
        }
        if ("header".equals(t.in()) && headerSafe(value)) {
            b.header(t.name(), value);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (t.bodyType() != null) {
            String field = t.name();
            if (t.bodyType().contains("json")) {
                b.header("Content-Type", t.bodyType());
                body = HttpRequest.BodyPublishers.ofString("{" + json(field) + ":" + json(value) + "}");
            } else if (t.bodyType().startsWith("multipart/")) {
                String boundary = "fuzz" + UUID.randomUUID().toString().replace("-", "");
                b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
                body = HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + field + "\"\r\n\r\n" + value + "\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8);
            } else {
                b.header("Content-Type", t.bodyType());
                StringBuilder form = new StringBuilder();
                append(form, field, value);
                if (path.startsWith("/open311/") && !field.equals("api_key")) {
                    append(form, "api_key", "demo-open311-key"); // past the key, to the parameters themselves
                }
                body = HttpRequest.BodyPublishers.ofString(form.toString());
            }
        }
        b.method(t.method(), body);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void append(StringBuilder q, String name, String value) {
        if (!q.isEmpty()) {
            q.append('&');
        }
        q.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    static boolean headerSafe(String v) {
        return !v.isEmpty() && v.length() < 4000 && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String printable(String v) {
        String s = v.length() > 60 ? v.substring(0, 60) + "…(" + v.length() + ")" : v;
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
