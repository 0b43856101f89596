package jp.machi.identity.internal;

import java.time.Instant;
import java.util.List;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import jp.machi.shared.security.Role;
import org.springframework.stereotype.Component;

/**
 * The account itself: profile, roles, departments, API tokens (names and dates, never the secrets), the number of
 * unused recovery codes. Erasing is identity's last step of the deletion ({@link PersonalDataService}): the account
 * row and everything that hangs on it are deleted after every module's eraser ran.
 */
@Component
class IdentityPersonalData implements PersonalData {

    record Token(String name, String prefix, Instant createdAt, Instant lastUsedAt) {}

    record Profile(long accountId, String kind, String email, String contactEmail, String displayName,
                   String nameKana, String district, String preferredLanguage, Instant emailVerifiedAt,
                   List<String> roles, List<String> departments, List<Token> apiTokens, int unusedRecoveryCodes) {}

    private final AccountRepository accounts;
    private final ApiTokenService tokens;
    private final TwoFactorService twoFactor;

    IdentityPersonalData(AccountRepository accounts, ApiTokenService tokens, TwoFactorService twoFactor) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.twoFactor = twoFactor;
    }

    @Override
    public String name() {
        return "identity.account";
    }

    @Override
    public Object export(DataSubject person) {
        Account a = accounts.findById(person.accountId()).orElse(null);
        if (a == null) {
            return List.of();
        }
        int codes = twoFactor.unusedRecoveryCodes(a.id());
        return new Profile(a.id(), a.kind().toLowerCase(), a.email(), a.contactEmail(), a.displayName(), a.nameKana(),
            a.district(), a.preferredLanguage(), a.emailVerifiedAt(),
            a.roles().stream().map(Role::name).sorted().toList(), a.departments().stream().sorted().toList(),
            tokens.active(a.id()).stream().map(t -> new Token(t.name(), t.prefix(), t.createdAt(), t.lastUsedAt()))
                .toList(),
            codes);
    }

    /** Nothing here: the account row goes last, after every module's eraser (see PersonalDataService). */
    @Override
    public void erase(DataSubject person) {}
}
