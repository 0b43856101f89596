package jp.machi.opendata.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.machi.opendata.Column;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.PublishedDataset;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.text.LocalizedText;

/**
 * A dataset as the catalog shows it: its row of opendata_dataset, its columns, and for a live dataset the module's
 * {@link PublishedDataset}, for an uploaded one its latest version.
 */
public record CatalogDataset(UUID id, String name, Kind kind, String fileSlug, String standardNumber, String layoutCode,
                             LocalizedText title, LocalizedText description, String departmentCode,
                             DataCategory category, List<String> tags, Licence licence, LocalizedText attribution,
                             UpdateFrequency frequency, LocalDate temporalStart, LocalDate temporalEnd, String spatial,
                             String contactEmail, boolean generated, Instant created, Instant updated,
                             List<Column> columns, String latitudeKey, String longitudeKey, PublishedDataset live,
                             VersionInfo latest, List<VersionInfo> versions, String searchText) {

    public enum Kind { LIVE, UPLOADED }

    /** One uploaded version (without its bytes). */
    public record VersionInfo(int version, String fileName, int rowCount, long size, String sha256, Instant uploadedAt,
                              String note) {}

    /** The files of the dataset, in CKAN's order. */
    public List<Resource> resources(String wardCode) {
        List<Resource> out = new ArrayList<>();
        if (kind == Kind.UPLOADED && latest == null) {
            return out;
        }
        String base = wardCode + "_" + fileSlug;
        int position = 0;
        for (Resource.Format f : Resource.Format.values()) {
            if (f == Resource.Format.GEOJSON && !geographic()) {
                continue;
            }
            out.add(new Resource(UUID.nameUUIDFromBytes(("machi:resource:" + id + ":" + f.name()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), this, f, base + "." + f.extension(), position++));
        }
        return out;
    }

    public boolean geographic() {
        return latitudeKey != null;
    }

    public boolean available() {
        return kind == Kind.LIVE ? live != null : latest != null;
    }

    /** 5-star open data: 3 for open formats under an open licence, 4 with URIs for things, 5 with links to other data. */
    public int stars(boolean linkedToOtherDatasets) {
        if (!available()) {
            return 1;
        }
        boolean uris = columns.stream().anyMatch(c -> c.identifier() != null && c.identifier().hasUri());
        if (!uris) {
            return 3;
        }
        boolean links = linkedToOtherDatasets
            || columns.stream().anyMatch(c -> c.identifier() != null && c.identifier().national());
        return links ? 5 : 4;
    }

    public String title(java.util.Locale locale) {
        return title.in(locale);
    }

    public String description(java.util.Locale locale) {
        return description.in(locale);
    }
}
