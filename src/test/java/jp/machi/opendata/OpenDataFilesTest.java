package jp.machi.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jp.machi.support.MachiTest;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The files (CSV, JSON, GeoJSON) with their validators, and DCAT-AP parsed back by Apache Jena. */
@MachiTest
class OpenDataFilesTest {

    @LocalServerPort int port;
    OpenDataHttp http;

    @BeforeEach
    void setUp() {
        http = new OpenDataHttp(port);
    }

    @Test
    void csvIsTheStandardLayoutWithBomAndCrlf() {
        HttpResponse<byte[]> r = http.get("/opendata/files/131202_evacuation_space.csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("131202_evacuation_space.csv");
        byte[] b = r.body();
        assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("全国地方公共団体コード,ID,名称,名称_カナ,名称_英字,");
        assertThat(text.split("\r\n").length).isGreaterThan(50);
        assertThat(text.split("\r\n")[1]).startsWith("131202,");
    }

    @Test
    void jsonAndGeoJsonUseTheEnglishItemNames() {
        JsonNode json = OpenDataHttp.json(http.get("/opendata/files/131202_aed.json"));
        assertThat(json.isArray()).isTrue();
        JsonNode first = json.get(0);
        assertThat(first.get("localGovernmentCode").asString()).isEqualTo("131202");
        assertThat(first.get("identifierUri").asString()).contains("/facilities/");
        HttpResponse<byte[]> geo = http.get("/opendata/files/131202_public_facility.geojson");
        assertThat(geo.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode fc = OpenDataHttp.json(geo);
        assertThat(fc.get("type").asString()).isEqualTo("FeatureCollection");
        // the first with a place (other tests' facilities may have none: a null geometry, as GeoJSON allows)
        JsonNode f = null;
        for (JsonNode feature : fc.get("features")) {
            if (feature.get("geometry") != null && !feature.get("geometry").isNull()) {
                f = feature;
                break;
            }
        }
        assertThat(f).isNotNull();
        double lon = f.get("geometry").get("coordinates").get(0).asDouble();
        double lat = f.get("geometry").get("coordinates").get(1).asDouble();
        assertThat(lon).isBetween(139.0, 140.5);
        assertThat(lat).isBetween(35.0, 36.5);
        assertThat(f.get("properties").get("name").asString()).isNotBlank();
    }

    @Test
    void conditionalGetAnswers304UntilTheDataChanges() {
        HttpResponse<byte[]> first = http.get("/opendata/files/131202_public_holidays.csv");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String modified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");
        assertThat(http.get("/opendata/files/131202_public_holidays.csv", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(http.get("/opendata/files/131202_public_holidays.csv", "If-Modified-Since", modified).statusCode()).isEqualTo(304);
        assertThat(http.get("/opendata/files/131202_public_holidays.csv", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        String text = new String(first.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("国民の祝日・休日月日,国民の祝日・休日名称,名称_英語").contains("1955-01-01,元日");
    }

    @Test
    void unknownFilesAre404() {
        assertThat(http.get("/opendata/files/131202_nothing.csv").statusCode()).isEqualTo(404);
        assertThat(http.get("/opendata/files/..%2F..%2Fetc%2Fpasswd").statusCode()).isIn(400, 404);
        assertThat(http.get("/dataset/nothing.ttl").statusCode()).isEqualTo(404);
        assertThat(http.get("/catalog.ttl?page=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/catalog.ttl?page=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void dcatTurtleAndJsonLdParseAndDescribeTheSameCatalog() {
        Model turtle = parse(http.get("/catalog.ttl"), Lang.TURTLE);
        Model jsonld = parse(http.get("/catalog.jsonld"), Lang.JSONLD);
        var dataset = turtle.createResource("http://www.w3.org/ns/dcat#Dataset");
        long datasets = turtle.listSubjectsWithProperty(RDF.type, dataset).toList().size();
        assertThat(datasets).isGreaterThanOrEqualTo(8);
        assertThat(jsonld.listSubjectsWithProperty(RDF.type, jsonld.createResource("http://www.w3.org/ns/dcat#Dataset"))
            .toList()).hasSize((int) datasets);
        // the same graph but for the paging node, which names its own format's URL
        assertThat(withoutPaging(turtle).isIsomorphicWith(withoutPaging(jsonld))).isTrue();
        assertThat(turtle.listSubjectsWithProperty(RDF.type, turtle.createResource("http://www.w3.org/ns/hydra/core#PagedCollection"))
            .toList()).hasSize(1);
        Model one = parse(http.get("/dataset/aed.ttl"), Lang.TURTLE);
        // URIs are made from machi.base-url (http://localhost in the tests)
        var aed = one.getResource("http://localhost/dataset/aed");
        assertThat(aed.hasProperty(RDF.type, one.createResource("http://www.w3.org/ns/dcat#Dataset"))).isTrue();
        assertThat(one.listObjectsOfProperty(aed, one.createProperty("http://www.w3.org/ns/dcat#distribution")).toList()).hasSize(3);
        assertThat(parse(http.get("/dataset/aed.jsonld"), Lang.JSONLD).isIsomorphicWith(one)).isTrue();
        assertThat(http.get("/dataset/aed").headers().firstValue("Location")).hasValue("/opendata/datasets/aed");
    }

    private static Model withoutPaging(Model m) {
        Model copy = ModelFactory.createDefaultModel().add(m);
        for (var s : m.listSubjectsWithProperty(RDF.type, m.createResource("http://www.w3.org/ns/hydra/core#PagedCollection")).toList()) {
            copy.removeAll(s, null, null);
        }
        return copy;
    }

    private static Model parse(HttpResponse<byte[]> r, Lang lang) {
        assertThat(r.statusCode()).isEqualTo(200);
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(new String(r.body(), StandardCharsets.UTF_8), lang).parse(m);
        return m;
    }
}
