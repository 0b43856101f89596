package jp.machi.shared.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV reader of Machi (Apache Commons CSV, RFC 4180) for every import: the encoding is told from the bytes,
 * never from the file name — UTF-8 with or without a BOM, UTF-16 with a BOM, or Shift_JIS as Windows writes it
 * (windows-31j, what the Cabinet Office and most ward systems export) — and a file with NUL or many control
 * characters is refused as not text. Blank records are skipped; each row keeps the physical line it starts on (the
 * header is line 1), so that a module can name the line of each problem. Modules turn {@link Problem} into their own
 * messages.
 */
public final class CsvReader {

    /** Shift_JIS as Windows and the Japanese government publish it (a superset of JIS X 0208). */
    public static final Charset SHIFT_JIS = Charset.forName("windows-31j");

    /** Why a file could not be read. */
    public enum Problem {
        /** no bytes at all */
        EMPTY,
        /** not text: NUL bytes or many control characters (an image, a zip, a PDF …) */
        BINARY,
        /** neither valid UTF-8 nor Shift_JIS */
        ENCODING,
        /** a quote where RFC 4180 does not allow one (text after a closing quote) */
        QUOTE,
        /** a quoted field that never ends */
        UNCLOSED_QUOTE
    }

    /** The file as text with the encoding it was read in, or the problem. */
    public record Decoded(String text, String encoding, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** One record and the physical line it starts on. */
    public record Row(int line, List<String> cells) {}

    /** The rows read, or the problem and the line it was found at (rows before it are kept). */
    public record Parsed(List<Row> rows, String encoding, int badLine, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CsvReader() {}

    /** Decodes and parses a file. */
    public static Parsed read(byte[] bytes) {
        Decoded d = decode(bytes);
        if (!d.ok()) {
            return new Parsed(List.of(), null, 0, d.problem());
        }
        Parsed p = parse(d.text());
        return new Parsed(p.rows(), d.encoding(), p.badLine(), p.problem());
    }

    public static Decoded decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Decoded(null, null, Problem.EMPTY);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return strict(bytes, 3, StandardCharsets.UTF_8, "UTF-8 (BOM)");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE");
        }
        int controls = 0;
        int sample = Math.min(bytes.length, 64 * 1024);
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return new Decoded(null, null, Problem.BINARY);
            }
            if (b < 0x20 && b != '\r' && b != '\n' && b != '\t') {
                controls++;
            }
        }
        if (controls > sample / 100) {
            return new Decoded(null, null, Problem.BINARY);
        }
        Decoded utf8 = strict(bytes, 0, StandardCharsets.UTF_8, "UTF-8");
        if (utf8.ok()) {
            return utf8;
        }
        Decoded sjis = strict(bytes, 0, SHIFT_JIS, "Shift_JIS");
        return sjis.ok() ? sjis : new Decoded(null, null, Problem.ENCODING);
    }

    private static Decoded strict(byte[] bytes, int offset, Charset charset, String name) {
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\0' || c == '\uFFFD' || c == 0x7F) {
                    return new Decoded(null, null, Problem.BINARY);
                }
            }
            return new Decoded(text, name, null);
        } catch (CharacterCodingException e) {
            return new Decoded(null, null, Problem.ENCODING);
        }
    }

    /** The records of a text; records whose cells are all empty are skipped. */
    public static Parsed parse(String text) {
        Lines lines = new Lines(text);
        List<Row> rows = new ArrayList<>();
        long next = 0; // where the next record starts (characters)
        try {
            CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get();
            for (CSVRecord r : parser) {
                List<String> cells = r.toList();
                if (!cells.stream().allMatch(String::isEmpty)) {
                    rows.add(new Row(lines.lineAt(r.getCharacterPosition()), List.copyOf(cells)));
                }
                next = lines.endOfRecord(r.getCharacterPosition(), (int) parser.getCurrentLineNumber());
            }
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            // the iterator reads ahead: a malformed record surfaces from hasNext() as well as from next()
            boolean unclosed = String.valueOf(e.getMessage()).contains("EOF reached before encapsulated token finished");
            return new Parsed(List.copyOf(rows), null, lines.lineAt(next), unclosed ? Problem.UNCLOSED_QUOTE : Problem.QUOTE);
        }
        return new Parsed(List.copyOf(rows), null, 0, null);
    }

    /** Physical line numbers of character positions (CRLF, CR and LF each end a line). */
    private static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (c == '\r' || c == '\n') {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The line of the first character at or after {@code position} that is not a line break (1-based). */
        int lineAt(long position) {
            int p = (int) Math.min(position, text.length());
            while (p < text.length() && (text.charAt(p) == '\r' || text.charAt(p) == '\n')) {
                p++;
            }
            int i = java.util.Arrays.binarySearch(starts, p);
            return (i >= 0 ? i : -i - 2) + 1;
        }

        /** The position where the line after {@code linesRead} lines starts. */
        long endOfRecord(long recordStart, int linesRead) {
            return linesRead < starts.length ? Math.max(recordStart, starts[linesRead]) : text.length();
        }
    }
}
