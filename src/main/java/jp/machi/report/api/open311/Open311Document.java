package jp.machi.report.api.open311;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One response in GeoReport v2's shape, written as XML or as JSON by the spec's mechanical mapping: a
 * container of one repeated element ({@link Items}) is a JSON array and an XML wrapper with one child element
 * per item; maps are objects / nested elements; null is JSON {@code null} and an empty XML element. Keys keep
 * their insertion order.
 */
record Open311Document(String root, Object body) {

    /** A repeated element: {@code <wrapper><child>…</child>…</wrapper>}, a JSON array. */
    record Items(String child, List<?> values) {}

    static Open311Document list(String root, String child, List<?> values) {
        return new Open311Document(root, new Items(child, values));
    }

    static Open311Document object(String root, Map<String, ?> body) {
        return new Open311Document(root, body);
    }

    // ---- JSON ------------------------------------------------------------------------------------------------

    String json() {
        StringBuilder out = new StringBuilder(4096);
        json(out, body);
        return out.toString();
    }

    /**
     * Writes the JSON to {@code out} without building the whole answer as one string first (a 1,000-request
     * answer is about 660 KiB); the caller flushes.
     */
    void json(Writer out) throws IOException {
        JsonOut buffer = new JsonOut(out);
        json(buffer, body);
        buffer.flush();
    }

    /** A StringBuilder that hands its contents to a Writer every 8 KiB, so the recursion below stays simple. */
    private static final class JsonOut implements Appendable {
        private final Writer out;
        private final StringBuilder b = new StringBuilder(16 * 1024);

        JsonOut(Writer out) {
            this.out = out;
        }

        @Override public JsonOut append(CharSequence s) {
            b.append(s);
            return spill();
        }

        @Override public JsonOut append(CharSequence s, int start, int end) {
            b.append(s, start, end);
            return spill();
        }

        @Override public JsonOut append(char c) {
            b.append(c);
            return spill();
        }

        private JsonOut spill() {
            if (b.length() >= 8 * 1024) {
                flush();
            }
            return this;
        }

        void flush() {
            try {
                out.append(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            b.setLength(0);
        }
    }

    private static void json(StringBuilder out, Object v) {
        json((Appendable) out, v);
    }

    private static void json(Appendable out, Object v) {
        try {
            write(out, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Appendable out, Object v) throws IOException {
        switch (v) {
            case null -> out.append("null");
            case Items items -> write(out, items.values());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    write(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case Boolean b -> out.append(b.toString());
            case Integer i -> out.append(i.toString());
            case Long l -> out.append(l.toString());
            case Double d -> out.append(Double.isFinite(d) ? plain(d) : "null");
            case BigDecimal d -> out.append(d.toPlainString());
            default -> string(out, v.toString());
        }
    }

    /**
     * A double as BigDecimal.valueOf(d).toPlainString() writes it, without the BigDecimal for the usual
     * coordinates (Double.toString already is plain between 10^-3 and 10^7).
     */
    static String plain(double d) {
        double a = Math.abs(d);
        return a >= 1e-3 && a < 1e7 ? Double.toString(d) : BigDecimal.valueOf(d).toPlainString();
    }

    private static void string(Appendable out, String s) throws IOException {
        out.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(s, run, s.length());
        out.append('"');
    }

    // ---- XML -------------------------------------------------------------------------------------------------

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    String xml() {
        StringWriter out = new StringWriter(4096);
        try {
            xml(XML.createXMLStreamWriter(out));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Writes the XML, UTF-8, straight to {@code out}; the caller flushes. */
    void xml(OutputStream out) {
        try {
            xml(XML.createXMLStreamWriter(out, "utf-8"));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void xml(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartDocument("utf-8", "1.0");
        element(w, root, body);
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    private static void element(XMLStreamWriter w, String name, Object v) throws XMLStreamException {
        switch (v) {
            case null -> w.writeEmptyElement(name);
            case Items items -> {
                if (items.values().isEmpty()) {
                    w.writeEmptyElement(name);
                    return;
                }
                w.writeStartElement(name);
                for (Object item : items.values()) {
                    element(w, items.child(), item);
                }
                w.writeEndElement();
            }
            case Map<?, ?> map -> {
                w.writeStartElement(name);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    element(w, String.valueOf(e.getKey()), e.getValue());
                }
                w.writeEndElement();
            }
            case List<?> list -> {
                // A bare list inside a map repeats the element itself (used only by extensions).
                for (Object item : list) {
                    element(w, name, item);
                }
            }
            default -> {
                String text = v instanceof Double d ? plain(d) : v.toString();
                if (text.isEmpty()) {
                    w.writeEmptyElement(name);
                } else {
                    w.writeStartElement(name);
                    w.writeCharacters(strip(text));
                    w.writeEndElement();
                }
            }
        }
    }

    /** Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks). */
    private static String strip(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '\uFFFE' || c == '\uFFFF';
            if (bad && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null && !bad) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
