package jp.machi.report.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.DemoMode;
import org.springframework.modulith.ApplicationModuleInitializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API keys partner apps send as {@code api_key} on Open311 POST. Keys are 256 random bits; only their SHA-256
 * is stored, so a key is shown once when issued. In demo mode the well-known key {@value #DEMO_KEY} exists.
 */
@Service
public class Open311ApiKeys implements ApplicationModuleInitializer {

    static final String DEMO_KEY = "demo-open311-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record ApiKey(long id, String prefix, String partner, Long issuedBy, Instant createdAt, Instant revokedAt,
                  Instant lastUsedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A key as issued: the secret is in this object only, never stored. */
    public record Issued(long id, String partner, String secret) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final DemoMode demo;
    private final Clock clock;

    Open311ApiKeys(JdbcClient jdbc, AuditLog audit, DemoMode demo, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.demo = demo;
        this.clock = clock;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The partner the key belongs to, if the key is known and not revoked. */
    public Optional<String> partnerFor(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("""
                update open311_api_key set last_used_at = ? where key_hash = ? and revoked_at is null returning partner""")
            .params(Timestamp.from(clock.instant()), hash(key.strip())).query(String.class).optional();
    }

    public List<ApiKey> all() {
        return jdbc.sql("select * from open311_api_key order by revoked_at nulls first, created_at desc, id desc")
            .query((rs, n) -> new ApiKey(rs.getLong("id"), rs.getString("key_prefix"), rs.getString("partner"),
                (Long) rs.getObject("issued_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
                rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
            .list();
    }

    @Transactional
    public Issued issue(String partner, long staffAccountId) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String secret = "m311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        long id = insert(secret, partner.strip(), staffAccountId);
        audit.record(AuditEvent.byCurrentActor("open311.apikey.issue", null, "open311-api-key:" + id,
            AuditDetail.of("report.audit.apikey.issue", partner.strip())));
        return new Issued(id, partner.strip(), secret);
    }

    private long insert(String secret, String partner, Long staffAccountId) {
        return jdbc.sql("""
                insert into open311_api_key (key_hash, key_prefix, partner, issued_by, created_at)
                values (?, ?, ?, ?, ?) returning id""")
            .params(hash(secret), secret.substring(0, Math.min(9, secret.length())), partner, staffAccountId,
                Timestamp.from(clock.instant()))
            .query(Long.class).single();
    }

    /** False when the key does not exist or was already revoked. */
    @Transactional
    public boolean revoke(long id, long staffAccountId) {
        int n = jdbc.sql("update open311_api_key set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
            .params(Timestamp.from(clock.instant()), staffAccountId, id).update();
        if (n > 0) {
            audit.record(AuditEvent.byCurrentActor("open311.apikey.revoke", null, "open311-api-key:" + id,
                AuditDetail.of("report.audit.apikey.revoke")));
        }
        return n > 0;
    }

    @Override
    public void initialize() {
        if (demo.enabled() && jdbc.sql("select count(*) from open311_api_key where key_hash = ?").param(hash(DEMO_KEY))
                .query(Long.class).single() == 0) {
            insert(DEMO_KEY, "デモ用パートナーアプリ (demo partner app)", null);
        }
    }
}
