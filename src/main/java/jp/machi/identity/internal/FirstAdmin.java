package jp.machi.identity.internal;

import java.util.EnumSet;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new installation's first system admin: with MACHI_ADMIN_EMAIL set and no system admin yet, Machi creates
 * that staff account and mails it an invitation to choose a password (TOTP is enrolled at the first sign-in).
 * Once any system admin exists the setting does nothing, so it can stay in the environment.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final String email;
    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final AccountService accountService;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    FirstAdmin(@Value("${machi.admin-email:}") String email, JdbcClient jdbc, AccountRepository accounts,
               AccountService accountService, PasswordEncoder encoder, AuditLog audit, TransactionTemplate tx) {
        this.email = email == null ? "" : email.trim();
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.accountService = accountService;
        this.encoder = encoder;
        this.audit = audit;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!email.isEmpty()) {
            ensure(email);
        }
    }

    /** Creates and invites the first system admin; false when one already exists or the address is taken. */
    boolean ensure(String address) {
        Boolean created = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(4242)").query(Object.class).optional();
            long admins = jdbc.sql("""
                    select count(*) from account_role r join account a on a.id = r.account_id
                    where r.role = 'SYSTEM_ADMIN' and a.deleted_at is null""").query(Long.class).single();
            if (admins > 0 || accounts.emailTaken(address) || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return false;
            }
            long id = accounts.insert(Account.STAFF, address, encoder.encode(SecretTokens.newToken()), "System admin",
                null, null, "ja", null);
            accounts.setRoles(id, EnumSet.of(Role.STAFF, Role.DEPT_ADMIN, Role.SYSTEM_ADMIN));
            accounts.setDepartments(id, java.util.Set.of(), true);
            audit.record(new AuditEvent("identity.staff.bootstrap", null, "system", null, id, "staff:" + id,
                AuditDetail.of("identity.audit.staff.bootstrap"), null));
            accountService.sendInvitation(accounts.findById(id).orElseThrow());
            return true;
        });
        if (Boolean.TRUE.equals(created)) {
            log.info("First system admin {} created; an invitation to set a password was mailed", address);
        }
        return Boolean.TRUE.equals(created);
    }
}
