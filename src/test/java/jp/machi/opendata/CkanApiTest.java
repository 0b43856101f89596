package jp.machi.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jp.machi.opendata.internal.CatalogDataset;
import jp.machi.opendata.internal.CatalogEditor;
import jp.machi.opendata.internal.CatalogService;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The CKAN Action API over real HTTP: envelope, field names, timestamps, search, errors and status codes. */
@MachiTest
class CkanApiTest {

    @LocalServerPort int port;
    @Autowired CatalogService catalogs;
    @Autowired CatalogEditor editor;
    OpenDataHttp http;

    @BeforeEach
    void setUp() {
        http = new OpenDataHttp(port);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void apiVersionAndStatus() {
        HttpResponse<byte[]> v = http.get("/api/3");
        assertThat(v.statusCode()).isEqualTo(200);
        assertThat(OpenDataHttp.json(v).get("version").asInt()).isEqualTo(3);
        JsonNode s = http.action("status_show");
        assertThat(s.get("success").asBoolean()).isTrue();
        assertThat(s.get("help").asString()).endsWith("/api/3/action/help_show?name=status_show");
        assertThat(s.get("result").get("ckan_version").asString()).startsWith("2.");
        assertThat(s.get("result").get("locale_default").asString()).isEqualTo("ja");
    }

    @Test
    void packageListAndShowCarryTheLiveDatasetsInCkansFields() {
        JsonNode list = http.action("package_list").get("result");
        assertThat(list.toString()).contains("\"aed\"", "\"public-facilities\"", "\"evacuation-space\"",
            "\"public-wireless-lan\"", "\"machi-reports\"", "\"public-holidays\"", "\"opendata-list\"",
            "\"population-by-area-and-age\"", "\"facility-utilisation\"");
        JsonNode paged = http.action("package_list?limit=2&offset=1").get("result");
        assertThat(paged.size()).isEqualTo(2);
        assertThat(paged.get(0).asString()).isEqualTo(list.get(1).asString());

        JsonNode aed = http.action("package_show?id=aed").get("result");
        assertThat(aed.get("name").asString()).isEqualTo("aed");
        assertThat(aed.get("title").asString()).isEqualTo("AED設置箇所一覧");
        assertThat(aed.get("type").asString()).isEqualTo("dataset");
        assertThat(aed.get("license_id").asString()).isEqualTo("CC-BY-4.0");
        assertThat(aed.get("metadata_modified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(aed.get("organization").get("name").asString()).isEqualTo("kenko-suishin");
        assertThat(aed.get("num_resources").asInt()).isEqualTo(3);
        JsonNode csv = aed.get("resources").get(0);
        assertThat(csv.get("format").asString()).isEqualTo("CSV");
        assertThat(csv.get("url").asString()).endsWith("/opendata/files/131202_aed.csv");
        assertThat(csv.get("last_modified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(aed.get("resources").get(2).get("format").asString()).isEqualTo("GeoJSON");
        // by id as well as by name
        JsonNode byId = http.action("package_show?id=" + aed.get("id").asString()).get("result");
        assertThat(byId.get("name").asString()).isEqualTo("aed");

        JsonNode res = http.action("resource_show?id=" + csv.get("id").asString());
        assertThat(res.get("result").get("package_id").asString()).isEqualTo(aed.get("id").asString());
    }

    @Test
    void postWithAJsonBodyIsTheSameAsGet() {
        HttpResponse<byte[]> r = http.post("/api/3/action/package_search", "application/json",
            "{\"q\": \"AED\", \"rows\": 5, \"facet.field\": [\"tags\", \"organization\"]}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode result = OpenDataHttp.json(r).get("result");
        assertThat(result.get("count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(result.get("results").get(0).get("name").asString()).isEqualTo("aed");
        assertThat(result.get("search_facets").get("tags").get("items").toString()).contains("AED");
        JsonNode get = http.action("package_search?q=AED&rows=5&facet.field=" + enc("[\"tags\",\"organization\"]")).get("result");
        assertThat(get.get("count")).isEqualTo(result.get("count"));
        assertThat(get.get("facets")).isEqualTo(result.get("facets"));
    }

    @Test
    void searchFiltersSortsAndPages() {
        JsonNode byTag = http.action("package_search?fq=" + enc("tags:防災")).get("result");
        assertThat(byTag.get("results").toString()).contains("evacuation-space");
        assertThat(byTag.get("results").toString()).doesNotContain("\"name\":\"aed\"");
        // Jackan's form: quoted values joined by AND
        JsonNode jackan = http.action("package_search?fq=" + enc("organization:\"bosai-keikaku\" AND license_id:\"CC-BY-4.0\"")).get("result");
        assertThat(jackan.get("count").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode harvest = http.action("package_search?fq=" + enc("metadata_modified:[2000-01-01T00:00:00Z TO *]") + "&rows=1000").get("result");
        JsonNode all = http.action("package_search?rows=1000").get("result");
        assertThat(harvest.get("count")).isEqualTo(all.get("count"));
        JsonNode sorted = http.action("package_search?sort=" + enc("name asc") + "&rows=2&start=1").get("result");
        assertThat(sorted.get("results").size()).isEqualTo(2);
        assertThat(sorted.get("count")).isEqualTo(all.get("count"));
        // rows above 1000 are clamped silently, as in CKAN
        HttpResponse<byte[]> big = http.get("/api/3/action/package_search?rows=5000");
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(OpenDataHttp.json(big).get("result").get("results").size()).isEqualTo(all.get("count").asInt());
    }

    @Test
    void aRepeatedSearchIsAnsweredTheSameAndAChangedCatalogAtOnce() {
        String word = "cachecheck" + System.nanoTime();
        String url = "package_search?q=" + word + "&facet.field=" + enc("[\"tags\"]");
        HttpResponse<byte[]> first = http.get("/api/3/action/" + url);
        HttpResponse<byte[]> again = http.get("/api/3/action/" + url);
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo(new String(first.body(), StandardCharsets.UTF_8));
        assertThat(OpenDataHttp.json(first).get("result").get("count").asInt()).isZero();

        // a dataset retitled with the word is found by the very next search: no stale answer
        CatalogDataset population = catalogs.current().find("population-by-area-and-age").orElseThrow();
        CatalogEditor.Draft d = CatalogEditor.draftOf(population);
        CatalogEditor.Draft retitled = new CatalogEditor.Draft(d.name(), d.layout(), d.titleJa() + " " + word, d.titleEn(),
            d.descriptionJa(), d.descriptionEn(), d.department(), d.category(), d.tags(), d.licence(), d.attributionJa(),
            d.attributionEn(), d.frequency(), d.temporalStart(), d.temporalEnd(), d.spatial(), d.contactEmail());
        try {
            assertThat(editor.update(population, retitled)).isEmpty();
            JsonNode after = http.action(url).get("result");
            assertThat(after.get("count").asInt()).isEqualTo(1);
            assertThat(after.get("results").get(0).get("name").asString()).isEqualTo("population-by-area-and-age");
            // the same search by POST with a JSON body
            JsonNode post = OpenDataHttp.json(http.post("/api/3/action/package_search", "application/json",
                "{\"facet.field\": [\"tags\"], \"q\": \"" + word + "\"}")).get("result");
            assertThat(post.get("count").asInt()).isEqualTo(1);
        } finally {
            editor.update(catalogs.current().find("population-by-area-and-age").orElseThrow(), d);
        }
        assertThat(http.action(url).get("result").get("count").asInt()).isZero();
    }

    @Test
    void listsOfOrganizationsGroupsTagsAndLicences() {
        assertThat(http.action("organization_list").get("result").toString()).contains("bosai-keikaku");
        JsonNode orgs = http.action("organization_list?all_fields=true").get("result");
        assertThat(orgs.get(0).has("package_count")).isTrue();
        JsonNode org = http.action("organization_show?id=bosai-keikaku&include_datasets=true").get("result");
        assertThat(org.get("packages").toString()).contains("evacuation-space");
        assertThat(http.action("group_list").get("result").toString()).contains("population", "safety-environment");
        JsonNode group = http.action("group_show?id=population&include_datasets=true").get("result");
        assertThat(group.get("packages").toString()).contains("population-by-area-and-age");
        assertThat(http.action("tag_list").get("result").toString()).contains("防災", "AED");
        assertThat(http.action("tag_list?query=" + enc("避難")).get("result").toString()).contains("避難場所").doesNotContain("AED");
        JsonNode licences = http.action("license_list").get("result");
        assertThat(licences.toString()).contains("CC-BY-4.0", "PDL-1.0", "https://creativecommons.org/licenses/by/4.0/");
        assertThat(http.action("format_autocomplete?q=geo").get("result").toString()).contains("GeoJSON");
        assertThat(http.action("help_show?name=package_search").get("result").asString()).contains("rows");
    }

    @Test
    void errorsAreCkansWithCkansStatusCodes() {
        HttpResponse<byte[]> missing = http.get("/api/3/action/package_show?id=no-such-dataset");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode m = OpenDataHttp.json(missing);
        assertThat(m.get("success").asBoolean()).isFalse();
        assertThat(m.get("error").get("__type").asString()).isEqualTo("Not Found Error");
        assertThat(m.get("error").get("message").asString()).startsWith("Not found");

        HttpResponse<byte[]> resource = http.get("/api/3/action/resource_show?id=00000000-0000-0000-0000-000000000000");
        assertThat(resource.statusCode()).isEqualTo(404);
        assertThat(OpenDataHttp.text(resource)).contains("Resource was not found.");

        HttpResponse<byte[]> noId = http.get("/api/3/action/package_show");
        assertThat(noId.statusCode()).isEqualTo(409);
        assertThat(OpenDataHttp.json(noId).get("error").get("name_or_id").get(0).asString()).isEqualTo("Missing value");

        HttpResponse<byte[]> rows = http.get("/api/3/action/package_search?rows=-1");
        assertThat(rows.statusCode()).isEqualTo(409);
        assertThat(OpenDataHttp.json(rows).get("error").get("__type").asString()).isEqualTo("Validation Error");
        assertThat(OpenDataHttp.json(rows).get("error").get("rows").get(0).asString()).isEqualTo("Must be a natural number");
        assertThat(http.get("/api/3/action/package_search?rows=ten").statusCode()).isEqualTo(409);

        for (String fq : new String[] {"tags:(防災", "tags:\"unclosed", "nosuchfield:x", "just words", "metadata_modified:[x TO *]"}) {
            HttpResponse<byte[]> bad = http.get("/api/3/action/package_search?fq=" + enc(fq));
            assertThat(bad.statusCode()).as(fq).isEqualTo(400);
            assertThat(OpenDataHttp.json(bad).get("error").get("__type").asString()).as(fq).isEqualTo("Search Query Error");
        }
        HttpResponse<byte[]> sort = http.get("/api/3/action/package_search?sort=" + enc("name sideways"));
        assertThat(sort.statusCode()).isEqualTo(400);
        assertThat(OpenDataHttp.json(sort).get("error").get("message").asString()).isEqualTo("Invalid \"sort\" parameter");

        HttpResponse<byte[]> longQ = http.get("/api/3/action/package_search?q=" + "x".repeat(10_000));
        assertThat(longQ.statusCode()).isEqualTo(400);
        assertThat(OpenDataHttp.json(longQ).get("error").get("__type").asString()).isEqualTo("Search Query Error");
        HttpResponse<byte[]> longPost = http.post("/api/3/action/package_search", "application/json",
            "{\"q\": \"" + "あ".repeat(10_000) + "\"}");
        assertThat(longPost.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> facet = http.get("/api/3/action/package_search?facet.field=" + enc("[tags"));
        assertThat(facet.statusCode()).isEqualTo(409);

        HttpResponse<byte[]> unknownParam = http.get("/api/3/action/package_search?colour=red");
        assertThat(unknownParam.statusCode()).isEqualTo(400);
        assertThat(OpenDataHttp.text(unknownParam)).contains("Invalid search parameters");

        HttpResponse<byte[]> action = http.get("/api/3/action/no_such_action");
        assertThat(action.statusCode()).isEqualTo(400);
        assertThat(OpenDataHttp.text(action)).isEqualTo("\"Bad request: Action name not known: no_such_action\"");

        HttpResponse<byte[]> json = http.post("/api/3/action/package_show", "application/json", "{not json");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(OpenDataHttp.text(json)).startsWith("\"Bad request: JSON Error");
        assertThat(http.post("/api/3/action/package_show", "application/json", "[1, 2]").statusCode()).isEqualTo(400);

        HttpResponse<byte[]> write = http.post("/api/3/action/package_create", "application/json", "{\"name\": \"x\"}");
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(OpenDataHttp.json(write).get("error").get("__type").asString()).isEqualTo("Authorization Error");
    }

    @Test
    void corsIsOpenForReads() {
        HttpResponse<byte[]> r = http.get("/api/3/action/package_list", "Origin", "https://example.org");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        HttpResponse<byte[]> file = http.get("/opendata/files/131202_aed.json", "Origin", "https://example.org");
        assertThat(file.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        HttpResponse<byte[]> page = http.get("/opendata", "Origin", "https://example.org");
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
