package jp.machi.opendata;

/**
 * One column of a dataset.
 *
 * @param header     the header cell of the CSV, exactly as the standard layout writes it (e.g. 全国地方公共団体コード)
 * @param key        the key in JSON and GeoJSON: the sheet's English item name (e.g. localGovernmentCode)
 * @param identifier what kind of identifier the column holds, for linking datasets ({@code null} for none)
 */
public record Column(String header, String key, Identifier identifier) {

    public Column {
        if (header == null || header.isBlank() || key == null || !key.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a column needs a header and a plain key: " + header + " / " + key);
        }
    }

    public static Column of(String header, String key) {
        return new Column(header, key, null);
    }

    public static Column id(String header, String key, Identifier identifier) {
        return new Column(header, key, identifier);
    }
}
