package jp.machi.opendata;

import java.util.List;

/**
 * The contribution type of the open data portal: a module that publishes data declares ONE bean of this type in its
 * own package, listing its datasets. The catalog collects every bean ({@code List<DatasetSource>}), adds each dataset
 * to the catalog the first time it sees it (staff may then edit its title, description, tags and licence), and
 * generates its files (CSV, JSON and, with coordinates, GeoJSON) from {@link PublishedDataset#rows} whenever
 * {@link PublishedDataset#revision} has changed.
 *
 * <p>Contract for contributors: rows must never contain personal data; {@code revision()} must be cheap (one small
 * query) and must change whenever the rows would change; {@code rows} must stream (read with a cursor or from a
 * bounded in-memory snapshot), so that a file of any size is written with constant memory.
 */
public interface DatasetSource {

    /** The datasets this module publishes; called at start and when the catalog is rebuilt. */
    List<PublishedDataset> datasets();
}
