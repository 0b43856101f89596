package jp.machi.opendata.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.Identifier;
import jp.machi.opendata.internal.Catalog;
import jp.machi.opendata.internal.CatalogDataset;
import jp.machi.opendata.internal.CatalogService;
import jp.machi.opendata.internal.FileService;
import jp.machi.opendata.internal.Licence;
import jp.machi.opendata.internal.Resource;
import jp.machi.opendata.internal.Search;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/** The catalog for people: /opendata (browse and search) and a page per dataset. */
@Controller
class CatalogPageController {

    static final int PER_PAGE = 20;
    static final int PREVIEW_ROWS = 20;
    static final int MAP_POINTS = 500;

    private final CatalogService catalogs;
    private final FileService files;
    private final WardProfile ward;
    private final MessageSource messages;
    private final String tileUrl;

    CatalogPageController(CatalogService catalogs, FileService files, WardProfile ward, MessageSource messages,
                          @org.springframework.beans.factory.annotation.Value("${machi.facility.tile-url}") String tileUrl) {
        this.catalogs = catalogs;
        this.files = files;
        this.ward = ward;
        this.messages = messages;
        this.tileUrl = tileUrl;
    }

    /** One dataset in the list. */
    record Card(CatalogDataset dataset, String title, String description, List<String> formats, int stars,
                String publisher) {}

    @GetMapping("/opendata")
    String catalog(@RequestParam(required = false) String q, @RequestParam(required = false) String group,
                   @RequestParam(required = false) String organization, @RequestParam(required = false) String tag,
                   @RequestParam(required = false) String format, @RequestParam(required = false) String licence,
                   @RequestParam(required = false) String sort, @RequestParam(required = false) String page,
                   Model model, Locale locale, HttpServletResponse response) {
        Catalog catalog = catalogs.current();
        List<String> errors = new ArrayList<>();
        String query = q == null ? "" : q.strip();
        if (query.length() > Search.MAX_QUERY_LENGTH) {
            errors.add(messages.getMessage("opendata.search.error.long", new Object[] {Search.MAX_QUERY_LENGTH}, locale));
        }
        int pageNo = 1;
        if (page != null && !page.isBlank()) {
            try {
                pageNo = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                pageNo = 0;
            }
            if (pageNo < 1 || pageNo > 10_000) {
                errors.add(messages.getMessage("opendata.search.error.page", null, locale));
                pageNo = 1;
            }
        }
        String sortKey = sort == null || sort.isBlank() ? "relevance" : sort;
        String sortExpr = switch (sortKey) {
            case "relevance" -> Search.DEFAULT_SORT;
            case "name" -> "title_string asc";
            case "modified" -> "metadata_modified desc";
            default -> {
                errors.add(messages.getMessage("opendata.search.error.sort", null, locale));
                sortKey = "relevance";
                yield Search.DEFAULT_SORT;
            }
        };
        List<String> fq = new ArrayList<>();
        filter(fq, "groups", group);
        filter(fq, "organization", organization);
        filter(fq, "tags", tag);
        filter(fq, "res_format", format);
        filter(fq, "license_id", licence);
        Search.Result result;
        if (errors.isEmpty()) {
            try {
                // the words of q are plain words here: quote each so that a colon or a bracket is never syntax
                String words = String.join(" ", java.util.Arrays.stream(query.split("\\s+")).filter(w -> !w.isEmpty())
                    .map(w -> "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList());
                result = Search.run(catalog, new Search.Query(words, String.join(" AND ", fq), Search.parseSort(sortExpr),
                    PER_PAGE, (pageNo - 1) * PER_PAGE, Search.FACET_FIELDS, -1, 1));
            } catch (Search.QueryError e) {
                errors.add(messages.getMessage("opendata.search.error.query", null, locale));
                result = null;
            }
        } else {
            result = null;
        }
        if (result == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            result = new Search.Result(0, List.of(), Map.of());
        }
        List<Card> cards = result.results().stream().map(d -> card(catalog, d, locale)).toList();
        int pages = Math.max(1, (result.count() + PER_PAGE - 1) / PER_PAGE);
        model.addAttribute("errors", errors);
        model.addAttribute("q", query.length() > Search.MAX_QUERY_LENGTH ? query.substring(0, Search.MAX_QUERY_LENGTH) : query);
        model.addAttribute("cards", cards);
        model.addAttribute("total", result.count());
        model.addAttribute("page", pageNo);
        model.addAttribute("pages", pages);
        model.addAttribute("sort", sortKey);
        model.addAttribute("groupOptions", options(result.facets().get("groups"), DataCategory.values().length, v ->
            DataCategory.bySlug(v).map(c -> c.label(locale)).orElse(v)));
        model.addAttribute("organizationOptions", options(result.facets().get("organization"), 100, v ->
            ward.department(v).map(d -> d.label(locale)).orElse(v)));
        model.addAttribute("tagOptions", options(result.facets().get("tags"), 200, v -> v));
        model.addAttribute("formatOptions", options(result.facets().get("res_format"), 10, v -> v));
        model.addAttribute("licenceOptions", options(result.facets().get("license_id"), 10, v ->
            Licence.byId(v).map(l -> l.title(locale)).orElse(v)));
        model.addAttribute("selected", Map.of("group", nz(group), "organization", nz(organization), "tag", nz(tag),
            "format", nz(format), "licence", nz(licence)));
        UriComponentsBuilder base = UriComponentsBuilder.fromPath("/opendata");
        param(base, "q", query);
        param(base, "group", group);
        param(base, "organization", organization);
        param(base, "tag", tag);
        param(base, "format", format);
        param(base, "licence", licence);
        param(base, "sort", sort);
        model.addAttribute("prevUrl", pageNo > 1 ? base.cloneBuilder().queryParam("page", pageNo - 1).build().encode().toUriString() : null);
        model.addAttribute("nextUrl", pageNo < pages ? base.cloneBuilder().queryParam("page", pageNo + 1).build().encode().toUriString() : null);
        model.addAttribute("ward", ward);
        model.addAttribute("siteUrl", files.siteUrl());
        return "opendata/catalog";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void param(UriComponentsBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) {
            b.queryParam(name, value.strip());
        }
    }

    private static void filter(List<String> fq, String field, String value) {
        if (value != null && !value.isBlank()) {
            fq.add(field + ":\"" + value.strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }

    private static List<Option> options(Map<String, Integer> counts, int max, java.util.function.Function<String, String> label) {
        List<Option> out = new ArrayList<>();
        if (counts == null) {
            return out;
        }
        counts.entrySet().stream().limit(max)
            .forEach(e -> out.add(new Option(e.getKey(), label.apply(e.getKey()) + " (" + e.getValue() + ")")));
        out.sort(java.util.Comparator.comparing(Option::label));
        return out;
    }

    private Card card(Catalog catalog, CatalogDataset d, Locale locale) {
        String description = d.description(locale);
        if (description.length() > 160) {
            description = description.substring(0, 158) + "…";
        }
        return new Card(d, d.title(locale), description,
            d.resources(catalog.wardCode()).stream().map(r -> r.format().label()).toList(), catalog.stars(d),
            ward.department(d.departmentCode()).map(x -> x.label(locale)).orElse(d.departmentCode()));
    }

    /** A linked identifier on the dataset page: the column, what it is, and the other datasets that share it. */
    record Link(String column, Identifier identifier, List<CatalogDataset> others) {}

    @GetMapping("/opendata/datasets/{name}")
    String dataset(@PathVariable String name, Model model, Locale locale) {
        Catalog catalog = catalogs.current();
        CatalogDataset d = catalog.find(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<List<String>> preview = new ArrayList<>();
        String previewProblem = null;
        try {
            files.rows(d, PREVIEW_ROWS, cells -> preview.add(cells.stream().map(c -> c == null ? "" : c).toList()));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CatalogPageController.class).warn("open data: preview of {} failed", name, e);
            previewProblem = messages.getMessage("opendata.dataset.preview.failed", null, locale);
        }
        Map<Identifier, List<CatalogDataset>> linked = catalog.linked(d);
        List<Link> links = new ArrayList<>();
        Map<Identifier, String> columnOf = new LinkedHashMap<>();
        d.columns().forEach(c -> {
            if (c.identifier() != null) {
                columnOf.putIfAbsent(c.identifier(), c.header());
            }
        });
        linked.forEach((id, others) -> links.add(new Link(columnOf.get(id), id, others)));
        List<Resource> resources = d.resources(catalog.wardCode());
        model.addAttribute("d", d);
        model.addAttribute("title", d.title(locale));
        model.addAttribute("description", d.description(locale));
        model.addAttribute("publisher", ward.department(d.departmentCode()).map(x -> x.label(locale)).orElse(d.departmentCode()));
        model.addAttribute("stars", catalog.stars(d));
        model.addAttribute("resources", resources);
        model.addAttribute("columns", d.columns());
        model.addAttribute("preview", preview);
        model.addAttribute("previewProblem", previewProblem);
        model.addAttribute("links", links);
        model.addAttribute("attribution", attribution(d, locale));
        model.addAttribute("modified", files.dataModified(d));
        model.addAttribute("layoutTitle", d.layoutCode() == null ? null
            : jp.machi.opendata.internal.Layout.byCode(d.layoutCode()).map(l -> l.title().in(locale)).orElse(null));
        model.addAttribute("tileUrl", tileUrl);
        model.addAttribute("ward", ward);
        model.addAttribute("siteUrl", files.siteUrl());
        return "opendata/dataset";
    }

    /** The text a user of the data must show (PDL1.0 and CC BY ask for the source and the licence). */
    String attribution(CatalogDataset d, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        String text = en
            ? "Source: " + ward.name().en() + ", \"" + d.title().in(locale) + "\" (" + d.licence().titleEn()
                + (d.licence().url() == null ? "" : ", " + d.licence().url()) + ")"
            : "出典：" + ward.name().ja() + "「" + d.title().ja() + "」（" + d.licence().titleJa()
                + (d.licence().url() == null ? "" : "、" + d.licence().url()) + "）";
        String extra = d.attribution().in(locale);
        return extra == null || extra.isBlank() ? text : text + (en ? ". " : "。") + extra;
    }

    /** The first points of a geographic dataset, for the map on its page. */
    @GetMapping("/opendata/datasets/{name}/preview.geojson")
    void previewGeoJson(@PathVariable String name, HttpServletResponse response) throws IOException {
        CatalogDataset d = catalogs.current().find(name).filter(CatalogDataset::geographic)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.setContentType("application/geo+json;charset=UTF-8");
        files.previewGeoJson(d, MAP_POINTS, response.getOutputStream());
    }
}
