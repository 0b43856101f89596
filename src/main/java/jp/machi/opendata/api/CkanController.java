package jp.machi.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.internal.Catalog;
import jp.machi.opendata.internal.CatalogDataset;
import jp.machi.opendata.internal.CatalogService;
import jp.machi.opendata.internal.Licence;
import jp.machi.opendata.internal.Search;
import jp.machi.ward.WardProfile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CKAN Action API (read actions) under /api/3/action/ and /api/action/: CKAN's envelope, error objects, status
 * codes and field names, GET with query parameters or POST with a JSON object (or a form). See
 * docs/modules/opendata.md for what is and is not CKAN-compatible.
 */
@RestController
class CkanController {

    static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** CKAN's write actions: answered with CKAN's Authorization Error, because this catalog is read-only. */
    private static final Set<String> WRITE_ACTIONS = Set.of("package_create", "package_update", "package_patch",
        "package_delete", "package_revise", "resource_create", "resource_update", "resource_patch", "resource_delete",
        "organization_create", "organization_update", "organization_patch", "organization_delete", "group_create",
        "group_update", "group_patch", "group_delete", "tag_create", "tag_delete", "vocabulary_create", "user_create",
        "user_update", "member_create", "package_owner_org_update", "datastore_create", "datastore_delete");
    private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "fq", "fq_list", "sort", "rows", "start", "facet",
        "facet.field", "facet.limit", "facet.mincount", "include_private", "include_drafts", "include_deleted",
        "use_default_schema", "qf", "wt", "bf", "boost", "tie", "defType", "mm", "fl", "df", "q.op", "callback", "_",
        "include_plugin_data", "lang");
    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("status_show", "Return a dictionary with information about the site's configuration.");
        HELP.put("package_list", "Return a list of the names of the site's datasets. :param limit: :param offset:");
        HELP.put("current_package_list_with_resources", "Return a list of the site's datasets and their resources, "
            + "most recently modified first. :param limit: :param offset:");
        HELP.put("package_show", "Return the metadata of a dataset and its resources. :param id: the id or name");
        HELP.put("package_search", "Search for datasets. :param q: :param fq: :param sort: :param rows: (at most 1000) "
            + ":param start: :param facet.field: a JSON list of fields :param facet.limit: :param facet.mincount:");
        HELP.put("resource_show", "Return the metadata of a resource. :param id: the resource id");
        HELP.put("organization_list", "Return a list of the names of the organizations (departments). :param all_fields: "
            + ":param sort: :param limit: :param offset: :param organizations:");
        HELP.put("organization_show", "Return the details of an organization. :param id: :param include_datasets:");
        HELP.put("group_list", "Return a list of the names of the groups (the 17 categories). :param all_fields: "
            + ":param sort: :param limit: :param offset: :param groups:");
        HELP.put("group_show", "Return the details of a group. :param id: :param include_datasets:");
        HELP.put("tag_list", "Return a list of the site's tags. :param query: :param all_fields:");
        HELP.put("license_list", "Return the list of licenses available for datasets on the site.");
        HELP.put("format_autocomplete", "Return a list of resource formats containing a string. :param q: :param limit:");
        HELP.put("help_show", "Return the help string for a particular API action. :param name:");
    }

    private final CatalogService catalogs;
    private final CkanDicts dicts;
    private final WardProfile ward;
    private final ResponseCache answers = new ResponseCache();

    CkanController(CatalogService catalogs, CkanDicts dicts, WardProfile ward) {
        this.catalogs = catalogs;
        this.dicts = dicts;
        this.ward = ward;
    }

    @GetMapping({"/api/3", "/api/3/"})
    ResponseEntity<String> version() {
        return ResponseEntity.ok().contentType(JSON).body("{\"version\": 3}");
    }

    @RequestMapping(value = {"/api/3/action/{action}", "/api/action/{action}"},
        method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.HEAD})
    ResponseEntity<String> action(@PathVariable String action, HttpServletRequest request) {
        String help = dicts.site() + "/api/3/action/help_show?name=" + action;
        if (WRITE_ACTIONS.contains(action)) {
            if (!"POST".equals(request.getMethod())) {
                return bad("Bad request: JSON Error: Invalid request. Please use POST method for your request");
            }
            return error(help, CkanError.authorization("this catalog is read-only: Machi publishes its data from the "
                + "ward's systems and has no write actions"));
        }
        if (!HELP.containsKey(action)) {
            return bad("Bad request: Action name not known: " + action);
        }
        CkanParams params;
        try {
            params = params(request);
        } catch (JacksonException | IllegalArgumentException e) {
            return bad("Bad request: JSON Error: " + (e.getMessage() == null ? "could not read the body"
                : e.getMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            return bad("Bad request: could not read the request");
        }
        try {
            Catalog catalog = catalogs.current();
            String answer = answers.get(ResponseCache.key(action, params.values()), catalog, () -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("help", help);
                body.put("success", true);
                body.put("result", run(action, params, catalog));
                return MAPPER.writeValueAsString(body);
            });
            return ResponseEntity.ok().contentType(JSON).body(answer);
        } catch (CkanError e) {
            return error(help, e);
        } catch (Search.QueryError e) {
            return error(help, CkanError.searchQuery(e.getMessage()));
        }
    }

    private static ResponseEntity<String> error(String help, CkanError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("help", help);
        body.put("success", false);
        body.put("error", e.error);
        return ResponseEntity.status(e.status).contentType(JSON).body(MAPPER.writeValueAsString(body));
    }

    /** CKAN's answer outside the envelope: a bare JSON string. */
    private static ResponseEntity<String> bad(String message) {
        return ResponseEntity.status(400).contentType(JSON).body(MAPPER.writeValueAsString(message));
    }

    private static CkanParams params(HttpServletRequest request) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> values.put(k, v.length == 1 ? v[0] : List.of(v)));
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if ("POST".equals(request.getMethod()) && !type.startsWith("application/x-www-form-urlencoded")
            && !type.startsWith("multipart/")) {
            byte[] body = request.getInputStream().readNBytes(1_000_001);
            if (body.length > 1_000_000) {
                throw new IllegalArgumentException("the body is larger than 1 MB");
            }
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                JsonNode node = MAPPER.readTree(text);
                if (!node.isObject()) {
                    throw new IllegalArgumentException("Request data JSON decoded to " + node.getNodeType()
                        + " but it needs to be a dictionary.");
                }
                for (var e : node.properties()) {
                    values.put(e.getKey(), plain(e.getValue()));
                }
            }
        }
        return new CkanParams(values);
    }

    private static Object plain(JsonNode n) {
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            return n.toString();
        }
        return n.asString();
    }

    private Object run(String action, CkanParams p, Catalog catalog) {
        return switch (action) {
            case "status_show" -> status();
            case "package_list" -> page(catalog.datasets().stream().map(CatalogDataset::name).toList(),
                p.natural("offset", 0), p.has("limit") ? p.natural("limit", 0) : Integer.MAX_VALUE);
            case "current_package_list_with_resources" -> page(catalog.datasets().stream()
                    .sorted(Comparator.comparing(CatalogDataset::updated).reversed()).toList(),
                p.natural("offset", 0), p.natural("limit", 10)).stream().map(d -> dicts.dataset(d, catalog)).toList();
            case "package_show" -> {
                String id = p.has("id") ? p.string("id").strip() : p.required("name_or_id", "name_or_id");
                yield dicts.dataset(catalog.find(id).orElseThrow(() -> CkanError.notFound("Dataset not found")), catalog);
            }
            case "package_search" -> search(catalog, p);
            case "resource_show" -> dicts.resource(catalog.resource(p.required("id", "id"))
                .orElseThrow(() -> CkanError.notFound("Resource was not found.")));
            case "organization_list" -> organizations(catalog, p);
            case "organization_show" -> {
                String id = p.required("id", "id");
                WardProfile.Department d = ward.departments().stream()
                    .filter(x -> x.code().equals(id) || CkanDicts.organizationId(x.code()).toString().equals(id))
                    .findFirst().orElseThrow(() -> CkanError.notFound("Organization was not found."));
                yield dicts.organization(d, count(catalog, d), catalog, p.bool("include_datasets", false));
            }
            case "group_list" -> groups(catalog, p);
            case "group_show" -> {
                String id = p.required("id", "id");
                DataCategory c = java.util.Arrays.stream(DataCategory.values())
                    .filter(x -> x.slug().equals(id) || CkanDicts.groupId(x).toString().equals(id))
                    .findFirst().orElseThrow(() -> CkanError.notFound("Group was not found."));
                yield dicts.group(c, count(catalog, c), catalog, p.bool("include_datasets", false));
            }
            case "tag_list" -> {
                String query = p.string("query");
                List<String> tags = catalog.tagCounts().keySet().stream()
                    .filter(t -> query == null || query.isBlank() || CatalogService.fold(t).contains(CatalogService.fold(query)))
                    .toList();
                yield p.bool("all_fields", false) ? tags.stream().map(CkanDicts::tag).toList() : tags;
            }
            case "license_list" -> java.util.Arrays.stream(Licence.values()).map(CkanDicts::licence).toList();
            case "format_autocomplete" -> {
                String q = p.string("q") == null ? "" : p.string("q").toLowerCase(Locale.ROOT);
                Set<String> formats = new TreeSet<>();
                catalog.datasets().forEach(d -> d.resources("").forEach(r -> formats.add(r.format().label())));
                yield formats.stream().filter(f -> f.toLowerCase(Locale.ROOT).contains(q)).limit(p.natural("limit", 5))
                    .toList();
            }
            case "help_show" -> {
                String name = p.required("name", "name");
                String text = HELP.get(name);
                if (text == null) {
                    throw CkanError.notFound("Action function not found");
                }
                yield text;
            }
            default -> throw new IllegalStateException(action);
        };
    }

    private Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site_title", ward.name().ja() + " オープンデータ（Machi）");
        m.put("site_description", ward.name().ja() + "が公開するデータのカタログ");
        m.put("site_url", dicts.site());
        m.put("error_emails_to", null);
        m.put("locale_default", "ja");
        m.put("extensions", List.of("machi_opendata", "dcat"));
        m.put("ckan_version", "2.11.0");
        return m;
    }

    private static <T> List<T> page(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        return all.subList(from, (int) Math.min(all.size(), (long) from + limit));
    }

    private Map<String, Object> search(Catalog catalog, CkanParams p) {
        List<String> unknown = p.values().keySet().stream()
            .filter(k -> !SEARCH_PARAMETERS.contains(k) && !k.startsWith("ext_")).sorted().toList();
        if (!unknown.isEmpty()) {
            throw CkanError.searchQuery("Search Query is invalid: \"Invalid search parameters: " + unknown + "\"");
        }
        int rows = Math.min(p.natural("rows", 10), Search.MAX_ROWS);
        int start = p.natural("start", 0);
        List<String> facetFields = facetFields(p);
        int facetLimit;
        try {
            facetLimit = p.has("facet.limit") ? Integer.parseInt(p.string("facet.limit").strip()) : 50;
        } catch (NumberFormatException e) {
            throw CkanError.validation("facet.limit", "Invalid integer");
        }
        int minCount = p.natural("facet.mincount", 1);
        String fq = p.string("fq");
        Object fqList = p.values().get("fq_list");
        if (fqList instanceof List<?> l) {
            for (Object x : l) {
                fq = (fq == null || fq.isBlank() ? "" : "(" + fq + ") AND ") + "(" + x + ")";
            }
        } else if (fqList instanceof String s && !s.isBlank()) {
            fq = (fq == null || fq.isBlank() ? "" : "(" + fq + ") AND ") + "(" + s + ")";
        }
        String sort = p.string("sort");
        Search.Result r = Search.run(catalog, new Search.Query(p.string("q"), fq, Search.parseSort(sort), rows, start,
            facetFields, facetLimit, minCount));
        Map<String, Object> facets = new LinkedHashMap<>();
        Map<String, Object> searchFacets = new LinkedHashMap<>();
        r.facets().forEach((field, counts) -> {
            facets.put(field, counts);
            List<Map<String, Object>> items = new ArrayList<>();
            counts.forEach((name, n) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", name);
                item.put("display_name", displayName(field, name));
                item.put("count", n);
                items.add(item);
            });
            searchFacets.put(field, Map.of("title", field, "items", items));
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", r.count());
        m.put("sort", sort == null || sort.isBlank() ? Search.DEFAULT_SORT : sort);
        m.put("facets", facets);
        m.put("search_facets", searchFacets);
        m.put("results", r.results().stream().map(d -> dicts.datasetForResponse(d, catalog)).toList());
        return m;
    }

    private String displayName(String field, String name) {
        return switch (field) {
            case "organization" -> ward.department(name).map(d -> d.label(Locale.JAPANESE)).orElse(name);
            case "groups" -> DataCategory.bySlug(name).map(DataCategory::ja).orElse(name);
            case "license_id" -> Licence.byId(name).map(Licence::titleJa).orElse(name);
            default -> name;
        };
    }

    private static List<String> facetFields(CkanParams p) {
        Object v = p.values().get("facet.field");
        if (v == null) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        if (v instanceof List<?> l && !(l.size() == 1 && l.get(0) instanceof String s && s.strip().startsWith("["))) {
            l.forEach(x -> fields.add(String.valueOf(x)));
        } else {
            String text = v instanceof List<?> l ? String.valueOf(l.get(0)) : v.toString();
            try {
                JsonNode n = MAPPER.readTree(text);
                if (!n.isArray()) {
                    throw CkanError.validation("facet.field", "Not a list");
                }
                n.forEach(x -> fields.add(x.asString()));
            } catch (JacksonException e) {
                throw CkanError.validation("facet.field", "Could not parse as valid JSON");
            }
        }
        for (String f : fields) {
            if (!Search.FACET_FIELDS.contains(f)) {
                throw CkanError.searchQuery("Search Query is invalid: cannot facet on '" + f + "' (fields: "
                    + String.join(", ", Search.FACET_FIELDS) + ")");
            }
        }
        return fields;
    }

    private Object organizations(Catalog catalog, CkanParams p) {
        Set<String> only = names(p, "organizations");
        List<WardProfile.Department> all = ward.departments().stream()
            .filter(d -> only == null || only.contains(d.code())).toList();
        String sort = p.string("sort") == null ? "title asc" : p.string("sort");
        Comparator<WardProfile.Department> c = switch (sortField(sort)) {
            case "name" -> Comparator.comparing(WardProfile.Department::code);
            case "package_count" -> Comparator.comparingInt(d -> count(catalog, d));
            default -> Comparator.comparing(d -> d.label(Locale.JAPANESE));
        };
        if (sort.strip().toLowerCase(Locale.ROOT).endsWith("desc")) {
            c = c.reversed();
        }
        boolean allFields = p.bool("all_fields", false);
        List<WardProfile.Department> paged = page(all.stream().sorted(c).toList(), p.natural("offset", 0),
            p.natural("limit", allFields ? 25 : 1000));
        return allFields ? paged.stream().map(d -> dicts.organization(d, count(catalog, d), catalog, false)).toList()
            : paged.stream().map(WardProfile.Department::code).toList();
    }

    private Object groups(Catalog catalog, CkanParams p) {
        Set<String> only = names(p, "groups");
        List<DataCategory> all = java.util.Arrays.stream(DataCategory.values())
            .filter(c -> only == null || only.contains(c.slug())).toList();
        String sort = p.string("sort") == null ? "title asc" : p.string("sort");
        Comparator<DataCategory> c = switch (sortField(sort)) {
            case "name" -> Comparator.comparing(DataCategory::slug);
            case "package_count" -> Comparator.comparingInt(x -> count(catalog, x));
            default -> Comparator.comparing(DataCategory::ja);
        };
        if (sort.strip().toLowerCase(Locale.ROOT).endsWith("desc")) {
            c = c.reversed();
        }
        boolean allFields = p.bool("all_fields", false);
        List<DataCategory> paged = page(all.stream().sorted(c).toList(), p.natural("offset", 0),
            p.natural("limit", allFields ? 25 : 1000));
        return allFields ? paged.stream().map(x -> dicts.group(x, count(catalog, x), catalog, false)).toList()
            : paged.stream().map(DataCategory::slug).toList();
    }

    private static String sortField(String sort) {
        String f = sort.strip().split("\\s+")[0];
        if (!List.of("name", "title", "package_count").contains(f)) {
            throw CkanError.validation("sort", "Invalid sort field: " + f);
        }
        return f;
    }

    private static Set<String> names(CkanParams p, String key) {
        Object v = p.values().get(key);
        if (v == null) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else {
            String s = v.toString().strip();
            if (s.startsWith("[")) {
                try {
                    MAPPER.readTree(s).forEach(x -> out.add(x.asString()));
                } catch (JacksonException e) {
                    throw CkanError.validation(key, "Could not parse as valid JSON");
                }
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static int count(Catalog catalog, WardProfile.Department d) {
        return (int) catalog.datasets().stream().filter(x -> x.departmentCode().equals(d.code())).count();
    }

    private static int count(Catalog catalog, DataCategory c) {
        return (int) catalog.datasets().stream().filter(x -> x.category() == c).count();
    }
}
