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
 * @param csvRows        optional (null): writes every row at once as CSV, for a dataset too large to go through
 *                       {@code rows} quickly (see {@link CsvRows}); the other files and previews still use {@code rows}
 */
public record PublishedDataset(String name, String fileSlug, String standardNumber, LocalizedText title,
                               LocalizedText description, String departmentCode, DataCategory category,
                               List<String> tags, UpdateFrequency frequency, List<Column> columns, String latitudeKey,
                               String longitudeKey, Supplier<String> revision, Rows rows,
                               CsvRows csvRows) {

    /** Produces the rows, at most {@code limit} of them, in a stable order. */
    @FunctionalInterface
    public interface Rows {
        void write(int limit, RowSink sink);
    }

    /**
     * The data rows of the CSV file written straight to the stream by the module (typically PostgreSQL's
     * {@code COPY ... TO STDOUT (FORMAT csv)}), so that a file of 100,000 rows is not decoded and encoded cell by cell.
     * The output must hold what {@link Rows} gives, in the same columns and order, with every text cell as
     * {@link jp.machi.shared.csv.CsvWriter#cell} would write it (formula-injection rule applied), in RFC 4180 quoting,
     * UTF-8, no header, and every line break, between records and inside cells, a single LF: the portal adds the BOM
     * and the header and writes each LF as CRLF.
     */
    @FunctionalInterface
    public interface CsvRows {
        void write(java.io.OutputStream out) throws java.io.IOException;
    }

    /** A dataset whose CSV is written from {@link Rows} like its other files. */
    public PublishedDataset(String name, String fileSlug, String standardNumber, LocalizedText title,
                            LocalizedText description, String departmentCode, DataCategory category, List<String> tags,
                            UpdateFrequency frequency, List<Column> columns, String latitudeKey, String longitudeKey,
                            Supplier<String> revision, Rows rows) {
        this(name, fileSlug, standardNumber, title, description, departmentCode, category, tags, frequency, columns,
            latitudeKey, longitudeKey, revision, rows, null);
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
