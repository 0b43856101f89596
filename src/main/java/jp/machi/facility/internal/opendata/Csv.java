package jp.machi.facility.internal.opendata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: reading (UTF-8 with or without BOM, UTF-16 with BOM, or Shift_JIS/CP932, detected from the bytes)
 * and writing (CRLF, fields quoted when they contain a comma, quote or line break).
 */
public final class Csv {

    public static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Csv() {}

    /** The file as text, or why it is not a text file we can read. */
    public record Decoded(String text, String encoding, String problemKey) {
        boolean ok() {
            return problemKey == null;
        }
    }

    /** One record and the physical line it starts on (the header is line 1). */
    public record Record(int line, List<String> cells) {}

    public record Parsed(List<Record> records, int badLine, String problemKey) {}

    public static Decoded decode(byte[] bytes) {
        if (bytes.length == 0) {
            return new Decoded(null, null, "facility.data.error.empty");
        }
        if (startsWith(bytes, BOM)) {
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
                return new Decoded(null, null, "facility.data.error.binary");
            }
            if (b < 0x20 && b != '\r' && b != '\n' && b != '\t') {
                controls++;
            }
        }
        if (controls > sample / 100) {
            return new Decoded(null, null, "facility.data.error.binary");
        }
        Decoded utf8 = strict(bytes, 0, StandardCharsets.UTF_8, "UTF-8");
        if (utf8.ok()) {
            return utf8;
        }
        Decoded sjis = strict(bytes, 0, SHIFT_JIS, "Shift_JIS");
        return sjis.ok() ? sjis : new Decoded(null, null, "facility.data.error.encoding");
    }

    private static Decoded strict(byte[] bytes, int offset, Charset charset, String name) {
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
            if (text.indexOf('\0') >= 0) {
                return new Decoded(null, null, "facility.data.error.binary");
            }
            return new Decoded(text, name, null);
        } catch (CharacterCodingException e) {
            return new Decoded(null, null, "facility.data.error.encoding");
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records of the text; blank lines are skipped. A quote inside an unquoted field, text after a closing quote
     * or an unclosed quote is a problem at its line.
     */
    public static Parsed parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean cellStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    afterQuote = false;
                    cellStarted = true;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    cells.add(cell.toString());
                    cell.setLength(0);
                    addRecord(records, recordLine, cells);
                    cells = new ArrayList<>();
                    afterQuote = false;
                    cellStarted = false;
                    line++;
                    recordLine = line;
                }
                case '"' -> {
                    if (cell.length() > 0 || afterQuote) {
                        return new Parsed(records, line, "facility.data.error.quote");
                    }
                    quoted = true;
                    cellStarted = true;
                }
                default -> {
                    if (afterQuote) {
                        return new Parsed(records, line, "facility.data.error.quote");
                    }
                    cell.append(c);
                    cellStarted = true;
                }
            }
        }
        if (quoted) {
            return new Parsed(records, recordLine, "facility.data.error.unclosedQuote");
        }
        if (cellStarted || cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            addRecord(records, recordLine, cells);
        }
        return new Parsed(records, 0, null);
    }

    private static void addRecord(List<Record> records, int line, List<String> cells) {
        boolean blank = cells.stream().allMatch(String::isEmpty);
        if (!blank) {
            records.add(new Record(line, List.copyOf(cells)));
        }
    }

    /** Appends one record with CRLF. */
    public static void writeRecord(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = cells.get(i) == null ? "" : cells.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        sb.append("\r\n");
    }

    /** UTF-8 bytes with a BOM, as the standard's files are published (Excel in Japan needs the BOM). */
    public static byte[] utf8WithBom(CharSequence text) {
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        System.arraycopy(BOM, 0, out, 0, 3);
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }
}
