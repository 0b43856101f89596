package jp.machi.draw;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The columns that describe one choice in a published list and results, after {@code reference,application,rank}.
 * Two entries choose the same thing when their choice columns are equal, so the columns must be canonical (no two
 * spellings of one thing): the checks below refuse anything else when a list is read.
 *
 * @param columns the choice's columns, in order
 */
public record DrawFormat(List<Column> columns) {

    /** One column: its name in the header and the check of a value (never empty, never containing a comma). */
    public record Column(String name, Predicate<String> valid) {

        /** A column whose values match {@code regex} entirely. */
        public static Column matching(String name, String regex) {
            Pattern p = Pattern.compile(regex);
            return new Column(name, v -> p.matcher(v).matches());
        }

        /** A day written {@code YYYY-MM-DD}. */
        public static Column date(String name) {
            return new Column(name, v -> {
                if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
                    return false;
                }
                try {
                    return LocalDate.parse(v).toString().equals(v);
                } catch (DateTimeParseException e) {
                    return false;
                }
            });
        }
    }

    public DrawFormat {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one column");
        }
    }

    public static DrawFormat of(Column... columns) {
        return new DrawFormat(List.of(columns));
    }

    /** The header line of the list and of the results (without its line end). */
    public String header() {
        StringBuilder h = new StringBuilder("reference,application,rank");
        for (Column c : columns) {
            h.append(',').append(c.name());
        }
        return h.toString();
    }

    /** Whether {@code choice} is the columns' values joined by commas, each value valid. */
    boolean validChoice(String choice) {
        int start = 0;
        for (int i = 0; i < columns.size(); i++) {
            int end = i == columns.size() - 1 ? choice.length() : choice.indexOf(',', start);
            if (end < 0 || end == start) {
                return false;
            }
            String value = choice.substring(start, end);
            if (value.indexOf(',') >= 0 || !columns.get(i).valid().test(value)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
