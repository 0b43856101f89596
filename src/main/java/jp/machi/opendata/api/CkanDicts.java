package jp.machi.opendata.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.internal.Catalog;
import jp.machi.opendata.internal.CatalogDataset;
import jp.machi.opendata.internal.FileService;
import jp.machi.opendata.internal.Licence;
import jp.machi.opendata.internal.Resource;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Component;

/** Catalog entries as CKAN's dictionaries: the field names, nulls and timestamp format CKAN's clients expect. */
@Component
class CkanDicts {

    /** CKAN's timestamps: UTC without an offset, with microseconds (Jackan parses exactly this). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final WardProfile ward;
    private final FileService files;

    CkanDicts(WardProfile ward, FileService files) {
        this.ward = ward;
        this.files = files;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    /** The JSON of the uploaded datasets' dictionaries, for the catalog snapshot they were made from. */
    private volatile SnapshotJson snapshotJson = new SnapshotJson(null, new java.util.concurrent.ConcurrentHashMap<>());

    private record SnapshotJson(Catalog catalog, java.util.concurrent.ConcurrentHashMap<UUID, String> json) {}

    /**
     * A dataset's dictionary ready to be written in a response. An uploaded dataset's dictionary depends on the
     * catalog snapshot only, so its JSON is made once per snapshot (a changed catalog is a new snapshot: never stale);
     * a live one's carries the module's data time, read now.
     */
    Object datasetForResponse(CatalogDataset d, Catalog catalog) {
        if (d.kind() != CatalogDataset.Kind.UPLOADED) {
            return dataset(d, catalog);
        }
        SnapshotJson s = snapshotJson;
        if (s.catalog() != catalog) {
            s = new SnapshotJson(catalog, new java.util.concurrent.ConcurrentHashMap<>());
            snapshotJson = s;
        }
        return new tools.jackson.databind.util.RawValue(s.json().computeIfAbsent(d.id(),
            k -> JSON.writeValueAsString(dataset(d, catalog))));
    }

    static String timestamp(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(TIMESTAMP);
    }

    String site() {
        return files.siteUrl();
    }

    static UUID organizationId(String departmentCode) {
        return UUID.nameUUIDFromBytes(("machi:organization:" + departmentCode).getBytes(StandardCharsets.UTF_8));
    }

    static UUID groupId(DataCategory c) {
        return UUID.nameUUIDFromBytes(("machi:group:" + c.slug()).getBytes(StandardCharsets.UTF_8));
    }

    static UUID tagId(String tag) {
        return UUID.nameUUIDFromBytes(("machi:tag:" + tag).getBytes(StandardCharsets.UTF_8));
    }

    Map<String, Object> organization(WardProfile.Department d, int count, Catalog catalog, boolean withDatasets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", organizationId(d.code()).toString());
        m.put("name", d.code());
        m.put("title", d.label(Locale.JAPANESE));
        m.put("display_name", d.label(Locale.JAPANESE));
        m.put("description", d.label(Locale.ENGLISH));
        m.put("image_url", "");
        m.put("image_display_url", "");
        m.put("created", timestamp(Instant.EPOCH));
        m.put("is_organization", true);
        m.put("approval_status", "approved");
        m.put("state", "active");
        m.put("type", "organization");
        m.put("package_count", count);
        m.put("num_followers", 0);
        if (withDatasets) {
            m.put("packages", catalog.datasets().stream().filter(x -> x.departmentCode().equals(d.code())).limit(10)
                .map(x -> dataset(x, catalog)).toList());
        }
        return m;
    }

    Map<String, Object> group(DataCategory c, int count, Catalog catalog, boolean withDatasets) {
        Map<String, Object> m = groupRef(c);
        m.put("image_url", "");
        m.put("created", timestamp(Instant.EPOCH));
        m.put("is_organization", false);
        m.put("approval_status", "approved");
        m.put("state", "active");
        m.put("type", "group");
        m.put("package_count", count);
        m.put("num_followers", 0);
        if (withDatasets) {
            m.put("packages", catalog.datasets().stream().filter(x -> x.category() == c).limit(1000)
                .map(x -> dataset(x, catalog)).toList());
        }
        return m;
    }

    private Map<String, Object> groupRef(DataCategory c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", groupId(c).toString());
        m.put("name", c.slug());
        m.put("title", c.ja());
        m.put("display_name", c.ja());
        m.put("description", c.en());
        m.put("image_display_url", "");
        return m;
    }

    static Map<String, Object> tag(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", tagId(name).toString());
        m.put("name", name);
        m.put("display_name", name);
        m.put("state", "active");
        m.put("vocabulary_id", null);
        return m;
    }

    static Map<String, Object> licence(Licence l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("title", l.titleJa());
        m.put("url", l.url() == null ? "" : l.url());
        m.put("status", "active");
        m.put("maintainer", "");
        m.put("family", "");
        m.put("domain_content", true);
        m.put("domain_data", true);
        m.put("domain_software", false);
        m.put("od_conformance", l == Licence.OTHER_ATTRIBUTION ? "not reviewed" : "approved");
        m.put("osd_conformance", "not reviewed");
        m.put("is_generic", l == Licence.OTHER_ATTRIBUTION);
        m.put("is_okd_compliant", l != Licence.OTHER_ATTRIBUTION);
        m.put("is_osi_compliant", false);
        return m;
    }

    Map<String, Object> dataset(CatalogDataset d, Catalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>();
        WardProfile.Department dept = ward.department(d.departmentCode()).orElse(null);
        String deptLabel = dept == null ? d.departmentCode() : dept.label(Locale.JAPANESE);
        m.put("id", d.id().toString());
        m.put("name", d.name());
        m.put("title", d.title().ja());
        m.put("type", "dataset");
        m.put("state", "active");
        m.put("private", false);
        m.put("owner_org", organizationId(d.departmentCode()).toString());
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", organizationId(d.departmentCode()).toString());
        org.put("name", d.departmentCode());
        org.put("title", deptLabel);
        org.put("type", "organization");
        org.put("description", dept == null ? "" : dept.label(Locale.ENGLISH));
        org.put("image_url", "");
        org.put("created", timestamp(Instant.EPOCH));
        org.put("is_organization", true);
        org.put("approval_status", "approved");
        org.put("state", "active");
        m.put("organization", org);
        m.put("author", ward.name().ja() + " " + deptLabel);
        m.put("author_email", d.contactEmail().isEmpty() ? null : d.contactEmail());
        m.put("maintainer", deptLabel);
        m.put("maintainer_email", d.contactEmail().isEmpty() ? null : d.contactEmail());
        m.put("license_id", d.licence().id());
        m.put("license_title", d.licence().titleJa());
        m.put("license_url", d.licence().url());
        m.put("isopen", d.licence() != Licence.OTHER_ATTRIBUTION);
        m.put("notes", d.description().ja());
        m.put("url", site() + "/opendata/datasets/" + d.name());
        m.put("version", d.latest() == null ? null : Integer.toString(d.latest().version()));
        m.put("metadata_created", timestamp(d.created()));
        m.put("metadata_modified", timestamp(d.updated()));
        m.put("creator_user_id", null);
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Resource r : d.resources(catalog.wardCode())) {
            resources.add(resource(r));
        }
        m.put("num_resources", resources.size());
        m.put("num_tags", d.tags().size());
        m.put("tags", d.tags().stream().map(CkanDicts::tag).toList());
        m.put("groups", List.of(groupRef(d.category())));
        List<Map<String, Object>> extras = new ArrayList<>();
        extra(extras, "title_en", d.title().en());
        extra(extras, "notes_en", d.description().en());
        extra(extras, "ods_number", d.standardNumber());
        extra(extras, "local_government_code", catalog.wardCode());
        extra(extras, "update_frequency", d.frequency().name().toLowerCase(Locale.ROOT));
        extra(extras, "spatial_text", d.spatial());
        extra(extras, "temporal_start", d.temporalStart() == null ? null : d.temporalStart().toString());
        extra(extras, "temporal_end", d.temporalEnd() == null ? null : d.temporalEnd().toString());
        extra(extras, "attribution", attribution(d));
        extra(extras, "five_star", Integer.toString(catalog.stars(d)));
        extra(extras, "identifiers", String.join(",", d.columns().stream().filter(c -> c.identifier() != null)
            .map(c -> c.header() + ":" + c.identifier().name()).toList()));
        extra(extras, "generated_demo_data", d.generated() ? "true" : null);
        m.put("extras", extras);
        m.put("relationships_as_object", List.of());
        m.put("relationships_as_subject", List.of());
        m.put("resources", resources);
        return m;
    }

    /** The attribution a user of the data must show: the ward and the licence, then any third-party source. */
    String attribution(CatalogDataset d) {
        String base = "出典：" + ward.name().ja() + "「" + d.title().ja() + "」（" + d.licence().titleJa()
            + (d.licence().url() == null ? "" : "、" + d.licence().url()) + "）";
        return d.attribution().ja() == null || d.attribution().ja().isBlank() ? base : base + "。" + d.attribution().ja();
    }

    private static void extra(List<Map<String, Object>> extras, String key, String value) {
        if (value != null && !value.isBlank()) {
            extras.add(Map.of("key", key, "value", value));
        }
    }

    Map<String, Object> resource(Resource r) {
        CatalogDataset d = r.dataset();
        Instant modified = files.dataModified(d);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().toString());
        m.put("package_id", d.id().toString());
        m.put("name", r.fileName());
        m.put("description", d.title().ja() + "（" + r.format().label() + "）");
        m.put("format", r.format().label());
        m.put("url", site() + r.path());
        m.put("url_type", null);
        m.put("mimetype", r.format().mediaType());
        m.put("mimetype_inner", null);
        m.put("size", d.kind() == CatalogDataset.Kind.UPLOADED && r.format() == Resource.Format.CSV ? d.latest().size() : null);
        m.put("hash", d.kind() == CatalogDataset.Kind.UPLOADED && r.format() == Resource.Format.CSV ? d.latest().sha256() : "");
        m.put("created", timestamp(d.created()));
        m.put("last_modified", timestamp(modified));
        m.put("metadata_modified", timestamp(d.updated()));
        m.put("position", r.position());
        m.put("state", "active");
        m.put("resource_type", null);
        m.put("cache_url", null);
        m.put("cache_last_updated", null);
        m.put("datastore_active", false);
        return m;
    }
}
