package jp.machi.opendata;

import java.util.List;
import java.util.function.Supplier;
import jp.machi.shared.text.LocalizedText;

/**
 * A live dataset that a module publishes: what the catalog shows about it at first (staff may edit the texts later)
 * and how its rows are produced.
 *
 * @param name           the CKAN name, stable forever: lower-case letters, digits and hyphens (e.g. {@code aed})
 * @param fileSlug       the file name after the ward code, stable forever (e.g. {@code aed} gives 131202_aed.csv)
 * @param standardNumber the 自治体標準オープンデータセット sheet number (e.g. "08"), or null for a layout of our own
 * @param title          the title
 * @param description    one or two sentences: what a row is, what is left out and why
 * @param departmentCode the publishing department (a code of the ward profile)
 * @param category       the 分類 (CKAN group)
 * @param tags           keywords in Japanese
 * @param frequency      how often it changes
 * @param columns        the columns, in the order of the layout
 * @param latitudeKey    the key of the latitude column, or null when rows have no place (no GeoJSON, no map)
 * @param longitudeKey   the key of the longitude column, or null
 * @param revision       a token that changes whenever the rows would change (one small query at most)
 * @param rows           writes at most {@code limit} rows, streaming
 */
public record PublishedDataset(String name, String fileSlug, String standardNumber, LocalizedText title,
                               LocalizedText description, String departmentCode, DataCategory category,
                               List<String> tags, UpdateFrequency frequency, List<Column> columns, String latitudeKey,
                               String longitudeKey, Supplier<String> revision, Rows rows) {

    /** Produces the rows, at most {@code limit} of them, in a stable order. */
    @FunctionalInterface
    public interface Rows {
        void write(int limit, RowSink sink);
    }

    public PublishedDataset {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{1,99}")) {
            throw new IllegalArgumentException("not a dataset name: " + name);
        }
        if (fileSlug == null || !fileSlug.matches("[a-z0-9_]{2,100}")) {
            throw new IllegalArgumentException("not a file slug: " + fileSlug);
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        columns = List.copyOf(columns);
        if ((latitudeKey == null) != (longitudeKey == null)) {
            throw new IllegalArgumentException("latitude and longitude come together");
        }
    }

    public boolean geographic() {
        return latitudeKey != null;
    }
}
