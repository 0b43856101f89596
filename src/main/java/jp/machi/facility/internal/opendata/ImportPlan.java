package jp.machi.facility.internal.opendata;

import java.util.List;

/**
 * What an uploaded file would change: either problems (then nothing may be applied) or one entry per row.
 *
 * @param encoding the encoding the file was read in (UTF-8, UTF-8 (BOM), Shift_JIS …)
 * @param ignoredColumns columns of the file that are not part of the dataset (not read)
 * @param notStoredColumns columns of the dataset that are checked but not stored by Machi
 */
public record ImportPlan(Dataset dataset, Dataset.Layout layout, String encoding, List<Problem> problems, List<Row> rows,
                         List<String> ignoredColumns, List<String> notStoredColumns, String fingerprint) {

    /** A problem at a line (0 = the whole file) and column (null = the whole row), with its message key. */
    public record Problem(int line, String column, String key, List<Object> args) {}

    public enum Kind { NEW, CHANGED, UNCHANGED }

    /** One changed value: the CSV column (or a message key for a label), before and after as the CSV writes them. */
    public record FieldChange(String column, String labelKey, String before, String after) {}

    public record Row(int line, Kind kind, String id, String name, List<FieldChange> changes) {}

    public boolean ok() {
        return problems.isEmpty();
    }

    public long count(Kind kind) {
        return rows.stream().filter(r -> r.kind() == kind).count();
    }

    public List<Row> rows(Kind kind) {
        return rows.stream().filter(r -> r.kind() == kind).toList();
    }

    public boolean changesSomething() {
        return rows.stream().anyMatch(r -> r.kind() != Kind.UNCHANGED);
    }
}
