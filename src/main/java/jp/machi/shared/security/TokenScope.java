package jp.machi.shared.security;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an API token may do: a module declares a bean of this type for each kind of machine access it offers, and
 * the identity module offers the scopes to people when they create a token, grants them on each request and refuses
 * everything else. A token never opens pages or forms, only the requests its scopes list.
 *
 * <pre>{@code
 * @Bean
 * TokenScope sendNotices() {
 *     return new TokenScope("notices:send", "notification.scope.send", Role.STAFF,
 *         List.of("POST /api/v1/notices", "GET /api/v1/notices/**"));
 * }
 * }</pre>
 *
 * A request with a token that holds the scope carries the authority {@code SCOPE_notices:send} (see
 * {@link #authority()}); a controller that needs it says {@code @PreAuthorize("hasAuthority('SCOPE_notices:send')")}.
 * Staff tokens carry only their scopes' authorities (no staff role), expire, and need the scope's role on every use:
 * a token whose owner lost the role loses the scope.
 *
 * @param name     lower-case words with {@code :}, {@code .} or {@code -}, e.g. {@code notices:send}
 * @param labelKey message key of a short description shown on the token page (in both languages)
 * @param requires the role the token's owner must hold to create and to use a token with this scope
 * @param requests which requests the scope opens: {@code "METHOD /path/pattern"} or {@code "/path/pattern"} (any
 *                 method), Spring path patterns under {@code /api/} or {@code /actuator/}
 */
public record TokenScope(String name, String labelKey, Role requires, List<String> requests) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([:.-][a-z0-9]+)*");
    private static final Pattern REQUEST = Pattern.compile("((GET|HEAD|POST|PUT|PATCH|DELETE) )?/(api|actuator)(/\\S*)?");

    /** The residents' own scope: the whole machine API as the resident (their data, bookings, lottery). */
    public static final String RESIDENT = "resident";

    public TokenScope {
        Objects.requireNonNull(requires, "requires");
        if (name == null || name.length() > 40 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a token scope name: " + name);
        }
        if (labelKey == null || labelKey.isBlank()) {
            throw new IllegalArgumentException("A token scope needs a label: " + name);
        }
        requests = List.copyOf(requests);
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("A token scope opens at least one request: " + name);
        }
        for (String r : requests) {
            if (!REQUEST.matcher(r).matches()) {
                throw new IllegalArgumentException("Token scope " + name + ": '" + r
                    + "' is not '[METHOD ]/api/...' or '/actuator/...' (tokens never open pages)");
            }
        }
    }

    /** The authority a request with this scope carries: {@code SCOPE_<name>}. */
    public String authority() {
        return "SCOPE_" + name;
    }
}
