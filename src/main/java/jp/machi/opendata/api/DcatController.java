package jp.machi.opendata.api;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import jp.machi.opendata.internal.Catalog;
import jp.machi.opendata.internal.CatalogDataset;
import jp.machi.opendata.internal.CatalogService;
import jp.machi.opendata.internal.FileService;
import jp.machi.opendata.internal.Licence;
import jp.machi.opendata.internal.Resource;
import jp.machi.ward.WardProfile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * DCAT-AP (3.0) in the ckanext-dcat URL scheme: the catalog at /catalog.ttl and /catalog.jsonld (100 datasets per
 * page, Hydra paging with {@code ?page=}), one dataset at /dataset/{name}.ttl and /dataset/{name}.jsonld.
 */
@RestController
class DcatController {

    static final int PER_PAGE = 100;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final CatalogService catalogs;
    private final FileService files;
    private final WardProfile ward;
    private final CkanDicts dicts;

    DcatController(CatalogService catalogs, FileService files, WardProfile ward, CkanDicts dicts) {
        this.catalogs = catalogs;
        this.files = files;
        this.ward = ward;
        this.dicts = dicts;
    }

    @GetMapping({"/catalog.ttl", "/catalog.jsonld"})
    ResponseEntity<String> catalog(@RequestParam(required = false) String page, jakarta.servlet.http.HttpServletRequest request) {
        boolean turtle = request.getRequestURI().endsWith(".ttl");
        Catalog catalog = catalogs.current();
        int pages = Math.max(1, (catalog.datasets().size() + PER_PAGE - 1) / PER_PAGE);
        int n;
        try {
            n = page == null || page.isBlank() ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > pages) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
                .body("400 Bad Request: page must be a number from 1 to " + pages + " / page は 1 から " + pages + " の数です\n");
        }
        String site = files.siteUrl();
        Rdf rdf = new Rdf();
        String catalogUri = site + "/catalog";
        Rdf.Blank c = rdf.subject(catalogUri);
        c.add("@type", new Rdf.Iri("dcat:Catalog"));
        c.add("dct:title", Rdf.text(ward.name().ja() + " オープンデータ", "ja"));
        c.add("dct:title", Rdf.text(ward.name().en() + " open data", "en"));
        c.add("dct:description", Rdf.text(ward.name().ja() + "が公開するデータのカタログ（Machi）", "ja"));
        c.add("dct:description", Rdf.text("The catalog of data published by " + ward.name().en() + " (Machi)", "en"));
        c.add("foaf:homepage", Rdf.iri(site + "/opendata"));
        c.add("dct:language", Rdf.iri("http://publications.europa.eu/resource/authority/language/JPN"));
        c.add("dct:publisher", wardAgent(rdf, site));
        List<CatalogDataset> slice = catalog.datasets().subList((n - 1) * PER_PAGE,
            Math.min(catalog.datasets().size(), n * PER_PAGE));
        for (CatalogDataset d : slice) {
            c.add("dcat:dataset", Rdf.iri(datasetUri(site, d)));
            dataset(rdf, catalog, d, site);
        }
        String ext = turtle ? "ttl" : "jsonld";
        String self = site + "/catalog." + ext;
        Rdf.Blank paging = rdf.subject(self + "?page=" + n);
        paging.add("@type", new Rdf.Iri("hydra:PagedCollection"));
        paging.add("hydra:totalItems", Rdf.typed(Integer.toString(catalog.datasets().size()), "xsd:integer"));
        paging.add("hydra:itemsPerPage", Rdf.typed(Integer.toString(PER_PAGE), "xsd:integer"));
        paging.add("hydra:firstPage", Rdf.typed(self + "?page=1", null));
        paging.add("hydra:lastPage", Rdf.typed(self + "?page=" + pages, null));
        if (n > 1) {
            paging.add("hydra:previousPage", Rdf.typed(self + "?page=" + (n - 1), null));
        }
        if (n < pages) {
            paging.add("hydra:nextPage", Rdf.typed(self + "?page=" + (n + 1), null));
        }
        return answer(rdf, turtle);
    }

    @GetMapping({"/dataset/{name}.ttl", "/dataset/{name}.jsonld"})
    ResponseEntity<String> dataset(@PathVariable String name, jakarta.servlet.http.HttpServletRequest request) {
        boolean turtle = request.getRequestURI().endsWith(".ttl");
        Catalog catalog = catalogs.current();
        CatalogDataset d = catalog.find(name).orElse(null);
        if (d == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
                .body("404 Not Found: no such dataset / データセットが見つかりません\n");
        }
        Rdf rdf = new Rdf();
        dataset(rdf, catalog, d, files.siteUrl());
        return answer(rdf, turtle);
    }

    /** CKAN's dataset page address: sends people to the dataset's page here. */
    @GetMapping("/dataset/{name}")
    ResponseEntity<Void> page(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
            .header("Location", "/opendata/datasets/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).build();
    }

    private static ResponseEntity<String> answer(Rdf rdf, boolean turtle) {
        return ResponseEntity.ok()
            .contentType(turtle ? MediaType.parseMediaType("text/turtle;charset=UTF-8")
                : MediaType.parseMediaType("application/ld+json;charset=UTF-8"))
            .body(turtle ? rdf.turtle() : rdf.jsonLd());
    }

    static String datasetUri(String site, CatalogDataset d) {
        return site + "/dataset/" + d.name();
    }

    private Rdf.Iri wardAgent(Rdf rdf, String site) {
        String uri = site + "/catalog#publisher";
        Rdf.Blank a = rdf.subject(uri);
        if (a.properties.isEmpty()) {
            a.add("@type", new Rdf.Iri("foaf:Agent"));
            a.add("@type", new Rdf.Iri("foaf:Organization"));
            a.add("foaf:name", Rdf.text(ward.name().ja(), "ja"));
            a.add("foaf:name", Rdf.text(ward.name().en(), "en"));
            a.add("dct:identifier", Rdf.text(ward.code(), null));
            a.add("dct:type", Rdf.iri("http://purl.org/adms/publishertype/LocalAuthority"));
        }
        return new Rdf.Iri(uri);
    }

    private void dataset(Rdf rdf, Catalog catalog, CatalogDataset d, String site) {
        String uri = datasetUri(site, d);
        Rdf.Blank x = rdf.subject(uri);
        x.add("@type", new Rdf.Iri("dcat:Dataset"));
        x.add("dct:identifier", Rdf.text(d.id().toString(), null));
        x.add("dct:title", Rdf.text(d.title().ja(), "ja"));
        x.add("dct:title", Rdf.text(d.title().en(), "en"));
        x.add("dct:description", Rdf.text(d.description().ja(), "ja"));
        x.add("dct:description", Rdf.text(d.description().en(), "en"));
        d.tags().forEach(t -> x.add("dcat:keyword", Rdf.text(t, "ja")));
        x.add("dcat:theme", new Rdf.Blank().add("@type", new Rdf.Iri("skos:Concept"))
            .add("skos:prefLabel", Rdf.text(d.category().ja(), "ja")).add("skos:prefLabel", Rdf.text(d.category().en(), "en")));
        x.add("dct:issued", Rdf.typed(DATE_TIME.format(d.created().atOffset(ZoneOffset.UTC)), "xsd:dateTime"));
        x.add("dct:modified", Rdf.typed(DATE_TIME.format(d.updated().atOffset(ZoneOffset.UTC)), "xsd:dateTime"));
        if (d.latest() != null) {
            x.add("owl:versionInfo", Rdf.text(Integer.toString(d.latest().version()), null));
        }
        x.add("dcat:landingPage", Rdf.iri(site + "/opendata/datasets/" + d.name()));
        x.add("dct:accrualPeriodicity", Rdf.iri(d.frequency().uri()));
        x.add("dct:language", Rdf.iri("http://publications.europa.eu/resource/authority/language/JPN"));
        x.add("dct:spatial", new Rdf.Blank().add("@type", new Rdf.Iri("dct:Location"))
            .add("skos:prefLabel", Rdf.text(d.spatial().isBlank() ? ward.name().ja() : d.spatial(), "ja")));
        if (d.temporalStart() != null || d.temporalEnd() != null) {
            Rdf.Blank t = new Rdf.Blank().add("@type", new Rdf.Iri("dct:PeriodOfTime"));
            if (d.temporalStart() != null) {
                t.add("dcat:startDate", Rdf.typed(d.temporalStart().toString(), "xsd:date"));
            }
            if (d.temporalEnd() != null) {
                t.add("dcat:endDate", Rdf.typed(d.temporalEnd().toString(), "xsd:date"));
            }
            x.add("dct:temporal", t);
        }
        x.add("dct:publisher", wardAgent(rdf, site));
        WardProfile.Department dept = ward.department(d.departmentCode()).orElse(null);
        Rdf.Blank contact = new Rdf.Blank().add("@type", new Rdf.Iri("vcard:Organization"))
            .add("vcard:fn", Rdf.text(dept == null ? d.departmentCode() : dept.label(Locale.JAPANESE), "ja"));
        if (!d.contactEmail().isBlank()) {
            contact.add("vcard:hasEmail", Rdf.iri("mailto:" + d.contactEmail()));
        }
        x.add("dcat:contactPoint", contact);
        Rdf.Value licence = d.licence() == Licence.OTHER_ATTRIBUTION ? null : Rdf.iri(d.licence().url());
        Rdf.Blank rights = new Rdf.Blank().add("@type", new Rdf.Iri("dct:RightsStatement"))
            .add("rdfs:label", Rdf.text(dicts.attribution(d), "ja"));
        for (Resource r : d.resources(catalog.wardCode())) {
            String dist = site + "/dataset/" + d.name() + "/resource/" + r.id();
            x.add("dcat:distribution", Rdf.iri(dist));
            Rdf.Blank y = rdf.subject(dist);
            y.add("@type", new Rdf.Iri("dcat:Distribution"));
            y.add("dct:identifier", Rdf.text(r.id().toString(), null));
            y.add("dct:title", Rdf.text(r.fileName(), null));
            y.add("dcat:accessURL", Rdf.iri(site + r.path()));
            y.add("dcat:downloadURL", Rdf.iri(site + r.path()));
            y.add("dct:format", Rdf.iri("http://publications.europa.eu/resource/authority/file-type/"
                + (r.format() == Resource.Format.GEOJSON ? "GEOJSON" : r.format().label())));
            y.add("dcat:mediaType", Rdf.iri("https://www.iana.org/assignments/media-types/" + r.format().mediaType()));
            y.add("dct:modified", Rdf.typed(DATE_TIME.format(files.dataModified(d).atOffset(ZoneOffset.UTC)), "xsd:dateTime"));
            if (licence != null) {
                y.add("dct:license", licence);
            }
            y.add("dct:rights", rights);
        }
        if (licence != null) {
            x.add("dct:license", licence);
        }
    }
}
