package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Open311 GeoReport v2 client written from the specification alone (java.net.http, a JSON parser and the
 * JDK's XML parser): discovery → services → service definition → POST → GET request → token, checking types,
 * formats, array roots and element names; then every kind of bad input, each with nothing stored.
 */
@MachiTest
class Open311ClientTest {

    static final Pattern W3C = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$");
    static final String KEY = "demo-open311-key";
    static final String JURISDICTION = "131202";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void multiValueService() {
        // A service with a multivaluelist question, as a ward might configure one (set-up, not part of the client).
        if (jdbc.sql("select count(*) from report_category where code = 'test-open311-sign'").query(Long.class).single() == 0) {
            jdbc.sql("""
                    insert into report_category (code, name_ja, name_en, department_code, target_working_days, sort_order)
                    values ('test-open311-sign', '標識（試験）', 'Sign (test)', 'doboku-keikaku', 5, 90)""").update();
            jdbc.sql("""
                    insert into report_category_attribute (category_code, code, datatype, required, sort_order, description_ja, description_en)
                    values ('test-open311-sign', 'damage', 'multivaluelist', true, 1, '損傷の種類', 'Kind of damage'),
                           ('test-open311-sign', 'seen_at', 'datetime', false, 2, '気づいた日時', 'When you noticed')""").update();
            jdbc.sql("""
                    insert into report_category_attribute_value (category_code, attribute_code, key, name_ja, name_en, sort_order)
                    values ('test-open311-sign', 'damage', 'bent', '曲がっている', 'Bent', 1),
                           ('test-open311-sign', 'damage', 'faded', '色あせている', 'Faded', 2),
                           ('test-open311-sign', 'damage', 'missing', 'なくなっている', 'Missing', 3)""").update();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + "/open311/v2/" + path;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String... fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", ""))
            .isEqualTo("application/json;charset=utf-8");
        return JSON.readTree(r.body());
    }

    static Document xml(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", ""))
            .isEqualTo("text/xml;charset=utf-8");
        assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(d.getDocumentElement().getNamespaceURI()).as("no namespace").isNull();
        return d;
    }

    static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        assertThat(c).as("<" + e.getTagName() + "> has one <" + name + ">").hasSize(1);
        return c.getFirst();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        assertThat(v).as(field).isNotNull();
        assertThat(v.isString()).as(field + " is a string").isTrue();
        return v.asString();
    }

    long stored() {
        return jdbc.sql("select count(*) from report").query(Long.class).single();
    }

    @Test
    void aClientWrittenFromTheSpecificationWorksEndToEnd() throws Exception {
        // Discovery, both formats, same contact.
        Document dx = xml(get("discovery.xml"));
        Element disc = dx.getDocumentElement();
        assertThat(disc.getTagName()).isEqualTo("discovery");
        assertThat(child(disc, "changeset").getTextContent()).matches(W3C);
        Element endpoint = child(child(disc, "endpoints"), "endpoint");
        assertThat(child(endpoint, "specification").getTextContent()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(child(endpoint, "url").getTextContent()).endsWith("/open311/v2");
        assertThat(child(endpoint, "type").getTextContent()).isIn("production", "test");
        assertThat(children(child(endpoint, "formats"), "format")).extracting(Node::getTextContent).contains("text/xml");
        JsonNode dj = json(get("discovery.json"));
        assertThat(dj.isObject()).isTrue();
        assertThat(text(dj, "contact")).isEqualTo(child(disc, "contact").getTextContent()).isNotBlank();
        assertThat(text(dj, "key_service")).isNotBlank();
        assertThat(dj.get("endpoints").isArray()).isTrue();
        assertThat(dj.get("endpoints").get(0).get("formats").isArray()).isTrue();
        assertThat(dj.get("endpoints").get(0).get("formats").get(0).isString()).isTrue();

        // Service list: an array root; required fields with their types.
        JsonNode services = json(get("services.json?jurisdiction_id=" + JURISDICTION));
        assertThat(services.isArray()).isTrue();
        assertThat(services.size()).isPositive();
        for (JsonNode s : services) {
            text(s, "service_code");
            text(s, "service_name");
            assertThat(s.get("metadata").isBoolean()).isTrue();
            assertThat(text(s, "type")).isIn("realtime", "batch", "blackbox");
        }
        Element sx = xml(get("services.xml")).getDocumentElement();
        assertThat(sx.getTagName()).isEqualTo("services");
        assertThat(children(sx, "service")).hasSize(services.size());
        assertThat(child(children(sx, "service").getFirst(), "metadata").getTextContent()).isIn("true", "false");
        assertThat(json(get("services.json?locale=en")).get(0).get("service_name").asString())
            .isNotEqualTo(services.get(0).get("service_name").asString());

        // Service definition: an object root, attributes as an array, values for lists.
        JsonNode def = json(get("services/test-open311-sign.json"));
        assertThat(def.isObject()).isTrue();
        assertThat(text(def, "service_code")).isEqualTo("test-open311-sign");
        JsonNode attrs = def.get("attributes");
        assertThat(attrs.isArray()).isTrue();
        JsonNode damage = attrs.get(0);
        assertThat(damage.get("variable").isBoolean()).isTrue();
        assertThat(text(damage, "code")).isEqualTo("damage");
        assertThat(text(damage, "datatype")).isEqualTo("multivaluelist");
        assertThat(damage.get("required").asBoolean()).isTrue();
        assertThat(damage.get("order").isInt()).isTrue();
        assertThat(damage.get("values").isArray()).isTrue();
        assertThat(text(damage.get("values").get(0), "key")).isEqualTo("bent");
        text(damage.get("values").get(0), "name");
        Element defx = xml(get("services/test-open311-sign.xml")).getDocumentElement();
        assertThat(defx.getTagName()).isEqualTo("service_definition");
        Element ax = children(child(defx, "attributes"), "attribute").getFirst();
        assertThat(children(child(ax, "values"), "value")).hasSize(3);
        assertThat(child(children(child(ax, "values"), "value").getFirst(), "key").getTextContent()).isEqualTo("bent");

        // POST, form-encoded, with a multivaluelist answer.
        HttpResponse<String> created = post("requests.json", "api_key", KEY, "jurisdiction_id", JURISDICTION,
            "service_code", "test-open311-sign", "lat", "35.7356", "long", "139.6516",
            "description", "標識が曲がって色あせています。\n交差点の北側です。",
            "attribute[damage][]", "bent", "attribute[damage][]", "faded", "attribute[seen_at]", "2026-11-23T15:00:00+09:00",
            "email", "open311-client@example.com", "first_name", "花子", "last_name", "練馬", "phone", "03-0000-0000");
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        JsonNode pr = json(created);
        assertThat(pr.isArray()).isTrue();
        assertThat(pr.size()).isEqualTo(1);
        String id = text(pr.get(0), "service_request_id");
        assertThat(id).matches("[0-9]+");
        String token = text(pr.get(0), "token");

        // GET the request: still an array, types and datetimes with offsets.
        JsonNode got = json(get("requests/" + id + ".json?jurisdiction_id=" + JURISDICTION));
        assertThat(got.isArray()).isTrue();
        JsonNode req = got.get(0);
        assertThat(text(req, "service_request_id")).isEqualTo(id);
        assertThat(text(req, "status")).isEqualTo("open");
        assertThat(text(req, "service_code")).isEqualTo("test-open311-sign");
        assertThat(text(req, "requested_datetime")).matches(W3C).endsWith("+09:00");
        assertThat(text(req, "updated_datetime")).matches(W3C);
        assertThat(text(req, "expected_datetime")).matches(W3C);
        assertThat(req.get("lat").isNumber()).isTrue();
        assertThat(req.get("long").isNumber()).isTrue();
        assertThat(req.get("lat").asDouble()).isEqualTo(35.7356);
        assertThat(text(req, "description")).contains("\n");
        assertThat(req.toString()).doesNotContain("open311-client@example.com").doesNotContain("練馬 花子");
        assertThat(req.has("attributes")).as("extension only when asked").isFalse();
        Element rx = xml(get("requests/" + id + ".xml")).getDocumentElement();
        assertThat(rx.getTagName()).isEqualTo("service_requests");
        Element one = child(rx, "request");
        assertThat(child(one, "service_request_id").getTextContent()).isEqualTo(id);
        assertThat(child(one, "requested_datetime").getTextContent()).matches(W3C);
        assertThat(child(one, "address_id").getTextContent()).isEmpty();

        // Extensions: the answers, the fine-grained status and the thread.
        JsonNode ext = json(get("requests/" + id + ".json?extensions=true&locale=en")).get(0);
        assertThat(ext.get("attributes").isArray()).isTrue();
        assertThat(ext.get("attributes").findValuesAsString("value")).contains("bent", "faded");
        assertThat(text(ext.get("extended_attributes"), "detailed_status")).isEqualTo("open");
        assertThat(ext.get("notes").isArray()).isTrue();

        // The token.
        JsonNode tok = json(get("tokens/" + token + ".json"));
        assertThat(tok.isArray()).isTrue();
        assertThat(text(tok.get(0), "service_request_id")).isEqualTo(id);
        assertThat(text(tok.get(0), "token")).isEqualTo(token);

        // The list: default window, array root, our request in it, at most 1,000.
        JsonNode list = json(get("requests.json?service_code=test-open311-sign,street-light&status=open"));
        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isLessThanOrEqualTo(1000);
        assertThat(list.findValuesAsString("service_request_id")).contains(id);
        for (JsonNode r : list) {
            assertThat(text(r, "requested_datetime")).matches(W3C);
            assertThat(text(r, "status")).isEqualTo("open");
        }
        JsonNode byId = json(get("requests.json?service_request_id=" + id + ",999999999&service_code=road&status=closed"));
        assertThat(byId.size()).as("service_request_id overrides the other filters").isEqualTo(1);
        JsonNode page = json(get("requests.json?page_size=1&page=1"));
        assertThat(page.size()).isEqualTo(1);
        assertThat(json(get("requests.json?start_date=&end_date=&status=")).isArray()).as("empty equals absent").isTrue();
        Element lx = xml(get("requests.xml?extensions=true")).getDocumentElement();
        assertThat(lx.getTagName()).isEqualTo("service_requests");
        assertThat(children(lx, "request")).isNotEmpty();
    }

    @Test
    void theEndpointRootIsAPageForPeopleInJapaneseAndEnglish() throws Exception {
        for (String path : List.of("/open311/v2/", "/open311/v2")) {
            HttpResponse<String> ja = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Language", "ja").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(ja.statusCode()).isEqualTo(200);
            assertThat(ja.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            String body = ja.body();
            assertThat(body).contains("<html lang=\"ja\"").contains("<main id=\"main\" tabindex=\"-1\">")
                .contains(JURISDICTION).contains("href=\"/open311/v2/discovery.json\"")
                .contains("href=\"/open311/v2/services.json\"").contains("href=\"http://wiki.open311.org/GeoReport_v2\"")
                .contains("api_key");
            assertThat(Pattern.compile("<h1[ >]").matcher(body).results().count()).as("one h1").isEqualTo(1);
        }
        HttpResponse<String> en = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/open311/v2/?lang=en"))
            .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("<html lang=\"en\"").contains("Posting reports").contains(JURISDICTION);
    }

    @Test
    void badInputGetsOpen311ErrorsAndNothingIsStored() throws Exception {
        long before = stored();
        String[] good = {"api_key", KEY, "service_code", "street-light", "lat", "35.7356", "long", "139.6516",
            "description", "点きません", "attribute[pole_number]", "A-1"};
        // A point outside the ward.
        expectError(400, "lat", with(good, "lat", "35.60", "long", "139.70"));
        // A missing answer to a required question (the street light's pole number is optional: the sign's damage is not).
        expectError(400, "attribute[damage]", new String[] {"api_key", KEY, "service_code", "test-open311-sign", "lat", "35.7356",
            "long", "139.6516", "description", "曲がっています"});
        // A value outside a singlevaluelist.
        expectError(400, "attribute[lamp_state]", with(good, "attribute[lamp_state]", "exploded"));
        // A 4,001-character description.
        expectError(400, "description", with(good, "description", "あ".repeat(4001)));
        // An unknown service code.
        expectError(404, "no-such-service", with(good, "service_code", "no-such-service"));
        // A wrong, or no, API key.
        expectError(403, "api_key", with(good, "api_key", "wrong-key"));
        expectError(403, "api_key", with(good, "api_key", ""));
        // Location: lat without long, none at all, an address we cannot place, address_id.
        expectError(400, "long", with(good, "long", ""));
        expectError(400, "lat", with(good, "lat", "", "long", ""));
        expectError(400, "address_string", with(good, "lat", "", "long", "", "address_string", "1600 Pennsylvania Ave"));
        expectError(400, "lat", with(good, "lat", "north", "long", "139.65"));
        // Remote media is not fetched.
        expectError(400, "media_url", with(good, "media_url", "http://example.com/x.jpg"));
        // Another jurisdiction.
        expectError(404, "131202", with(good, "jurisdiction_id", "city.example.gov"));
        // No service code.
        expectError(400, "service_code", with(good, "service_code", ""));
        assertThat(stored()).isEqualTo(before);

        // Reads.
        expectGetError(404, "requests/999999999.json");
        expectGetError(404, "requests/abc.json");
        expectGetError(404, "tokens/0123456789abcdef0123456789abcdef.json");
        expectGetError(404, "services/no-such-service.json");
        expectGetError(404, "services.json?jurisdiction_id=sfgov.org");
        expectGetError(400, "requests.json?start_date=yesterday");
        expectGetError(400, "requests.json?status=pending");
        expectGetError(400, "requests.json?start_date=2026-11-23T00:00:00%2B09:00&end_date=2026-11-01T00:00:00%2B09:00");
        expectGetError(400, "requests.json?page_size=5000");
        expectGetError(400, "requests.json?service_request_id=1,x");
        // XML errors.
        HttpResponse<String> r = post("requests.xml", with(good, "api_key", "wrong-key"));
        assertThat(r.statusCode()).isEqualTo(403);
        Element errors = xml(r).getDocumentElement();
        assertThat(errors.getTagName()).isEqualTo("errors");
        Element e = child(errors, "error");
        assertThat(child(e, "code").getTextContent()).isEqualTo("403");
        assertThat(child(e, "description").getTextContent()).isNotBlank();
        HttpResponse<String> unknownFormat = get("services.csv");
        assertThat(unknownFormat.statusCode()).isEqualTo(404);
        assertThat(xml(unknownFormat).getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(stored()).isEqualTo(before);
    }

    static String[] with(String[] base, String... changes) {
        List<String> out = new ArrayList<>(List.of(base));
        for (int i = 0; i < changes.length; i += 2) {
            int at = out.indexOf(changes[i]);
            if (at >= 0 && at % 2 == 0) {
                out.set(at + 1, changes[i + 1]);
            } else {
                out.add(changes[i]);
                out.add(changes[i + 1]);
            }
        }
        return out.toArray(String[]::new);
    }

    void expectError(int status, String mentioned, String... fields) throws Exception {
        HttpResponse<String> r = post("requests.json", fields);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode errors = json(r);
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.get(0).get("code").isInt()).isTrue();
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(status);
        assertThat(text(errors.get(0), "description")).contains(mentioned);
    }

    void expectGetError(int status, String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
        JsonNode errors = json(r);
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(status);
        text(errors.get(0), "description");
    }
}
