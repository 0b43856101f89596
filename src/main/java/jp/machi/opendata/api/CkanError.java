package jp.machi.opendata.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CKAN error: the HTTP status, CKAN's {@code __type} and the error object's other members. */
final class CkanError extends RuntimeException {

    final int status;
    final Map<String, Object> error;

    private CkanError(int status, String type, Map<String, Object> fields) {
        super(type);
        this.status = status;
        this.error = new LinkedHashMap<>();
        this.error.putAll(fields);
        this.error.put("__type", type);
    }

    static CkanError notFound(String message) {
        return new CkanError(404, "Not Found Error", Map.of("message", "Not found: " + message));
    }

    static CkanError validation(String field, String message) {
        return new CkanError(409, "Validation Error", Map.of(field, List.of(message)));
    }

    static CkanError searchQuery(String message) {
        return new CkanError(400, "Search Query Error", Map.of("message", message));
    }

    static CkanError authorization(String message) {
        return new CkanError(403, "Authorization Error", Map.of("message", "Access denied: " + message));
    }
}
