package jp.machi.identity.internal;

import java.util.Optional;
import java.util.Set;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.identity.Role;
import jp.machi.identity.StaffScope;
import org.springframework.stereotype.Service;

/** The identity module's face to other modules. */
@Service
class IdentityFacade implements Accounts, StaffScope {

    private final AccountRepository accounts;

    IdentityFacade(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<AccountSummary> find(long accountId) {
        return accounts.findById(accountId).filter(a -> !a.isDeleted()).map(IdentityFacade::summary);
    }

    @Override
    public Optional<AccountSummary> findByEmail(String email) {
        return accounts.findActiveByEmail(email).map(IdentityFacade::summary);
    }

    @Override
    public Set<String> departmentsOf(long accountId) {
        return accounts.findById(accountId).filter(Account::isStaff).map(Account::departments).orElse(Set.of());
    }

    @Override
    public boolean canSee(long accountId, String departmentCode) {
        return accounts.findById(accountId).filter(Account::isStaff).filter(a -> !a.isDeleted())
            .map(a -> a.allDepartments() || a.has(Role.SYSTEM_ADMIN) || a.departments().contains(departmentCode))
            .orElse(false);
    }

    private static AccountSummary summary(Account a) {
        return new AccountSummary(a.id(), a.isStaff(), a.displayName(), a.email(), a.preferredLanguage());
    }
}
