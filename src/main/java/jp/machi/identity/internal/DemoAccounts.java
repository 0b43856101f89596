package jp.machi.identity.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import jp.machi.shared.security.Role;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo ward's accounts (demo mode only; see README). Staff demo accounts share one documented TOTP secret
 * so a newcomer can sign in with any authenticator app or {@code oathtool --totp -b SECRET}.
 */
@Component
class DemoAccounts extends DemoData {

    public static final String PASSWORD = "machi-demo-2026";
    public static final String TOTP_SECRET = "MACHIDEMOSTAFFTOTPSECRETKEY234AB";
    public static final String RESIDENT_TOKEN = "demo-resident-token";

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final AccountRepository accounts;
    private final ApiTokenService tokens;
    private final PasswordEncoder encoder;
    private final TransactionTemplate tx;

    DemoAccounts(DemoMode demo, AccountRepository accounts, ApiTokenService tokens, PasswordEncoder encoder,
                 TransactionTemplate tx) {
        super(demo);
        this.accounts = accounts;
        this.tokens = tokens;
        this.encoder = encoder;
        this.tx = tx;
    }

    @Override
    protected void seed() {
        tx.executeWithoutResult(s -> {
            if (accounts.emailTaken("resident@demo.machi.example")) {
                return;
            }
            String hash = encoder.encode(PASSWORD);
            long resident = accounts.insert(Account.RESIDENT, "resident@demo.machi.example", hash, "練馬 花子",
                "ネリマ ハナコ", "豊玉北", "ja", Instant.now());
            accounts.setRoles(resident, EnumSet.of(Role.RESIDENT));
            tokens.insert(resident, "demo", RESIDENT_TOKEN, java.util.List.of(jp.machi.shared.security.TokenScope.RESIDENT), null);
            staff("staff@demo.machi.example", "広報 太郎", hash, EnumSet.of(Role.STAFF), Set.of("kocho-koho"), false);
            staff("admin@demo.machi.example", "情報 管理者", hash, EnumSet.of(Role.STAFF, Role.DEPT_ADMIN, Role.SYSTEM_ADMIN),
                Set.of("joho-seisaku"), true);
            staff("auditor@demo.machi.example", "監査 担当", hash, EnumSet.of(Role.STAFF, Role.AUDITOR),
                Set.of("joho-kokai"), false);
            log.info("Demo accounts created (password {}, staff TOTP secret {}); see README", PASSWORD, TOTP_SECRET);
        });
        tx.executeWithoutResult(s -> {
            if (!accounts.emailTaken(CLUB)) {
                long club = accounts.insert(Account.RESIDENT, CLUB, encoder.encode(PASSWORD), "石神井 次郎", "シャクジイ ジロウ", "石神井町",
                    "ja", Instant.now());
                accounts.setRoles(club, EnumSet.of(Role.RESIDENT));
            }
        });
    }

    /** A second demo resident: the representative of the demo group (団体) in reservations. */
    static final String CLUB = "club@demo.machi.example";

    private void staff(String email, String name, String hash, Set<Role> roles, Set<String> departments, boolean all) {
        long id = accounts.insert(Account.STAFF, email, hash, name, null, null, "ja", Instant.now());
        accounts.setRoles(id, roles);
        accounts.setDepartments(id, departments, all);
        accounts.confirmTotp(id, TOTP_SECRET, 0);
    }

    static boolean isDemoStaff(String email) {
        return email != null && email.endsWith("@demo.machi.example");
    }
}
