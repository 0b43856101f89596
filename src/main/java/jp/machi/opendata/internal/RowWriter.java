package jp.machi.opendata.internal;

import java.io.OutputStream;
import java.util.List;
import jp.machi.opendata.Column;
import jp.machi.opendata.Identifier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a dataset's rows as one of its formats, one row at a time (constant memory). CSV keeps the standard's
 * header; JSON is an array of objects keyed by the sheet's English item names; GeoJSON is a FeatureCollection of
 * points ([経度, 緯度]; a row without a place has a null geometry). Every value stays a string, as in the CSV (codes
 * keep their leading zeros); an empty cell is null. A column whose identifier names things by URI adds
 * {@code <key>Uri}.
 */
abstract class RowWriter implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final List<Column> columns;

    RowWriter(List<Column> columns) {
        this.columns = columns;
    }

    abstract void row(List<String> cells);

    @Override
    public abstract void close();

    static RowWriter of(Resource.Format format, List<Column> columns, String latKey, String lonKey, String siteUrl,
                        OutputStream out) {
        return switch (format) {
            case CSV -> new Csv(columns, out);
            case JSON -> new Json(columns, siteUrl, out);
            case GEOJSON -> new GeoJson(columns, latKey, lonKey, siteUrl, out);
        };
    }

    static final class Csv extends RowWriter {
        private final CsvFiles.Out out;

        Csv(List<Column> columns, OutputStream stream) {
            super(columns);
            out = new CsvFiles.Out(stream);
            out.record(columns.stream().map(Column::header).toList());
        }

        @Override
        void row(List<String> cells) {
            out.record(cells);
        }

        @Override
        public void close() {
            out.close();
        }
    }

    static class Json extends RowWriter {
        final JsonGenerator g;
        final String siteUrl;

        Json(List<Column> columns, String siteUrl, OutputStream out) {
            super(columns);
            this.siteUrl = siteUrl;
            g = JSON.createGenerator(out);
            start();
        }

        void start() {
            g.writeStartArray();
        }

        @Override
        void row(List<String> cells) {
            g.writeStartObject();
            properties(cells);
            g.writeEndObject();
        }

        void properties(List<String> cells) {
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                String v = i < cells.size() ? cells.get(i) : null;
                g.writeName(c.key());
                if (v == null || v.isEmpty()) {
                    g.writeNull();
                } else {
                    g.writeString(v);
                }
                Identifier id = c.identifier();
                if (id != null && id.hasUri()) {
                    String path = id.path(v);
                    g.writeName(c.key() + "Uri");
                    if (path == null) {
                        g.writeNull();
                    } else {
                        g.writeString(siteUrl + path);
                    }
                }
            }
        }

        void end() {
            g.writeEndArray();
        }

        @Override
        public void close() {
            end();
            g.close();
        }
    }

    static final class GeoJson extends Json {
        private final int lat;
        private final int lon;

        GeoJson(List<Column> columns, String latKey, String lonKey, String siteUrl, OutputStream out) {
            super(columns, siteUrl, out);
            lat = index(columns, latKey);
            lon = index(columns, lonKey);
        }

        private static int index(List<Column> columns, String key) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).key().equals(key)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no column " + key);
        }

        @Override
        void start() {
            g.writeStartObject();
            g.writeStringProperty("type", "FeatureCollection");
            g.writeName("features");
            g.writeStartArray();
        }

        @Override
        void row(List<String> cells) {
            g.writeStartObject();
            g.writeStringProperty("type", "Feature");
            g.writeName("geometry");
            Double y = number(cells, lat);
            Double x = number(cells, lon);
            if (x == null || y == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeStringProperty("type", "Point");
                g.writeName("coordinates");
                g.writeStartArray();
                g.writeNumber(x);
                g.writeNumber(y);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeName("properties");
            g.writeStartObject();
            properties(cells);
            g.writeEndObject();
            g.writeEndObject();
        }

        private static Double number(List<String> cells, int i) {
            String v = i < cells.size() ? cells.get(i) : null;
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                double d = Double.parseDouble(v.strip());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        void end() {
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
