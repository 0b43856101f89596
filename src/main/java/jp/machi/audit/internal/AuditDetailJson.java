package jp.machi.audit.internal;

import java.util.ArrayList;
import java.util.List;
import jp.machi.audit.AuditDetail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An audit description's arguments as stored (and hashed) in {@code detail_args}: a JSON array whose items are a
 * string or a number (shown as recorded), {@code {"word":"key"}}, {@code {"words":["key", …]}} or
 * {@code {"ja":"…","en":"…"}} (a name in both languages) or
 * {@code {"departments":["code", …]}}. Written once with the entry and never rewritten.
 */
public final class AuditDetailJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditDetailJson() {}

    /** The arguments as JSON text, or null when there are none. */
    public static String write(List<Object> args) {
        if (args == null || args.isEmpty()) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (Object a : args) {
            switch (a) {
                case AuditDetail.Word w -> array.addObject().put("word", w.key());
                case AuditDetail.Words ws -> {
                    ArrayNode keys = array.addObject().putArray("words");
                    ws.keys().forEach(keys::add);
                }
                case AuditDetail.Departments d -> {
                    ArrayNode codes = array.addObject().putArray("departments");
                    d.codes().forEach(codes::add);
                }
                case AuditDetail.Named n -> {
                    ObjectNode o = array.addObject().put("ja", n.ja());
                    if (n.en() != null) {
                        o.put("en", n.en());
                    }
                }
                case null -> array.add("");
                case Long l -> array.add(l);
                case Number n -> array.add(n.toString());
                default -> array.add(String.valueOf(a));
            }
        }
        return JSON.writeValueAsString(array);
    }

    /** The arguments read back, as the types {@link AuditDetail} takes; empty for null or unreadable text. */
    public static List<Object> read(String json) {
        List<Object> args = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return args;
        }
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (RuntimeException e) {
            return args;
        }
        for (JsonNode n : array) {
            if (n.isObject() && n.has("word")) {
                args.add(AuditDetail.word(n.get("word").asString()));
            } else if (n.isObject() && n.has("words")) {
                List<String> keys = new ArrayList<>();
                n.get("words").forEach(k -> keys.add(k.asString()));
                args.add(new AuditDetail.Words(keys));
            } else if (n.isObject() && n.has("departments")) {
                List<String> codes = new ArrayList<>();
                n.get("departments").forEach(k -> codes.add(k.asString()));
                args.add(new AuditDetail.Departments(codes));
            } else if (n.isObject()) {
                args.add(AuditDetail.named(n.path("ja").asString(""), n.has("en") ? n.get("en").asString() : null));
            } else if (n.isIntegralNumber()) {
                args.add(n.asLong());
            } else {
                args.add(n.asString());
            }
        }
        return args;
    }
}
