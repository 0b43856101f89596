package jp.machi.reservation;

import java.util.UUID;
import jp.machi.identity.internal.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Residents made straight in the database for tests: a verified account, an API token and a booker registration. */
public final class TestResidents {

    private TestResidents() {}

    public record Resident(long id, String token) {}

    public static Resident create(JdbcClient jdbc, String residency) {
        return create(jdbc, residency, "予約 テスト");
    }

    /** A resident with their own name (for tests that look for it afterwards). */
    public static Resident create(JdbcClient jdbc, String residency, String name) {
        String unique = UUID.randomUUID().toString();
        long id = jdbc.sql("""
                insert into account (kind, email, password_hash, display_name, preferred_language, email_verified_at)
                values ('RESIDENT', ?, '{noop}!', ?, 'ja', now()) returning id""")
            .params("booker-" + unique + "@example.com", name).query(Long.class).single();
        jdbc.sql("insert into account_role (account_id, role) values (?, 'RESIDENT')").param(id).update();
        String token = "test-" + unique;
        jdbc.sql("insert into api_token (account_id, name, token_hash, token_prefix) values (?, 'test', ?, ?)")
            .params(id, SecretTokens.sha256(token), token.substring(0, 8)).update();
        if (residency != null) {
            jdbc.sql("insert into reservation_booker (account_id, residency) values (?, ?)").params(id, residency).update();
        }
        return new Resident(id, token);
    }
}
