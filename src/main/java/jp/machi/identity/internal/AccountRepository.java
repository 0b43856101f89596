package jp.machi.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.machi.shared.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL for accounts, roles and departments. */
@Repository
public class AccountRepository {

    private static final String COLUMNS = """
        id, kind, email, password_hash, display_name, name_kana, district, preferred_language, contact_email,
        email_verified_at, totp_secret, totp_confirmed_at, totp_last_step, all_departments, failed_logins,
        locked_until, created_at, deleted_at, phone, registered_at_counter""";

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from account where id = ?").param(id)
            .query(this::row).optional().map(this::withRolesAndDepartments);
    }

    /** The accounts of the ids, without their roles and departments (one query). */
    public List<Account> findAllById(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from account where id = any(?)")
            .param(ids.stream().distinct().toArray(Long[]::new)).query(this::row).list();
    }

    public Optional<Account> findActiveByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from account where lower(email) = lower(?) and deleted_at is null")
            .param(email.trim()).query(this::row).optional().map(this::withRolesAndDepartments);
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select count(*) from account where lower(email) = lower(?)").param(email.trim())
            .query(Long.class).single() > 0;
    }

    public long insert(String kind, String email, String passwordHash, String displayName, String nameKana,
                       String district, String language, Instant verifiedAt) {
        return jdbc.sql("""
                insert into account (kind, email, password_hash, display_name, name_kana, district, preferred_language,
                                     email_verified_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(kind, email.trim(), passwordHash, displayName, nameKana, district, language, ts(verifiedAt))
            .query(Long.class).single();
    }

    public void setRoles(long accountId, Set<Role> roles) {
        jdbc.sql("delete from account_role where account_id = ?").param(accountId).update();
        for (Role role : roles) {
            jdbc.sql("insert into account_role (account_id, role) values (?, ?)").params(accountId, role.name()).update();
        }
    }

    public void setDepartments(long accountId, Set<String> departments, boolean allDepartments) {
        jdbc.sql("delete from staff_department where account_id = ?").param(accountId).update();
        for (String code : departments) {
            jdbc.sql("insert into staff_department (account_id, department_code) values (?, ?)")
                .params(accountId, code).update();
        }
        jdbc.sql("update account set all_departments = ?, updated_at = now() where id = ?")
            .params(allDepartments, accountId).update();
    }

    public void updateProfile(long id, String displayName, String nameKana, String district, String language,
                              String contactEmail) {
        jdbc.sql("""
                update account set display_name = ?, name_kana = ?, district = ?, preferred_language = ?,
                       contact_email = ?, updated_at = now() where id = ?""")
            .params(displayName, nameKana, district, language, contactEmail, id).update();
    }

    public void updatePassword(long id, String hash) {
        jdbc.sql("update account set password_hash = ?, failed_logins = 0, locked_until = null, updated_at = now() where id = ?")
            .params(hash, id).update();
    }

    public void markVerified(long id) {
        jdbc.sql("update account set email_verified_at = coalesce(email_verified_at, now()) where id = ?").param(id).update();
    }

    public void recordFailure(long id, int failures, Instant lockedUntil) {
        jdbc.sql("update account set failed_logins = ?, locked_until = ? where id = ?")
            .params(failures, ts(lockedUntil), id).update();
    }

    public void clearFailures(long id) {
        jdbc.sql("update account set failed_logins = 0, locked_until = null where id = ? and (failed_logins <> 0 or locked_until is not null)")
            .param(id).update();
    }

    public void confirmTotp(long id, String secret, long step) {
        jdbc.sql("update account set totp_secret = ?, totp_confirmed_at = now(), totp_last_step = ? where id = ?")
            .params(secret, step, id).update();
    }

    /** Remembers the time step a code was used in; false when it was already used (a replayed code). */
    public boolean useTotpStep(long id, long step) {
        return jdbc.sql("update account set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
            .params(step, id, step).update() == 1;
    }

    public void resetTotp(long id) {
        jdbc.sql("update account set totp_secret = null, totp_confirmed_at = null, totp_last_step = null where id = ?")
            .param(id).update();
        jdbc.sql("delete from recovery_code where account_id = ?").param(id).update();
    }

    /** Erases a deleted account's personal data; the row stays (anonymous) so audit entries keep their number. */
    /** Deletes the account; roles, departments, tokens and codes go with it (foreign keys cascade). */
    public void delete(long id) {
        jdbc.sql("delete from account where id = ?").param(id).update();
    }

    /**
     * Residents whose name or reading contains the query, folded as {@link jp.machi.shared.text.NameFolding} does
     * (spaces, width and katakana/hiragana do not matter), or whose e-mail address or phone number contains it.
     */
    public List<Account> searchResidents(String query, int limit) {
        String folded = jp.machi.shared.text.NameFolding.fold(query);
        String like = "%" + escape(folded) + "%";
        String email = "%" + escape(query.trim().toLowerCase(java.util.Locale.ROOT)) + "%";
        String digits = java.text.Normalizer.normalize(query, java.text.Normalizer.Form.NFKC).replaceAll("[^0-9]", "");
        String phone = digits.length() >= 4 ? "%" + digits + "%" : null;
        return jdbc.sql("select " + COLUMNS + " " + """
                 from account where kind = 'RESIDENT' and deleted_at is null
                 and (search_name like ? escape '\\' or lower(coalesce(email, '')) like ? escape '\\'
                      or (cast(? as text) is not null and regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') like ?))
                 order by name_kana nulls last, display_name, id limit ?""")
            .params(like, email, phone, phone, limit).query(this::row).list().stream().map(this::withRolesAndDepartments).toList();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A resident registered at the counter: no e-mail address and no password until they claim the account. */
    public long insertCounterResident(String displayName, String nameKana, String district, String phone, String language) {
        return jdbc.sql("""
                insert into account (kind, email, password_hash, display_name, name_kana, district, preferred_language,
                                     phone, registered_at_counter)
                values ('RESIDENT', null, null, ?, ?, ?, ?, ?, true) returning id""")
            .params(displayName, nameKana, district, language, phone).query(Long.class).single();
    }

    /** A counter resident takes over their account: the address (not yet verified) and a password. */
    public boolean claim(long id, String email, String passwordHash) {
        return jdbc.sql("""
                update account set email = ?, password_hash = ?, email_verified_at = null, updated_at = now()
                where id = ? and email is null and deleted_at is null""")
            .params(email.trim(), passwordHash, id).update() == 1;
    }

    public List<Account> staff() {
        return jdbc.sql("select " + COLUMNS + " from account where kind = 'STAFF' and deleted_at is null order by display_name, id")
            .query(this::row).list().stream().map(this::withRolesAndDepartments).toList();
    }

    /** The account behind a valid API token, with its roles and departments, and the token's scopes as stored. */
    record TokenHolder(Account account, String scopes) {}

    /**
     * The Bearer path in one statement (issue 15; it was five): the token by its hash if it is neither revoked nor
     * expired, its account with roles and departments, and — at most once a minute per token — its {@code last_used_at}
     * set to now. Empty for an unknown, revoked or expired token.
     */
    public Optional<TokenHolder> byApiToken(String tokenHash) {
        return jdbc.sql("""
                with t as (
                    select account_id, scopes from api_token
                    where token_hash = :hash and revoked_at is null and (expires_at is null or expires_at > now())),
                touched as (
                    update api_token set last_used_at = now()
                    where token_hash = :hash and (last_used_at is null or last_used_at < now() - interval '1 minute')
                    and exists (select 1 from t))
                select t.scopes as token_scopes, a.*,
                    array(select role::text from account_role r where r.account_id = a.id) as account_roles,
                    array(select department_code::text from staff_department d where d.account_id = a.id) as account_departments
                from t cross join lateral (select\s""" + COLUMNS + " from account where id = t.account_id) a")
            .param("hash", tokenHash)
            .query((rs, n) -> {
                Account a = row(rs, n);
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (String r : (String[]) rs.getArray("account_roles").getArray()) {
                    roles.add(Role.valueOf(r));
                }
                Set<String> departments = Set.copyOf(java.util.Arrays.asList((String[]) rs.getArray("account_departments").getArray()));
                return new TokenHolder(with(a, roles, departments), rs.getString("token_scopes"));
            })
            .optional();
    }

    private Account withRolesAndDepartments(Account a) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from account_role where account_id = ?").param(a.id())
            .query(String.class).list().forEach(r -> roles.add(Role.valueOf(r)));
        Set<String> departments = new HashSet<>(jdbc.sql(
                "select department_code from staff_department where account_id = ? order by department_code")
            .param(a.id()).query(String.class).list());
        return with(a, roles, departments);
    }

    private static Account with(Account a, Set<Role> roles, Set<String> departments) {
        return new Account(a.id(), a.kind(), a.email(), a.passwordHash(), a.displayName(), a.nameKana(), a.district(),
            a.preferredLanguage(), a.contactEmail(), a.emailVerifiedAt(), a.totpSecret(), a.totpConfirmedAt(),
            a.totpLastStep(), a.allDepartments(), a.failedLogins(), a.lockedUntil(), a.createdAt(), a.deletedAt(),
            Set.copyOf(roles), Set.copyOf(departments), a.phone(), a.registeredAtCounter());
    }

    private Account row(ResultSet rs, int n) throws SQLException {
        long step = rs.getLong("totp_last_step");
        Long lastStep = rs.wasNull() ? null : step;
        return new Account(rs.getLong("id"), rs.getString("kind"), rs.getString("email"), rs.getString("password_hash"),
            rs.getString("display_name"), rs.getString("name_kana"), rs.getString("district"),
            rs.getString("preferred_language"), rs.getString("contact_email"), instant(rs, "email_verified_at"),
            rs.getString("totp_secret"), instant(rs, "totp_confirmed_at"), lastStep, rs.getBoolean("all_departments"),
            rs.getInt("failed_logins"), instant(rs, "locked_until"), instant(rs, "created_at"),
            instant(rs, "deleted_at"), Set.of(), Set.of(), rs.getString("phone"), rs.getBoolean("registered_at_counter"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

}
