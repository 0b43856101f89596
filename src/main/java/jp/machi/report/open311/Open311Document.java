package jp.machi.report.open311;

import java.io.StringWriter;
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

    private static void json(StringBuilder out, Object v) {
        switch (v) {
            case null -> out.append("null");
            case Items items -> json(out, items.values());
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
                    json(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    json(out, list.get(i));
                }
                out.append(']');
            }
            case Boolean b -> out.append(b);
            case Integer i -> out.append(i);
            case Long l -> out.append(l);
            case Double d -> out.append(Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : "null");
            case BigDecimal d -> out.append(d.toPlainString());
            default -> string(out, v.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ---- XML -------------------------------------------------------------------------------------------------

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    String xml() {
        StringWriter out = new StringWriter(4096);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("utf-8", "1.0");
            element(w, root, body);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
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
                String text = v instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : v.toString();
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
