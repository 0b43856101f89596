package jp.machi.identity.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.security.CurrentActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** TOTP enrolment and checking for staff, with one-use recovery codes. */
@Service
public class TwoFactorService {

    static final int RECOVERY_CODES = 10;

    private final AccountRepository accounts;
    private final JdbcClient jdbc;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;

    TwoFactorService(AccountRepository accounts, JdbcClient jdbc, LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    public String qrSvg(String issuer, String email, String secret, String title) {
        return QrCodeSvg.svg(Totp.otpauthUri(issuer, email, secret), title);
    }

    /**
     * Confirms enrolment with a first code from the app. Returns the recovery codes (shown once), or an empty
     * list when the code is wrong.
     */
    @Transactional
    public List<String> confirmEnrolment(long accountId, String secret, String code) {
        OptionalLong step = Totp.verify(secret, code, clock.instant());
        if (step.isEmpty()) {
            audit.record(event("identity.2fa.enrol.failure", accountId, AuditDetail.of("identity.audit.2fa.enrol.failure")));
            return List.of();
        }
        accounts.confirmTotp(accountId, secret, step.getAsLong());
        List<String> codes = newRecoveryCodes(accountId);
        audit.record(event("identity.2fa.enrol", accountId, AuditDetail.of("identity.audit.2fa.enrol")));
        audit.record(event("identity.login.success", accountId, AuditDetail.of("identity.audit.login.firstCode")));
        return codes;
    }

    public enum Result { OK, WRONG, LOCKED }

    /** Checks a code from the app (or a recovery code) at sign-in. Counts failures like wrong passwords. */
    @Transactional
    public Result verify(long accountId, String code) {
        Account a = accounts.findById(accountId).orElseThrow();
        if (a.lockedAt(clock.instant())) {
            return Result.LOCKED;
        }
        String trimmed = code == null ? "" : code.trim();
        boolean ok = false;
        String how = "identity.audit.login.code";
        if (a.totpEnrolled()) {
            OptionalLong step = Totp.verify(a.totpSecret(), trimmed, clock.instant());
            ok = step.isPresent() && accounts.useTotpStep(accountId, step.getAsLong());
        }
        if (!ok && trimmed.length() >= 12) {
            ok = useRecoveryCode(accountId, trimmed);
            how = "identity.audit.login.recovery";
        }
        if (ok) {
            throttle.succeeded(accountId, CurrentActor.remoteAddress());
            audit.record(new AuditEvent("identity.login.success", accountId, a.email(), null, accountId,
                "account:" + accountId, AuditDetail.of(how), CurrentActor.remoteAddress()));
            return Result.OK;
        }
        throttle.accountFailed(a);
        throttle.addressFailed(CurrentActor.remoteAddress());
        audit.record(new AuditEvent("identity.login.2fa.failure", accountId, a.email(), null, accountId,
            "account:" + accountId, AuditDetail.of("identity.audit.login.2fa.failure"), CurrentActor.remoteAddress()));
        return Result.WRONG;
    }

    /** Replaces all recovery codes with new ones. */
    @Transactional
    public List<String> regenerateRecoveryCodes(long accountId) {
        List<String> codes = newRecoveryCodes(accountId);
        audit.record(AuditEvent.byCurrentActor("identity.2fa.recovery.regenerate", accountId, "account:" + accountId,
            AuditDetail.of("identity.audit.2fa.recovery")));
        return codes;
    }

    public int unusedRecoveryCodes(long accountId) {
        return jdbc.sql("select count(*) from recovery_code where account_id = ? and used_at is null").param(accountId)
            .query(Integer.class).single();
    }

    private List<String> newRecoveryCodes(long accountId) {
        jdbc.sql("delete from recovery_code where account_id = ?").param(accountId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = SecretTokens.newRecoveryCode();
            codes.add(code);
            jdbc.sql("insert into recovery_code (account_id, code_hash) values (?, ?)")
                .params(accountId, SecretTokens.sha256(code)).update();
        }
        return codes;
    }

    private boolean useRecoveryCode(long accountId, String code) {
        String normalised = code.toLowerCase().replaceAll("[^0-9a-z]", "");
        if (normalised.length() != 12) {
            return false;
        }
        String formatted = normalised.substring(0, 4) + "-" + normalised.substring(4, 8) + "-" + normalised.substring(8);
        return jdbc.sql("update recovery_code set used_at = now() where account_id = ? and code_hash = ? and used_at is null")
            .params(accountId, SecretTokens.sha256(formatted)).update() == 1;
    }

    private AuditEvent event(String action, long accountId, AuditDetail detail) {
        return new AuditEvent(action, accountId, null, null, accountId, "account:" + accountId, detail,
            CurrentActor.remoteAddress());
    }
}
