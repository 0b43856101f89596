package jp.machi.identity;

import jp.machi.identity.internal.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The identity module's test fixture: verified accounts with their roles, staff departments and API tokens, written
 * into identity's own tables so that other modules' tests never touch them. The password is unusable
 * ({@code {noop}!}); tests sign these people in with {@code support.StaffLogin.as} or with the token.
 */
public final class TestAccounts {

    private TestAccounts() {}

    /** A verified resident (Japanese) with the RESIDENT role; returns the account id. */
    public static long resident(JdbcClient jdbc, String email, String displayName) {
        long id = account(jdbc, "RESIDENT", email, displayName);
        jdbc.sql("insert into account_role (account_id, role) values (?, 'RESIDENT')").param(id).update();
        return id;
    }

    /** A staff member with the STAFF role in the given departments; returns the account id. */
    public static long staff(JdbcClient jdbc, String email, String displayName, String... departments) {
        long id = account(jdbc, "STAFF", email, displayName);
        jdbc.sql("insert into account_role (account_id, role) values (?, 'STAFF')").param(id).update();
        for (String department : departments) {
            jdbc.sql("insert into staff_department (account_id, department_code) values (?, ?)").params(id, department).update();
        }
        return id;
    }

    /** A personal API token with the default scopes; {@code token} is the secret the test sends as Bearer. */
    public static void token(JdbcClient jdbc, long accountId, String token) {
        jdbc.sql("insert into api_token (account_id, name, token_hash, token_prefix) values (?, 'test', ?, ?)")
            .params(accountId, SecretTokens.sha256(token), token.substring(0, 8)).update();
    }

    /** The language mails and notices to this person are written in ({@code ja} or {@code en}). */
    public static void preferLanguage(JdbcClient jdbc, long accountId, String language) {
        jdbc.sql("update account set preferred_language = ? where id = ?").params(language, accountId).update();
    }

    private static long account(JdbcClient jdbc, String kind, String email, String displayName) {
        return jdbc.sql("""
                insert into account (kind, email, password_hash, display_name, preferred_language, email_verified_at)
                values (?, ?, '{noop}!', ?, 'ja', now()) returning id""")
            .params(kind, email, displayName).query(Long.class).single();
    }
}
