package jp.machi.opendata.api;

import java.util.List;
import java.util.Map;

/** The parameters of one action call, from the query string or the JSON body, read the way CKAN's validators do. */
record CkanParams(Map<String, Object> values) {

    boolean has(String key) {
        Object v = values.get(key);
        return v != null && !(v instanceof String s && s.isEmpty());
    }

    /** The value as text (the first of a repeated parameter), or null. */
    String string(String key) {
        Object v = values.get(key);
        if (v instanceof List<?> l) {
            v = l.isEmpty() ? null : l.get(0);
        }
        return v == null ? null : v.toString();
    }

    /** A natural number (0, 1, 2 ...) or the default; otherwise CKAN's Validation Error for that field. */
    int natural(String key, int dflt) {
        Object v = values.get(key);
        if (v instanceof List<?> l) {
            v = l.isEmpty() ? null : l.get(0);
        }
        if (v == null || (v instanceof String s && s.isBlank())) {
            return dflt;
        }
        long n;
        if (v instanceof Number num && (num instanceof Integer || num instanceof Long)) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().strip());
            } catch (NumberFormatException e) {
                throw CkanError.validation(key, "Invalid integer");
            }
        }
        if (n < 0) {
            throw CkanError.validation(key, "Must be a natural number");
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** true/false, "true"/"false", "1"/"0", "yes"/"no" (CKAN's asbool), else the default. */
    boolean bool(String key, boolean dflt) {
        String v = string(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y", "on" -> true;
            case "false", "0", "no", "n", "off" -> false;
            default -> throw CkanError.validation(key, "Not a boolean");
        };
    }

    /** An id parameter that must be given: CKAN's "Missing value" under {@code field} otherwise. */
    String required(String key, String field) {
        String v = string(key);
        if (v == null || v.isBlank()) {
            throw CkanError.validation(field, "Missing value");
        }
        return v.strip();
    }
}
