package jp.machi.identity.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.machi.shared.security.Role;
import jp.machi.shared.security.TokenScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Every {@link TokenScope} the modules declare, with the requests each one opens. Identity declares two itself:
 * {@code resident} (the machine API as the resident) and {@code metrics:read} (the Prometheus scrape).
 */
@Component
public class TokenScopes {

    private final Map<String, Entry> scopes = new LinkedHashMap<>();

    record Entry(TokenScope scope, List<RequestMatcher> matchers) {}

    TokenScopes(List<TokenScope> declared) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        for (TokenScope s : declared.stream().sorted(Comparator.comparing(TokenScope::name)).toList()) {
            List<RequestMatcher> matchers = new ArrayList<>();
            for (String r : s.requests()) {
                int space = r.indexOf(' ');
                matchers.add(space < 0 ? paths.matcher(r)
                    : paths.matcher(HttpMethod.valueOf(r.substring(0, space)), r.substring(space + 1)));
            }
            if (scopes.putIfAbsent(s.name(), new Entry(s, List.copyOf(matchers))) != null) {
                throw new IllegalStateException("Two token scopes are named " + s.name());
            }
        }
    }

    /** Every scope's name and label key. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        scopes.forEach((name, e) -> labels.put(name, e.scope().labelKey()));
        return labels;
    }

    public Optional<TokenScope> find(String name) {
        return Optional.ofNullable(scopes.get(name)).map(Entry::scope);
    }

    /** The scopes a person with these roles may put on a token, in name order. */
    public List<TokenScope> availableTo(Set<Role> roles) {
        return scopes.values().stream().map(Entry::scope).filter(s -> holds(roles, s.requires())).toList();
    }

    /** True when one of the scopes opens this request. */
    boolean opens(Collection<TokenScope> granted, HttpServletRequest request) {
        return granted.stream().map(s -> scopes.get(s.name())).filter(java.util.Objects::nonNull)
            .anyMatch(e -> e.matchers().stream().anyMatch(m -> m.matches(request)));
    }

    /** The role hierarchy: system admins are department admins, department admins and auditors are staff. */
    static boolean holds(Set<Role> roles, Role needed) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        all.addAll(roles);
        if (all.contains(Role.SYSTEM_ADMIN)) {
            all.add(Role.DEPT_ADMIN);
        }
        if (all.contains(Role.DEPT_ADMIN) || all.contains(Role.AUDITOR)) {
            all.add(Role.STAFF);
        }
        return all.contains(needed);
    }
}
