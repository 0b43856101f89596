package jp.machi.holiday.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.holiday.PublicHolidays;

/**
 * Reads the Cabinet Office 「国民の祝日」 CSV: a header {@code 国民の祝日・休日月日,国民の祝日・休日名称}, then rows
 * such as {@code 1955/1/1,元日}. Shift_JIS as published, or UTF-8 with or without a BOM; the encoding is told
 * from the bytes, never from the file name. Every bad row is reported; nothing is half-read.
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
        String encoding;
        String text;
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        text = decode(bytes, start, StandardCharsets.UTF_8);
        encoding = "UTF-8";
        if (text == null && start == 0) {
            // windows-31j is Shift_JIS as Windows (and the Cabinet Office) writes it, a superset of JIS X 0208
            text = decode(bytes, 0, Charset.forName("windows-31j"));
            encoding = "Shift_JIS";
        }
        if (text == null || looksBinary(text)) {
            return fileProblem("holiday.csv.notText");
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (!HEADER.equals(clean(lines[0]))) {
            return fileProblem("holiday.csv.header");
        }
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 2) {
                problems.add(new Problem(lineNo, "holiday.csv.columns", List.of(fields.length)));
                continue;
            }
            String dateText = clean(fields[0]);
            String name = clean(fields[1]);
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

    /** Trims spaces (also the ideographic space) and one pair of surrounding double quotes. */
    private static String clean(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).replace("\"\"", "\"").strip();
        }
        return t;
    }

    private static String decode(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Control characters other than tab and line breaks mean this is not a CSV (an image, a zip, a PDF ...). */
    private static boolean looksBinary(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7F || c == '\uFFFD') {
                return true;
            }
        }
        return false;
    }
}
