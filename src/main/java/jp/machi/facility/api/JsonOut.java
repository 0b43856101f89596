package jp.machi.facility.api;

import java.io.IOException;
import java.io.Writer;

/**
 * JSON written straight to a {@link Writer} (the response's, buffered): the same escaping as {@link Json}, for
 * documents too large to build as a String first. Strings without characters to escape (nearly all) are written
 * in one call.
 */
final class JsonOut {

    private final Writer out;

    JsonOut(Writer out) {
        this.out = out;
    }

    JsonOut raw(String s) throws IOException {
        out.write(s);
        return this;
    }

    JsonOut raw(char c) throws IOException {
        out.write(c);
        return this;
    }

    JsonOut string(String s) throws IOException {
        if (s == null) {
            out.write("null");
            return this;
        }
        out.write('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == '<') {
                out.write(s, start, i - start);
                start = i + 1;
                switch (c) {
                    case '"' -> out.write("\\\"");
                    case '\\' -> out.write("\\\\");
                    case '\n' -> out.write("\\n");
                    case '\r' -> out.write("\\r");
                    case '\t' -> out.write("\\t");
                    case '<' -> out.write("\\u003c");
                    default -> {
                        out.write("\\u00");
                        out.write(HEX[c >> 4]);
                        out.write(HEX[c & 0xf]);
                    }
                }
            }
        }
        out.write(s, start, s.length() - start);
        out.write('"');
        return this;
    }

    /** {@code "name":"value"} (or null); the name is written as it is: callers pass constants. */
    JsonOut field(String name, String value) throws IOException {
        out.write('"');
        out.write(name);
        out.write("\":");
        return string(value);
    }

    /** {@code "name":value} for numbers and booleans (or null). */
    JsonOut field(String name, Object value) throws IOException {
        out.write('"');
        out.write(name);
        out.write("\":");
        out.write(value == null ? "null" : value.toString());
        return this;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
