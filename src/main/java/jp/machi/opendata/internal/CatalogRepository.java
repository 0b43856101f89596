package jp.machi.opendata.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.text.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables of the catalog: opendata_dataset, opendata_version, opendata_file_state, opendata_revision. */
@Repository
class CatalogRepository {

    /** A row of opendata_dataset. */
    record Row(UUID id, String name, CatalogDataset.Kind kind, String fileSlug, String standardNumber, String layoutCode,
               LocalizedText title, LocalizedText description, String departmentCode, DataCategory category,
               List<String> tags, Licence licence, LocalizedText attribution, UpdateFrequency frequency,
               LocalDate temporalStart, LocalDate temporalEnd, String spatial, String contactEmail, boolean generated,
               Instant created, Instant updated) {}

    private final JdbcClient jdbc;

    CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Revision(long rev, UUID epoch) {}

    Revision revision() {
        return jdbc.sql("select rev, epoch from opendata_revision")
            .query((rs, n) -> new Revision(rs.getLong(1), rs.getObject(2, UUID.class))).single();
    }

    List<Row> all() {
        return jdbc.sql("select * from opendata_dataset order by name").query(CatalogRepository::row).list();
    }

    Optional<Row> byName(String name) {
        return jdbc.sql("select * from opendata_dataset where name = ?").param(name).query(CatalogRepository::row).optional();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"),
            CatalogDataset.Kind.valueOf(rs.getString("kind")), rs.getString("file_slug"), rs.getString("standard_number"),
            rs.getString("layout_code"), new LocalizedText(rs.getString("title_ja"), rs.getString("title_en")),
            new LocalizedText(rs.getString("description_ja"), rs.getString("description_en")),
            rs.getString("department_code"), DataCategory.bySlug(rs.getString("category")).orElse(DataCategory.OTHER),
            tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
            Licence.byId(rs.getString("licence")).orElse(Licence.CC_BY_4_0),
            new LocalizedText(rs.getString("attribution_ja"), rs.getString("attribution_en")),
            UpdateFrequency.valueOf(rs.getString("frequency")), rs.getObject("temporal_start", LocalDate.class),
            rs.getObject("temporal_end", LocalDate.class), rs.getString("spatial_ja"), rs.getString("contact_email"),
            rs.getBoolean("generated"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    /** Inserts the row unless a dataset of that name exists; true when inserted. */
    boolean insertIfAbsent(Row r) {
        return jdbc.sql("""
                insert into opendata_dataset (id, name, kind, file_slug, standard_number, layout_code, title_ja, title_en,
                    description_ja, description_en, department_code, category, tags, licence, attribution_ja, attribution_en,
                    frequency, temporal_start, temporal_end, spatial_ja, contact_email, generated, created_at, updated_at)
                values (:id, :name, :kind, :slug, :std, :layout, :tja, :ten, :dja, :den, :dept, :cat, :tags, :lic, :aja, :aen,
                    :freq, :ts, :te, :sp, :mail, :gen, :created, :updated)
                on conflict do nothing""")
            .param("id", r.id()).param("name", r.name()).param("kind", r.kind().name()).param("slug", r.fileSlug())
            .param("std", r.standardNumber()).param("layout", r.layoutCode()).param("tja", r.title().ja())
            .param("ten", nz(r.title().en())).param("dja", nz(r.description().ja())).param("den", nz(r.description().en()))
            .param("dept", r.departmentCode()).param("cat", r.category().slug()).param("tags", r.tags().toArray(String[]::new))
            .param("lic", r.licence().id()).param("aja", nz(r.attribution().ja())).param("aen", nz(r.attribution().en()))
            .param("freq", r.frequency().name()).param("ts", r.temporalStart()).param("te", r.temporalEnd())
            .param("sp", nz(r.spatial())).param("mail", nz(r.contactEmail())).param("gen", r.generated())
            .param("created", Timestamp.from(r.created())).param("updated", Timestamp.from(r.updated()))
            .update() == 1;
    }

    /** The texts staff edit. */
    void updateMetadata(UUID id, LocalizedText title, LocalizedText description, String departmentCode, DataCategory category,
                        List<String> tags, Licence licence, LocalizedText attribution, UpdateFrequency frequency,
                        LocalDate temporalStart, LocalDate temporalEnd, String spatial, String contactEmail, Instant now) {
        jdbc.sql("""
                update opendata_dataset set title_ja = :tja, title_en = :ten, description_ja = :dja, description_en = :den,
                    department_code = :dept, category = :cat, tags = :tags, licence = :lic, attribution_ja = :aja,
                    attribution_en = :aen, frequency = :freq, temporal_start = :ts, temporal_end = :te, spatial_ja = :sp,
                    contact_email = :mail, updated_at = :now
                where id = :id""")
            .param("tja", title.ja()).param("ten", nz(title.en())).param("dja", nz(description.ja()))
            .param("den", nz(description.en())).param("dept", departmentCode).param("cat", category.slug())
            .param("tags", tags.toArray(String[]::new)).param("lic", licence.id()).param("aja", nz(attribution.ja()))
            .param("aen", nz(attribution.en())).param("freq", frequency.name()).param("ts", temporalStart)
            .param("te", temporalEnd).param("sp", nz(spatial)).param("mail", nz(contactEmail))
            .param("now", Timestamp.from(now)).param("id", id).update();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- versions ----

    Map<UUID, List<CatalogDataset.VersionInfo>> versions() {
        Map<UUID, List<CatalogDataset.VersionInfo>> out = new HashMap<>();
        jdbc.sql("""
                select dataset_id, version, file_name, row_count, octet_length(content), sha256, uploaded_at, note
                from opendata_version order by dataset_id, version desc""")
            .query(rs -> {
                out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new CatalogDataset.VersionInfo(
                    rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6),
                    rs.getTimestamp(7).toInstant(), rs.getString(8)));
            });
        return out;
    }

    Optional<byte[]> content(UUID datasetId, int version) {
        return jdbc.sql("select content from opendata_version where dataset_id = ? and version = ?")
            .params(datasetId, version).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** Adds the next version (numbers never reused; the dataset row is locked while counting). */
    int addVersion(UUID datasetId, String fileName, byte[] content, int rows, String sha256, Long uploadedBy, Instant at,
                   String note) {
        jdbc.sql("select id from opendata_dataset where id = ? for update").param(datasetId).query(UUID.class).single();
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from opendata_version where dataset_id = ?")
            .param(datasetId).query(Integer.class).single();
        jdbc.sql("""
                insert into opendata_version (dataset_id, version, file_name, content, row_count, sha256, uploaded_by,
                    uploaded_at, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(datasetId, next, fileName, content, rows, sha256, uploadedBy, Timestamp.from(at), nz(note)).update();
        jdbc.sql("update opendata_dataset set updated_at = ? where id = ?").params(Timestamp.from(at), datasetId).update();
        return next;
    }

    // ---- file state: Last-Modified per dataset ----

    /**
     * The instant the dataset's current revision was first seen: a new revision gets now, but at least one second
     * after the previous one, so Last-Modified always moves forward when the data changed.
     */
    Instant seen(String datasetName, String revision, Instant now) {
        Instant truncated = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return jdbc.sql("""
                insert into opendata_file_state (dataset_name, revision, seen_at) values (:n, :r, :now)
                on conflict (dataset_name) do update
                    set revision = excluded.revision,
                        seen_at = greatest(excluded.seen_at, opendata_file_state.seen_at + interval '1 second')
                    where opendata_file_state.revision <> excluded.revision
                returning seen_at""")
            .param("n", datasetName).param("r", revision).param("now", Timestamp.from(truncated))
            .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional()
            .orElseGet(() -> jdbc.sql("select seen_at from opendata_file_state where dataset_name = ?").param(datasetName)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single());
    }
}
