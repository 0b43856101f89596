package jp.machi.shared.csv;

import jp.machi.shared.io.NonClosingOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of Machi (Apache Commons CSV) for every export: UTF-8 with a byte order mark (Excel in Japan
 * reads a UTF-8 file as Shift_JIS without it), CRLF line ends, RFC 4180 quoting, written row by row to the
 * stream so that memory stays constant however many rows there are. Line breaks inside a cell are written as CRLF too.
 *
 * <p><b>Formula injection</b> (OWASP "CSV Injection"): spreadsheets run a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return as a formula. Every <em>text</em> cell that starts with one of
 * these gets a leading single quote, which spreadsheets show as text; so that this stays reversible, a text cell that
 * already starts with a single quote gets one too. To recover the stored value, drop one leading single quote if
 * there is one. Numbers passed as {@link Number} are written as they are ({@code -3} stays a number), and so is a text
 * cell that is a plain negative number ({@code "-3"}, {@code "-0.5"}: a spreadsheet reads it as that number, and many
 * exports hold numbers as text), so that negative amounts and coordinates are not turned into text.
 */
public final class CsvWriter implements Closeable, Flushable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final CSVPrinter printer;

    private CsvWriter(Writer out) {
        try {
            this.printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer to a stream: the BOM is written at once; {@link #close()} flushes (it does not close the stream). */
    public static CsvWriter to(OutputStream out) {
        Writer w = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(out), StandardCharsets.UTF_8), 1 << 16);
        try {
            w.write('\uFEFF');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CsvWriter(w);
    }

    /** One record from cells: text (neutralised), numbers, booleans ({@code true}/{@code false}), null (empty). */
    public CsvWriter row(Iterable<?> cells) {
        List<Object> values = new ArrayList<>();
        for (Object c : cells) {
            values.add(cell(c));
        }
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CsvWriter row(Object... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    /** A cell as written: text neutralised against formula injection, numbers as they are, null as empty. */
    public static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        // a line break inside a (quoted) cell follows the file's CRLF, as Excel expects
        return neutralise(value.toString()).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** The formula-injection rule for one text cell (see the class comment). */
    public static String neutralise(String s) {
        if (s == null || s.isEmpty()) {
            return s == null ? "" : s;
        }
        char first = s.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
            || first == '\'';
        return formula && !(first == '-' && NEGATIVE_NUMBER.matcher(s).matches()) ? "'" + s : s;
    }

    /** A negative number written as text ({@code -3}, {@code -0.5}, {@code -1e3}): a number, never a formula. */
    private static final java.util.regex.Pattern NEGATIVE_NUMBER =
        java.util.regex.Pattern.compile("-(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    @Override
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
