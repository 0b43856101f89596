package jp.machi.opendata.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small RDF graph of named resources with nested blank nodes, written as Turtle or JSON-LD. Enough for DCAT-AP;
 * both outputs are parsed back by Apache Jena in the tests.
 */
final class Rdf {

    static final Map<String, String> PREFIXES = new LinkedHashMap<>();

    static {
        PREFIXES.put("dcat", "http://www.w3.org/ns/dcat#");
        PREFIXES.put("dct", "http://purl.org/dc/terms/");
        PREFIXES.put("foaf", "http://xmlns.com/foaf/0.1/");
        PREFIXES.put("vcard", "http://www.w3.org/2006/vcard/ns#");
        PREFIXES.put("skos", "http://www.w3.org/2004/02/skos/core#");
        PREFIXES.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        PREFIXES.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        PREFIXES.put("hydra", "http://www.w3.org/ns/hydra/core#");
        PREFIXES.put("adms", "http://www.w3.org/ns/adms#");
        PREFIXES.put("owl", "http://www.w3.org/2002/07/owl#");
    }

    sealed interface Value permits Iri, Literal, Blank {}

    record Iri(String iri) implements Value {}

    /** A literal with a language, or a datatype (a prefixed name such as xsd:date), or neither. */
    record Literal(String text, String language, String datatype) implements Value {}

    /** A nested node without a name. */
    static final class Blank implements Value {
        final Map<String, List<Value>> properties = new LinkedHashMap<>();

        Blank add(String predicate, Value v) {
            if (v != null) {
                properties.computeIfAbsent(predicate, k -> new ArrayList<>()).add(v);
            }
            return this;
        }
    }

    static Iri iri(String s) {
        return s == null || s.isBlank() ? null : new Iri(s);
    }

    static Literal text(String s, String lang) {
        return s == null || s.isBlank() ? null : new Literal(s, lang, null);
    }

    static Literal typed(String s, String datatype) {
        return s == null ? null : new Literal(s, null, datatype);
    }

    /** Named subjects in order. */
    private final Map<String, Blank> subjects = new LinkedHashMap<>();

    Blank subject(String iri) {
        return subjects.computeIfAbsent(iri, k -> new Blank());
    }

    // ---- Turtle ----

    String turtle() {
        StringBuilder sb = new StringBuilder();
        PREFIXES.forEach((p, ns) -> sb.append("@prefix ").append(p).append(": <").append(ns).append("> .\n"));
        subjects.forEach((s, node) -> {
            sb.append('\n').append('<').append(escapeIri(s)).append('>');
            properties(sb, node, "    ");
            sb.append(" .\n");
        });
        return sb.toString();
    }

    private static void properties(StringBuilder sb, Blank node, String indent) {
        boolean first = true;
        for (var e : node.properties.entrySet()) {
            sb.append(first ? "\n" : " ;\n").append(indent).append(e.getKey().equals("@type") ? "a" : e.getKey()).append(' ');
            first = false;
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                Value v = e.getValue().get(i);
                if (e.getKey().equals("@type") && v instanceof Iri t) {
                    sb.append(t.iri());
                } else {
                    value(sb, v, indent);
                }
            }
        }
    }

    private static void value(StringBuilder sb, Value v, String indent) {
        switch (v) {
            case Iri i -> sb.append('<').append(escapeIri(i.iri())).append('>');
            case Literal l -> {
                sb.append('"').append(escapeString(l.text())).append('"');
                if (l.language() != null) {
                    sb.append('@').append(l.language());
                } else if (l.datatype() != null) {
                    sb.append("^^").append(l.datatype());
                }
            }
            case Blank b -> {
                sb.append('[');
                properties(sb, b, indent + "    ");
                sb.append('\n').append(indent).append(']');
            }
        }
    }

    static String escapeString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        jp.machi.shared.text.JsonStrings.appendEscaped(sb, s);
        return sb.toString();
    }

    /** IRIs in Turtle may not hold spaces, angle brackets, quotes, braces, pipes, carets, backquotes or backslashes. */
    static String escapeIri(String iri) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0) {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    sb.append(String.format("%%%02X", b & 0xFF));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- JSON-LD ----

    String jsonLd() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", new LinkedHashMap<>(PREFIXES));
        List<Object> graph = new ArrayList<>();
        subjects.forEach((s, node) -> {
            Map<String, Object> m = jsonNode(node);
            Map<String, Object> withId = new LinkedHashMap<>();
            withId.put("@id", escapeIri(s));
            withId.putAll(m);
            graph.add(withId);
        });
        doc.put("@graph", graph);
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }

    private static Map<String, Object> jsonNode(Blank node) {
        Map<String, Object> m = new LinkedHashMap<>();
        node.properties.forEach((p, values) -> {
            List<Object> out = new ArrayList<>();
            for (Value v : values) {
                if (p.equals("@type") && v instanceof Iri t) {
                    out.add(t.iri());
                    continue;
                }
                out.add(switch (v) {
                    case Iri i -> Map.of("@id", escapeIri(i.iri()));
                    case Literal l -> {
                        Map<String, Object> x = new LinkedHashMap<>();
                        x.put("@value", l.text());
                        if (l.language() != null) {
                            x.put("@language", l.language());
                        } else if (l.datatype() != null) {
                            x.put("@type", l.datatype());
                        }
                        yield x;
                    }
                    case Blank b -> jsonNode(b);
                });
            }
            m.put(p, out);
        });
        return m;
    }
}
