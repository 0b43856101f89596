package jp.machi.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Personal access tokens for the JSON APIs: shown once, stored as SHA-256, revocable. */
@Service
public class ApiTokenService {

    public static final int MAX_ACTIVE_TOKENS = 20;

    public record ApiToken(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {}

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokenService(JdbcClient jdbc, AccountRepository accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ApiToken> active(long accountId) {
        return jdbc.sql("""
                select id, name, token_prefix, created_at, last_used_at from api_token
                where account_id = ? and revoked_at is null order by created_at desc, id desc""")
            .param(accountId)
            .query((rs, n) -> new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                AccountRepository.instant(rs, "created_at"), AccountRepository.instant(rs, "last_used_at")))
            .list();
    }

    /** Creates a token and returns its secret value, which is never shown again; empty when at the limit. */
    @Transactional
    public Optional<String> create(long accountId, String name) {
        if (active(accountId).size() >= MAX_ACTIVE_TOKENS) {
            return Optional.empty();
        }
        String token = "machi_" + SecretTokens.newToken();
        insert(accountId, name, token);
        audit.record(AuditEvent.byCurrentActor("identity.token.create", accountId, "account:" + accountId,
            "API token created: " + name));
        return Optional.of(token);
    }

    void insert(long accountId, String name, String token) {
        jdbc.sql("insert into api_token (account_id, name, token_hash, token_prefix) values (?, ?, ?, ?)")
            .params(accountId, name.trim(), SecretTokens.sha256(token), token.substring(0, Math.min(10, token.length())))
            .update();
    }

    /** Revokes one of the account's own tokens; false when there is no such active token. */
    @Transactional
    public boolean revoke(long accountId, long tokenId) {
        boolean done = jdbc.sql("update api_token set revoked_at = now() where id = ? and account_id = ? and revoked_at is null")
            .params(tokenId, accountId).update() == 1;
        if (done) {
            audit.record(AuditEvent.byCurrentActor("identity.token.revoke", accountId, "account:" + accountId,
                "API token revoked: " + tokenId));
        }
        return done;
    }

    /** The account a bearer token belongs to, if the token is active and the account is usable. */
    @Transactional
    public Optional<Account> authenticate(String token) {
        if (token == null || token.length() < 10 || token.length() > 200) {
            return Optional.empty();
        }
        String hash = SecretTokens.sha256(token);
        Optional<Long> accountId = jdbc.sql("select account_id from api_token where token_hash = ? and revoked_at is null")
            .param(hash).query(Long.class).optional();
        accountId.ifPresent(id -> jdbc.sql(
                "update api_token set last_used_at = now() where token_hash = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')")
            .param(hash).update());
        return accountId.flatMap(accounts::findById)
            .filter(a -> !a.isDeleted() && a.emailVerifiedAt() != null && !a.lockedAt(clock.instant()));
    }
}
