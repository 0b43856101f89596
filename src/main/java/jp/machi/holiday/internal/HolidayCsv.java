package jp.machi.holiday.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.holiday.PublicHolidays;
import jp.machi.shared.csv.CsvReader;

/**
 * Reads the Cabinet Office 「国民の祝日」 CSV: a header {@code 国民の祝日・休日月日,国民の祝日・休日名称}, then rows
 * such as {@code 1955/1/1,元日}. Shift_JIS as published, or UTF-8 with or without a BOM, read by
 * {@link CsvReader} (the encoding is told from the bytes, never from the file name). Every bad row is reported;
 * nothing is half-read.
 */
public final class HolidayCsv {

    public static final int MAX_BYTES = 1024 * 1024;
    public static final String HEADER = "国民の祝日・休日月日,国民の祝日・休日名称";
    static final int MAX_NAME = 100;
    private static final Pattern DATE = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");

    /** A problem: a message key with arguments; line 0 means the whole file. */
    public record Problem(int line, String code, List<Object> args) {}

    public record Row(int line, LocalDate date, String name) {}

    /** Rows when the file is good; otherwise every problem and no rows. */
    public record Result(List<Row> rows, List<Problem> problems, String encoding) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private HolidayCsv() {}

    public static Result read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return fileProblem("holiday.csv.empty");
        }
        if (bytes.length > MAX_BYTES) {
            return fileProblem("holiday.csv.tooLarge");
        }
        CsvReader.Parsed parsed = CsvReader.read(bytes);
        if (parsed.problem() == CsvReader.Problem.BINARY || parsed.problem() == CsvReader.Problem.ENCODING) {
            return fileProblem("holiday.csv.notText");
        }
        if (parsed.problem() == CsvReader.Problem.EMPTY || parsed.rows().isEmpty() && parsed.ok()) {
            return fileProblem(parsed.ok() ? "holiday.csv.header" : "holiday.csv.empty");
        }
        String encoding = parsed.encoding();
        List<CsvReader.Row> lines = parsed.rows();
        if (lines.isEmpty() || lines.getFirst().line() != 1
            || !HEADER.equals(String.join(",", lines.getFirst().cells().stream().map(String::strip).toList()))) {
            return fileProblem("holiday.csv.header");
        }
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        if (!parsed.ok()) {
            problems.add(new Problem(parsed.badLine(), "holiday.csv.quote", List.of()));
        }
        for (CsvReader.Row line : lines.subList(1, lines.size())) {
            int lineNo = line.line();
            List<String> fields = line.cells();
            if (fields.size() != 2) {
                problems.add(new Problem(lineNo, "holiday.csv.columns", List.of(fields.size())));
                continue;
            }
            String dateText = fields.get(0).strip();
            String name = fields.get(1).strip();
            LocalDate date = null;
            Matcher m = DATE.matcher(dateText);
            if (!m.matches()) {
                problems.add(new Problem(lineNo, "holiday.csv.date", List.of(dateText)));
            } else {
                try {
                    date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                } catch (DateTimeException e) {
                    problems.add(new Problem(lineNo, "holiday.csv.date", List.of(dateText)));
                }
            }
            if (date != null && (date.getYear() < PublicHolidays.FIRST_YEAR || date.getYear() > PublicHolidays.LAST_YEAR)) {
                problems.add(new Problem(lineNo, "holiday.csv.year", List.of(dateText)));
                date = null;
            }
            if (date != null) {
                Integer earlier = seen.putIfAbsent(date, lineNo);
                if (earlier != null) {
                    problems.add(new Problem(lineNo, "holiday.csv.duplicate", List.of(dateText, earlier)));
                    date = null;
                }
            }
            if (name.isEmpty()) {
                problems.add(new Problem(lineNo, "holiday.csv.nameEmpty", List.of()));
            } else if (name.length() > MAX_NAME) {
                problems.add(new Problem(lineNo, "holiday.csv.nameLong", List.of(MAX_NAME)));
            }
            if (date != null && !name.isEmpty() && name.length() <= MAX_NAME) {
                rows.add(new Row(lineNo, date, name));
            }
        }
        if (problems.isEmpty() && rows.isEmpty()) {
            problems.add(new Problem(0, "holiday.csv.noRows", List.of()));
        }
        return problems.isEmpty() ? new Result(List.copyOf(rows), List.of(), encoding)
            : new Result(List.of(), List.copyOf(problems), encoding);
    }

    private static Result fileProblem(String code) {
        return new Result(List.of(), List.of(new Problem(0, code, List.of())), null);
    }
}
