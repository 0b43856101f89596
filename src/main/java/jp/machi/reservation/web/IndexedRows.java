package jp.machi.reservation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of a staff form whose fields are named {@code prefix[i].field} (slots, parts). */
public final class IndexedRows {

    private IndexedRows() {}

    /**
     * Each row as the values of {@code fields} in order ("" when absent), up to {@code max} rows; trailing empty rows
     * are dropped (the row numbers stay those of the form).
     */
    public static List<String[]> read(HttpServletRequest request, String prefix, int max, String... fields) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            String[] values = new String[fields.length];
            for (int f = 0; f < fields.length; f++) {
                String v = request.getParameter(prefix + "[" + i + "]." + fields[f]);
                values[f] = v == null ? "" : v;
            }
            rows.add(values);
        }
        while (!rows.isEmpty() && Arrays.stream(rows.getLast()).allMatch(String::isBlank)) {
            rows.removeLast();
        }
        return rows;
    }
}
