package jp.machi.opendata.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one place the open data module reads and writes CSV: writing goes through the shared
 * {@link jp.machi.shared.csv.CsvWriter} (UTF-8 with BOM, CRLF, RFC 4180, the one formula-injection rule); reading of
 * uploads (by content: UTF-8 or Shift_JIS, not text refused) is still done here and should move to
 * {@link jp.machi.shared.csv.CsvReader}.
 */
final class CsvFiles {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CsvFiles() {}

    /** Writes records through the shared {@link jp.machi.shared.csv.CsvWriter} (BOM, CRLF, formula-injection rule). */
    static final class Out implements AutoCloseable {
        private final jp.machi.shared.csv.CsvWriter writer;

        Out(OutputStream out) {
            writer = jp.machi.shared.csv.CsvWriter.to(out);
        }

        void record(List<String> cells) {
            writer.row(cells);
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    /** One record and its number (the header is record 1; a record may span lines inside quotes). */
    record Line(long line, List<String> cells) {}

    /** The records of already decoded text; a malformed file raises {@link Malformed} with its line. */
    static List<Line> parse(String text) {
        List<Line> out = new ArrayList<>();
        try (Reader r = new StringReader(text); CSVParser p = CSVParser.builder().setReader(r).setFormat(READ).get()) {
            for (CSVRecord rec : p) {
                List<String> cells = new ArrayList<>(rec.size());
                rec.forEach(cells::add);
                out.add(new Line(rec.getRecordNumber(), cells));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new Malformed(e.getMessage());
        }
        return out;
    }


    /** The text of an uploaded file, or the message key of why it is not a text file we can read. */
    record Decoded(String text, String problemKey) {}

    /**
     * Decodes by content, not by name: UTF-8 with or without BOM, else Shift_JIS (CP932). NUL bytes or many control
     * characters mean it is not text at all (an image, a spreadsheet, a PDF).
     */
    static Decoded decode(byte[] bytes) {
        if (bytes.length == 0) {
            return new Decoded(null, "opendata.upload.empty");
        }
        int offset = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        int controls = 0;
        int sample = Math.min(bytes.length, 64 * 1024);
        for (int i = offset; i < sample; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return new Decoded(null, "opendata.upload.binary");
            }
            if (b < 0x20 && b != '\r' && b != '\n' && b != '\t') {
                controls++;
            }
        }
        if (controls > 0 && controls * 100 > sample) {
            return new Decoded(null, "opendata.upload.binary");
        }
        String utf8 = strict(bytes, offset, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new Decoded(utf8, null);
        }
        String sjis = offset == 0 ? strict(bytes, 0, java.nio.charset.Charset.forName("windows-31j")) : null;
        return sjis != null ? new Decoded(sjis, null) : new Decoded(null, "opendata.upload.encoding");
    }

    private static String strict(byte[] bytes, int offset, java.nio.charset.Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** The bytes are not CSV that Commons CSV can read. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }
}
