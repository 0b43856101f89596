package jp.machi.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.security.TokenScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens for the machine API: shown once, stored as SHA-256, revocable, each with scopes
 * ({@link TokenScope}) that say which API requests it opens. Staff tokens expire after at most
 * {@link #MAX_STAFF_VALIDITY}; a scope works only while its owner holds the scope's role.
 */
@Service
public class ApiTokenService {

    public static final int MAX_ACTIVE_TOKENS = 20;
    public static final Duration MAX_STAFF_VALIDITY = Duration.ofDays(90);

    public record ApiToken(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                           List<String> scopes, Instant expiresAt) {}

    /** A token that authenticated: its owner and the scopes it holds now. */
    public record Grant(Account account, List<TokenScope> scopes) {}

    /** Why a token could not be made; {@code messageKey} says it in the person's language. */
    public static final class Refused extends jp.machi.shared.web.FieldRefusal {
        Refused(String field, String messageKey) {
            super(field, messageKey);
        }
    }

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final TokenScopes scopes;

    ApiTokenService(JdbcClient jdbc, AccountRepository accounts, AuditLog audit, Clock clock, TokenScopes scopes) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.scopes = scopes;
    }

    public List<ApiToken> active(long accountId) {
        return jdbc.sql("""
                select id, name, token_prefix, created_at, last_used_at, scopes, expires_at from api_token
                where account_id = ? and revoked_at is null and (expires_at is null or expires_at > now())
                order by created_at desc, id desc""")
            .param(accountId)
            .query((rs, n) -> new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                AccountRepository.instant(rs, "created_at"), AccountRepository.instant(rs, "last_used_at"),
                List.of(rs.getString("scopes").split(" ")), AccountRepository.instant(rs, "expires_at")))
            .list();
    }

    /** Every declared scope's name and label key. */
    public java.util.Map<String, String> scopeLabels() {
        return scopes.labels();
    }

    /** The scopes this person may put on a token. */
    public List<TokenScope> scopesFor(long accountId) {
        return accounts.findById(accountId).map(a -> scopes.availableTo(a.roles())).orElse(List.of());
    }

    /**
     * Creates a token and returns its secret value, which is never shown again.
     *
     * @param validity how long it works; null for no end (residents only: staff tokens always expire, after at
     *                 most 90 days)
     * @throws Refused when at the limit of active tokens, with no scope, a scope the person may not hold, or a
     *                 validity that is not allowed
     */
    @Transactional
    public String create(long accountId, String name, Collection<String> scopeNames, Duration validity) {
        Account a = accounts.findById(accountId).orElseThrow();
        if (active(accountId).size() >= MAX_ACTIVE_TOKENS) {
            throw new Refused("name", "identity.token.limit");
        }
        Set<String> wanted = new LinkedHashSet<>(scopeNames == null ? List.of() : scopeNames);
        if (wanted.isEmpty() && !a.isStaff() && a.has(jp.machi.shared.security.Role.RESIDENT)) {
            // a resident's token acts as the resident unless they chose otherwise; staff always choose
            wanted.add(TokenScope.RESIDENT);
        }
        if (wanted.isEmpty()) {
            throw new Refused("scopes", "identity.token.scopes.required");
        }
        Set<String> allowed = scopes.availableTo(a.roles()).stream().map(TokenScope::name).collect(Collectors.toSet());
        if (!allowed.containsAll(wanted)) {
            throw new Refused("scopes", "identity.token.scopes.invalid");
        }
        if (validity != null && (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(366)) > 0)
            || a.isStaff() && (validity == null || validity.compareTo(MAX_STAFF_VALIDITY) > 0)) {
            throw new Refused("days", "identity.token.days.invalid");
        }
        String token = "machi_" + SecretTokens.newToken();
        Instant expires = validity == null ? null : clock.instant().plus(validity);
        insert(accountId, name, token, wanted, expires);
        audit.record(AuditEvent.byCurrentActor("identity.token.create", accountId, "account:" + accountId,
            AuditDetail.of(expires == null ? "identity.audit.token.create" : "identity.audit.token.create.expires", name,
                AuditDetail.words("", scopes.availableTo(a.roles()).stream().filter(s -> wanted.contains(s.name()))
                    .map(TokenScope::labelKey).toList()),
                expires == null ? "" : java.time.LocalDate.ofInstant(expires, jp.machi.shared.time.MachiClock.ZONE))));
        return token;
    }

    void insert(long accountId, String name, String token, Collection<String> scopeNames, Instant expiresAt) {
        jdbc.sql("insert into api_token (account_id, name, token_hash, token_prefix, scopes, expires_at) values (?, ?, ?, ?, ?, ?)")
            .params(accountId, name.trim(), SecretTokens.sha256(token), token.substring(0, Math.min(10, token.length())),
                String.join(" ", scopeNames), expiresAt == null ? null : java.sql.Timestamp.from(expiresAt))
            .update();
    }

    /**
     * A demo token with a known value (demo data only): made when missing, its scopes and end renewed when present,
     * so a demo that runs for months keeps a working token.
     */
    void putDemoToken(long accountId, String name, String token, Collection<String> scopeNames, Instant expiresAt) {
        int updated = jdbc.sql("update api_token set scopes = ?, expires_at = ?, revoked_at = null where token_hash = ?")
            .params(String.join(" ", scopeNames), expiresAt == null ? null : java.sql.Timestamp.from(expiresAt),
                SecretTokens.sha256(token))
            .update();
        if (updated == 0) {
            insert(accountId, name, token, scopeNames, expiresAt);
        }
    }

    /** Revokes one of the account's own tokens; false when there is no such active token. */
    @Transactional
    public boolean revoke(long accountId, long tokenId) {
        boolean done = jdbc.sql("update api_token set revoked_at = now() where id = ? and account_id = ? and revoked_at is null")
            .params(tokenId, accountId).update() == 1;
        if (done) {
            audit.record(AuditEvent.byCurrentActor("identity.token.revoke", accountId, "account:" + accountId,
                AuditDetail.of("identity.audit.token.revoke", tokenId)));
        }
        return done;
    }

    /**
     * The owner and scopes of a bearer token, if the token is active (not revoked, not expired) and the account is
     * usable. Scopes whose role the owner no longer holds, or that no module declares any more, are left out.
     */
    public Optional<Grant> authenticate(String token) {
        if (token == null || token.length() < 10 || token.length() > 200) {
            return Optional.empty();
        }
        // one statement, without a transaction around it: the token, its account with roles and departments, and
        // last_used_at (issue 15: it was five statements in a transaction)
        return accounts.byApiToken(SecretTokens.sha256(token))
            .filter(h -> !h.account().isDeleted() && h.account().emailVerifiedAt() != null
                && !h.account().lockedAt(clock.instant()))
            .map(h -> new Grant(h.account(), Arrays.stream(h.scopes().split(" ")).map(scopes::find)
                .flatMap(Optional::stream).filter(s -> TokenScopes.holds(h.account().roles(), s.requires())).toList()));
    }
}
